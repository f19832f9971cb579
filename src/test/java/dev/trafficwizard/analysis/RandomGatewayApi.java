package dev.trafficwizard.analysis;

import io.fabric8.kubernetes.api.model.ConditionBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.GatewayBuilder;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPBackendRef;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPBackendRefBuilder;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRouteBuilder;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRouteRule;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRouteRuleBuilder;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.Listener;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.ListenerBuilder;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.ParentReference;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.ParentReferenceBuilder;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.RouteParentStatusBuilder;
import io.fabric8.kubernetes.api.model.gatewayapi.v1beta1.ReferenceGrantBuilder;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static dev.trafficwizard.analysis.RandomMeshes.NAMESPACES;
import static dev.trafficwizard.analysis.RandomMeshes.SERVICES;

/**
 * The Gateway API side of {@link RandomMeshes}: HTTPRoutes (Gateway and Service parents, local and
 * cross-namespace backends, hostnames, a refusing status now and then), Gateway API Gateways
 * (ingress ones and waypoints; listeners with hostnames, {@code allowedRoutes} and cross-namespace
 * certificates), ReferenceGrants and Namespaces with ambient and waypoint labels, from the same pools.
 */
final class RandomGatewayApi {

    private static final List<String> GATEWAYS = List.of("gw1", "wp1", "wp2");
    private static final List<String> HOSTNAMES = List.of("x.example.com", "*.example.com", "a.example.org");

    private final RandomMeshes random;

    RandomGatewayApi(RandomMeshes random) {
        this.random = random;
    }

    HasMetadata httpRoute() {
        List<ParentReference> parents = new ArrayList<>();
        for (int i = 0, n = 1 + random.nextInt(2); i < n; i++) {
            ParentReferenceBuilder p = new ParentReferenceBuilder().withName(random.nextInt(2) == 0 ? random.pick(GATEWAYS)
                    : random.pick(SERVICES));
            if (random.nextInt(2) == 0) {
                p.withGroup("").withKind("Service").withName(random.pick(SERVICES));
            }
            if (random.nextInt(3) == 0) {
                p.withNamespace(random.pick(NAMESPACES));
            }
            parents.add(p.build());
        }
        List<HTTPRouteRule> rules = new ArrayList<>();
        for (int i = 0, n = 1 + random.nextInt(2); i < n; i++) {
            List<HTTPBackendRef> backends = new ArrayList<>();
            for (int j = 0, m = 1 + random.nextInt(2); j < m; j++) {
                backends.add(new HTTPBackendRefBuilder().withName(random.pick(List.of("r", "s", "t", "gone"))).withPort(80)
                        .withNamespace(random.nextInt(3) == 0 ? random.pick(NAMESPACES) : null)
                        .withWeight(random.nextInt(3) == 0 ? random.nextInt(2) * 50 : null).build());
            }
            rules.add(new HTTPRouteRuleBuilder().withBackendRefs(backends).build());
        }
        HTTPRouteBuilder route = new HTTPRouteBuilder()
                .withMetadata(random.meta("HTTPRoute.gateway.networking.k8s.io", random.pick(NAMESPACES), random.pick(SERVICES), null))
                .withNewSpec().withParentRefs(parents).withRules(rules)
                .withHostnames(random.nextBoolean() ? List.of() : List.of(random.pick(HOSTNAMES))).endSpec();
        if (random.nextInt(4) == 0) {
            route.withNewStatus().withParents(new RouteParentStatusBuilder().withParentRef(parents.get(0))
                    .withControllerName("istio.io/gateway-controller")
                    .withConditions(new ConditionBuilder().withType(random.pick(List.of("Accepted", "ResolvedRefs")))
                            .withStatus(random.pick(List.of("True", "False"))).withReason("R").withMessage("m").build())
                    .build()).endStatus();
        }
        return route.build();
    }

    HasMetadata gateway() {
        String name = random.pick(GATEWAYS);
        List<Listener> listeners = new ArrayList<>();
        for (int i = 0, n = 1 + random.nextInt(2); i < n; i++) {
            ListenerBuilder l = new ListenerBuilder().withName("l" + i).withPort(80 + i)
                    .withProtocol(random.nextInt(5) == 0 ? "TCP" : "HTTPS")
                    .withHostname(random.nextBoolean() ? null : random.pick(HOSTNAMES));
            switch (random.nextInt(4)) {
                case 0 -> l.withNewAllowedRoutes().withNewNamespaces().withFrom("All").endNamespaces().endAllowedRoutes();
                case 1 -> l.withNewAllowedRoutes().withNewNamespaces().withFrom("Selector").withNewSelector()
                        .withMatchLabels(Map.of("gateway-access", "yes")).endSelector().endNamespaces().endAllowedRoutes();
                default -> { }
            }
            if (random.nextBoolean()) {
                l.withNewTls().addNewCertificateRef().withName("cert").withNamespace(random.pick(NAMESPACES))
                        .endCertificateRef().endTls();
            }
            listeners.add(l.build());
        }
        return new GatewayBuilder().withMetadata(random.meta("Gateway.gateway.networking.k8s.io", random.pick(NAMESPACES),
                name, null)).withNewSpec().withGatewayClassName(name.startsWith("wp") ? "istio-waypoint" : "istio")
                .withListeners(listeners).endSpec().build();
    }

    HasMetadata referenceGrant() {
        boolean secret = random.nextInt(3) == 0;
        return new ReferenceGrantBuilder().withMetadata(random.meta("ReferenceGrant.gateway.networking.k8s.io",
                        random.pick(NAMESPACES), random.pick(List.of("g1", "g2")), null))
                .withNewSpec().addNewFrom().withGroup(ObjectRef.GATEWAY_API_GROUP)
                .withKind(secret ? "Gateway" : "HTTPRoute").withNamespace(random.pick(NAMESPACES)).endFrom()
                .addNewTo().withGroup("").withKind(secret ? "Secret" : "Service")
                .withName(random.nextBoolean() ? null : secret ? "cert" : random.pick(SERVICES)).endTo().endSpec().build();
    }

    HasMetadata namespace() {
        String name = random.pick(NAMESPACES);
        ObjectMeta meta = random.meta("Namespace", null, name, null);
        Map<String, String> labels = new HashMap<>();
        if (random.nextBoolean()) {
            labels.put("istio.io/dataplane-mode", "ambient");
        }
        if (random.nextBoolean()) {
            labels.put("istio.io/use-waypoint", random.pick(List.of("wp1", "wp2", "none")));
        }
        if (random.nextInt(3) == 0) {
            labels.put("istio.io/use-waypoint-namespace", random.pick(NAMESPACES));
        }
        if (random.nextBoolean()) {
            labels.put("gateway-access", "yes");
        }
        meta.setLabels(labels);
        return new NamespaceBuilder().withMetadata(meta).build();
    }
}
