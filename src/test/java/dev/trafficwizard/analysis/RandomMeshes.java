package dev.trafficwizard.analysis;

import io.fabric8.istio.api.api.networking.v1alpha3.HTTPMatchRequestBuilder;
import io.fabric8.istio.api.api.networking.v1alpha3.HTTPRoute;
import io.fabric8.istio.api.api.networking.v1alpha3.HTTPRouteBuilder;
import io.fabric8.istio.api.api.networking.v1alpha3.HTTPRouteDestination;
import io.fabric8.istio.api.api.networking.v1alpha3.HTTPRouteDestinationBuilder;
import io.fabric8.istio.api.api.networking.v1alpha3.LoadBalancerSettingsConsistentHash;
import io.fabric8.istio.api.api.networking.v1alpha3.LoadBalancerSettingsConsistentHashLB;
import io.fabric8.istio.api.api.networking.v1alpha3.LoadBalancerSettingsConsistentHashLBUseSourceIp;
import io.fabric8.istio.api.api.networking.v1alpha3.ServerBuilder;
import io.fabric8.istio.api.api.networking.v1alpha3.StringMatch;
import io.fabric8.istio.api.api.networking.v1alpha3.StringMatchExact;
import io.fabric8.istio.api.api.networking.v1alpha3.StringMatchPrefix;
import io.fabric8.istio.api.api.networking.v1alpha3.Subset;
import io.fabric8.istio.api.api.networking.v1alpha3.SubsetBuilder;
import io.fabric8.istio.api.networking.v1.DestinationRuleBuilder;
import io.fabric8.istio.api.networking.v1.GatewayBuilder;
import io.fabric8.istio.api.networking.v1.VirtualServiceBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.client.utils.Serialization;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * Small random meshes whose objects collide on purpose: VirtualServices, DestinationRules,
 * Gateways, Services and Deployments, and the Gateway API's objects ({@link RandomGatewayApi}), from small pools of namespaces, names, hosts (short, FQDN,
 * external, wildcard, missing), subsets, gateways and labels; each object keeps its uid across
 * updates and gets a new resourceVersion every time.
 */
final class RandomMeshes {

    static final List<String> NAMESPACES = List.of("a", "b");
    static final List<String> SERVICES = List.of("r", "s", "t");
    private static final List<String> HOSTS = List.of("r", "s", "t", "r.a.svc.cluster.local", "s.b.svc.cluster.local",
            "t.b.svc.cluster.local", "x.example.com", "*.example.com", "*.a.svc.cluster.local", "*", "gone");
    private static final List<String> GATEWAYS = List.of("mesh", "gw1", "b/gw2", "a/gw1", "missing");
    private static final List<String> SERVER_HOSTS = List.of("*", "x.example.com", "*.example.com", "./x.example.com",
            "b/*", "a/r.a.svc.cluster.local", "*/s.b.svc.cluster.local");
    private static final List<String> VERSIONS = List.of("v1", "v2", "v3");

    private final Random random;
    private final RandomGatewayApi gatewayApi = new RandomGatewayApi(this);
    private final Map<String, String> uids = new LinkedHashMap<>();
    private int version;

    RandomMeshes(Random random) {
        this.random = random;
    }

    int nextInt(int bound) {
        return random.nextInt(bound);
    }

    boolean nextBoolean() {
        return random.nextBoolean();
    }

    <T> T pick(List<T> list) {
        return list.get(random.nextInt(list.size()));
    }

    HasMetadata object() {
        List<Supplier<HasMetadata>> kinds = List.of(this::virtualService, this::virtualService, this::destinationRule,
                this::gateway, this::service, this::deployment, gatewayApi::httpRoute, gatewayApi::httpRoute,
                gatewayApi::gateway, gatewayApi::referenceGrant, gatewayApi::namespace);
        return pick(kinds).get();
    }

    /** Another random object of the same kind, namespace and name: an update. */
    HasMetadata like(HasMetadata old) {
        HasMetadata next;
        do {
            next = object();
        } while (!ObjectRef.kindOf(next).equals(ObjectRef.kindOf(old)));
        Map<String, String> labels = next.getMetadata().getLabels();
        next.setMetadata(meta(ObjectRef.kindOf(old), old.getMetadata().getNamespace(), old.getMetadata().getName(),
                old.getMetadata().getAnnotations()));
        next.getMetadata().setLabels(labels);
        return next;
    }

    HasMetadata touched(HasMetadata old) {
        HasMetadata copy = Serialization.clone(old);
        copy.getMetadata().setResourceVersion(Integer.toString(++version));
        return copy;
    }

    ObjectMeta meta(String kind, String ns, String name, Map<String, String> annotations) {
        String uid = uids.computeIfAbsent(kind + "/" + ns + "/" + name, k -> UUID.randomUUID().toString());
        return new ObjectMetaBuilder().withNamespace(ns).withName(name).withUid(uid)
                .withResourceVersion(Integer.toString(++version)).withAnnotations(annotations).build();
    }

