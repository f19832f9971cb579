package dev.trafficwizard.istio;

import io.fabric8.istio.api.api.networking.v1alpha3.HTTPMatchRequest;
import io.fabric8.istio.api.api.networking.v1alpha3.HTTPMatchRequestBuilder;
import io.fabric8.istio.api.api.networking.v1alpha3.HTTPRoute;
import io.fabric8.istio.api.api.networking.v1alpha3.HTTPRouteBuilder;
import io.fabric8.istio.api.api.networking.v1alpha3.HTTPRouteDestination;
import io.fabric8.istio.api.api.networking.v1alpha3.HTTPRouteDestinationBuilder;
import io.fabric8.istio.api.api.networking.v1alpha3.ServerBuilder;
import io.fabric8.istio.api.api.networking.v1alpha3.StringMatch;
import io.fabric8.istio.api.api.networking.v1alpha3.StringMatchExact;
import io.fabric8.istio.api.api.networking.v1alpha3.StringMatchPrefix;
import io.fabric8.istio.api.api.networking.v1alpha3.StringMatchRegex;
import io.fabric8.istio.api.api.networking.v1alpha3.SubsetBuilder;
import io.fabric8.istio.api.networking.v1.DestinationRule;
import io.fabric8.istio.api.networking.v1.DestinationRuleBuilder;
import io.fabric8.istio.api.networking.v1.Gateway;
import io.fabric8.istio.api.networking.v1.GatewayBuilder;
import io.fabric8.istio.api.networking.v1.VirtualService;
import io.fabric8.istio.api.networking.v1.VirtualServiceBuilder;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

/** Short builders of Istio objects for tests that read routing: VirtualServices, rules, subsets, Gateways. */
public final class IstioObjects {

    private IstioObjects() {
    }

    public static VirtualService vs(String ns, String name, List<String> hosts, List<String> gateways,
                                    HTTPRoute... rules) {
        return new VirtualServiceBuilder().withNewMetadata().withNamespace(ns).withName(name).endMetadata()
                .withNewSpec().withHosts(hosts).withGateways(gateways).withHttp(rules).endSpec().build();
    }

    public static HTTPRoute rule(List<HTTPMatchRequest> match, HTTPRouteDestination... route) {
        return new HTTPRouteBuilder().withMatch(match).withRoute(route).build();
    }

    public static HTTPRouteDestination dest(String host, String subset, Integer weight) {
        return new HTTPRouteDestinationBuilder().withNewDestination().withHost(host).withSubset(subset)
                .endDestination().withWeight(weight).build();
    }

    public static HTTPMatchRequestBuilder match() {
        return new HTTPMatchRequestBuilder();
    }

    public static HTTPMatchRequest header(String name, String value) {
        return match().withHeaders(Map.of(name, exact(value))).build();
    }

    public static StringMatch exact(String s) {
        return new StringMatch(new StringMatchExact(s));
    }

    public static StringMatch prefix(String s) {
        return new StringMatch(new StringMatchPrefix(s));
    }

    public static StringMatch regex(String s) {
        return new StringMatch(new StringMatchRegex(s));
    }

    /** A DestinationRule with one subset per version, each selecting {@code version: <v>}. */
    public static DestinationRule dr(String ns, String host, String... versions) {
        return new DestinationRuleBuilder().withNewMetadata().withNamespace(ns).withName(host.split("\\.")[0])
                .endMetadata().withNewSpec().withHost(host)
                .withSubsets(Arrays.stream(versions).map(v -> new SubsetBuilder().withName(v)
                        .withLabels(Map.of("version", v)).build()).toList())
                .endSpec().build();
    }

    /** An ingress Gateway with one HTTP server on port 80 for these hosts. */
    public static Gateway gateway(String ns, String name, String... hosts) {
        return new GatewayBuilder().withNewMetadata().withNamespace(ns).withName(name).endMetadata()
                .withNewSpec().withSelector(Map.of("istio", "ingressgateway"))
                .withServers(new ServerBuilder().withHosts(hosts).withNewPort().withNumber(80L).withName("http")
                        .withProtocol("HTTP").endPort().build())
                .endSpec().build();
    }
}
