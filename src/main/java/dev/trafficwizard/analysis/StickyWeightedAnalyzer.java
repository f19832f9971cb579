package dev.trafficwizard.analysis;

import dev.trafficwizard.routing.DiagnosticCode;
import dev.trafficwizard.routing.Hosts;
import io.fabric8.istio.api.api.networking.v1alpha3.HTTPRoute;
import io.fabric8.istio.api.api.networking.v1alpha3.HTTPRouteDestination;
import io.fabric8.istio.api.api.networking.v1alpha3.HeadersHeaderOperations;
import io.fabric8.istio.api.api.networking.v1alpha3.LoadBalancerSettings;
import io.fabric8.istio.api.api.networking.v1alpha3.LoadBalancerSettingsConsistentHash;
import io.fabric8.istio.api.api.networking.v1alpha3.TrafficPolicy;
import io.fabric8.istio.api.networking.v1.DestinationRule;
import io.fabric8.istio.api.networking.v1.VirtualService;

import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * Our own rule, the live twin of {@link dev.trafficwizard.routing.checks.StickyWeightedCheck}: an
 * HTTP rule splits traffic by weight over several destinations while a DestinationRule of one of
 * their hosts hashes consistently ({@code loadBalancer.consistentHash}, for the host, a port or a
 * subset): Envoy picks the destination at random for each request before it hashes, so users are
 * not kept on one version ({@code STICKY_WEIGHTED}, warning, once per VirtualService at
 * {@code spec.http[i].route} of the first such rule; argument: the rule's number counted from 1).
 * Not reported when every weighted destination sets a cookie in its response ({@code Set-Cookie}:
 * versions pinned by cookie, as "Keep each user on their version" writes them).
 */
public final class StickyWeightedAnalyzer extends VirtualServiceAnalyzer {

    @Override
    void check(VirtualService vs, MeshSnapshot mesh, List<Finding> out) {
        List<HTTPRoute> http = vs.getSpec().getHttp();
        String ns = vs.getMetadata().getNamespace();
        for (int i = 0; http != null && i < http.size(); i++) {
            List<HTTPRouteDestination> weighted = weighted(http.get(i));
            if (weighted.size() > 1 && !weighted.stream().allMatch(StickyWeightedAnalyzer::setsCookie)
                    && weighted.stream().map(d -> d.getDestination().getHost()).filter(Objects::nonNull).distinct()
                    .anyMatch(h -> mesh.destinationRulesFor(Hosts.resolve(h, ns)).stream().anyMatch(StickyWeightedAnalyzer::hashes))) {
                out.add(Finding.warning(DiagnosticCode.STICKY_WEIGHTED, vs, "spec.http[" + i + "].route", i + 1));
                return;
            }
        }
    }

    /** The destinations of a rule that get traffic (weight above 0). */
    private static List<HTTPRouteDestination> weighted(HTTPRoute rule) {
        if (rule == null || rule.getRoute() == null) {
            return List.of();
        }
        return rule.getRoute().stream().filter(d -> d != null && d.getDestination() != null)
                .filter(d -> d.getWeight() != null && d.getWeight() > 0).toList();
    }

    private static boolean setsCookie(HTTPRouteDestination d) {
        HeadersHeaderOperations response = d.getHeaders() == null ? null : d.getHeaders().getResponse();
        return response != null && Stream.of(response.getSet(), response.getAdd()).filter(Objects::nonNull)
                .flatMap(m -> m.keySet().stream())
                .anyMatch("set-cookie"::equalsIgnoreCase);
    }

    /** Whether the DestinationRule hashes consistently anywhere (the host, a port, a subset). */
    static boolean hashes(DestinationRule dr) {
        if (dr.getSpec() == null) {
            return false;
        }
        Stream<TrafficPolicy> subsetPolicies = dr.getSpec().getSubsets() == null ? Stream.empty()
                : dr.getSpec().getSubsets().stream().filter(Objects::nonNull).map(s -> s.getTrafficPolicy());
        return Stream.concat(Stream.of(dr.getSpec().getTrafficPolicy()), subsetPolicies).filter(Objects::nonNull)
                .anyMatch(StickyWeightedAnalyzer::hashes);
    }

    private static boolean hashes(TrafficPolicy policy) {
        Stream<LoadBalancerSettings> ports = policy.getPortLevelSettings() == null ? Stream.empty()
                : policy.getPortLevelSettings().stream().filter(Objects::nonNull).map(p -> p.getLoadBalancer());
        return Stream.concat(Stream.of(policy.getLoadBalancer()), ports).filter(Objects::nonNull)
                .anyMatch(lb -> lb.getLbPolicy() instanceof LoadBalancerSettingsConsistentHash ch
                        && ch.getConsistentHash() != null);
    }
}