    private HasMetadata virtualService() {
        List<HTTPRoute> rules = new ArrayList<>();
        for (int i = 0, n = 1 + random.nextInt(3); i < n; i++) {
            List<HTTPRouteDestination> route = new ArrayList<>();
            for (int j = 0, m = 1 + random.nextInt(3); j < m; j++) {
                route.add(new HTTPRouteDestinationBuilder().withNewDestination().withHost(pick(HOSTS))
                        .withSubset(random.nextBoolean() ? null : pick(VERSIONS)).endDestination()
                        .withWeight(m == 1 && random.nextBoolean() ? null : random.nextInt(3) * 50).build());
            }
            HTTPRouteBuilder rule = new HTTPRouteBuilder().withRoute(route);
            switch (random.nextInt(3)) {
                case 0 -> rule.withMatch(new HTTPMatchRequestBuilder().withUri(new StringMatch(new StringMatchPrefix("/api"))).build());
                case 1 -> rule.withMatch(new HTTPMatchRequestBuilder()
                        .withHeaders(Map.of("x-user", new StringMatch(new StringMatchExact("a")))).build());
                default -> { }
            }
            if (random.nextInt(4) == 0) {
                rule.withNewMirror().withHost(pick(HOSTS)).withSubset(random.nextBoolean() ? null : pick(VERSIONS)).endMirror();
            }
            rules.add(rule.build());
        }
        List<String> gateways = random.nextBoolean() ? List.of() : List.of(pick(GATEWAYS), pick(GATEWAYS));
        List<String> exportTo = random.nextBoolean() ? List.of() : List.of(pick(List.of(".", "b", "*", "a")));
        return new VirtualServiceBuilder().withMetadata(meta("VirtualService", pick(NAMESPACES), pick(SERVICES), null))
                .withNewSpec().withHosts(random.nextInt(3) == 0 ? List.of(pick(HOSTS), pick(HOSTS)) : List.of(pick(HOSTS)))
                .withGateways(gateways).withExportTo(exportTo).withHttp(rules).endSpec().build();
    }

    private HasMetadata destinationRule() {
        List<Subset> subsets = new ArrayList<>();
        for (String v : VERSIONS) {
            if (random.nextBoolean()) {
                subsets.add(new SubsetBuilder().withName(v).withLabels(Map.of("version", v)).build());
            }
        }
        DestinationRuleBuilder dr = new DestinationRuleBuilder()
                .withMetadata(meta("DestinationRule", pick(NAMESPACES), pick(SERVICES), null))
                .withNewSpec().withHost(pick(HOSTS)).withSubsets(subsets)
                .withExportTo(random.nextInt(4) == 0 ? List.of(".") : List.of()).endSpec();
        if (random.nextBoolean()) {
            LoadBalancerSettingsConsistentHashLB hash = new LoadBalancerSettingsConsistentHashLB();
            hash.setHashKey(new LoadBalancerSettingsConsistentHashLBUseSourceIp(true));
            dr.editSpec().withNewTrafficPolicy().withNewLoadBalancer()
                    .withLbPolicy(new LoadBalancerSettingsConsistentHash(hash)).endLoadBalancer().endTrafficPolicy().endSpec();
        }
        return dr.build();
    }

    private HasMetadata gateway() {
        return new GatewayBuilder().withMetadata(meta("Gateway", pick(NAMESPACES), pick(List.of("gw1", "gw2")), null))
                .withNewSpec().withSelector(Map.of("istio", "ingressgateway"))
                .withServers(random.nextInt(5) == 0 ? List.of() : List.of(new ServerBuilder().withNewPort()
                        .withNumber(80L).withName("http").withProtocol("HTTP").endPort()
                        .withHosts(pick(SERVER_HOSTS), pick(SERVER_HOSTS)).build())).endSpec().build();
    }

    private HasMetadata service() {
        Map<String, String> annotations = random.nextInt(4) == 0 ? Map.of(ClusterHosts.EXPORT_TO, pick(List.of(".", "a", "b,a"))) : null;
        String name = pick(SERVICES);
        ObjectMeta meta = meta("Service", pick(NAMESPACES), name, annotations);
        if (random.nextInt(3) == 0) {
            meta.setLabels(random.nextBoolean() ? Map.of("istio.io/use-waypoint", pick(List.of("wp1", "wp2", "none")))
                    : Map.of("istio.io/use-waypoint", "wp1", "istio.io/use-waypoint-namespace", pick(NAMESPACES)));
        }
        return new ServiceBuilder().withMetadata(meta)
                .withNewSpec().withSelector(random.nextInt(5) == 0 ? Map.of() : Map.of("app", name)).endSpec().build();
    }

    private HasMetadata deployment() {
        String app = pick(SERVICES);
        String v = pick(VERSIONS);
        return new DeploymentBuilder().withMetadata(meta("Deployment", pick(NAMESPACES), app + "-" + v, null))
                .withNewSpec().withReplicas(random.nextInt(3)).withNewTemplate().withNewMetadata()
                .withLabels(Map.of("app", app, "version", v)).endMetadata().endTemplate().endSpec()
                .withNewStatus().withReadyReplicas(random.nextInt(2)).endStatus().build();
    }
}
