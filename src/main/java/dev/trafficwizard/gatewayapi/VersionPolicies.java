package dev.trafficwizard.gatewayapi;

import dev.trafficwizard.istio.Managed;
import dev.trafficwizard.istio.TrafficPolicies;
import dev.trafficwizard.routing.Hosts;
import dev.trafficwizard.routing.RoutingPlan;
import dev.trafficwizard.routing.TargetService;
import dev.trafficwizard.routing.TrafficPolicy;
import io.fabric8.istio.api.networking.v1.DestinationRule;
import io.fabric8.istio.api.networking.v1.DestinationRuleBuilder;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * A plan's traffic policies under the Gateway API: an HTTPRoute has no subsets, and in ambient mode the
 * waypoint applies the DestinationRule of the Service a backendRef names, so each version Service gets a
 * DestinationRule of its own ({@code <service>-<version>}, host the version Service's FQDN, no subsets,
 * labelled as managed and {@value VersionServices#VERSION_OF}) whose policy is the service's
 * ({@code trafficPolicy}) with the version's parts ({@code versionPolicies.<version>}: tls, loadBalancer,
 * connectionPool, outlierDetection, each as a whole) replacing. A version whose policy is empty gets none.
 * Consistent hashing does not apply to HTTPRoute backends (istio/istio#58708): untranslatable, as the
 * sticky session's.
 */
public final class VersionPolicies {

    private VersionPolicies() {
    }

    /** The name of a version's DestinationRule (the version Service's). */
    public static String name(String service, String version) {
        return VersionServices.name(service, version);
    }

    /** Whether a DestinationRule is the managed policy of one of the service's version Services. */
    public static boolean isVersionRule(DestinationRule dr, String service) {
        return dr != null && Managed.isManaged(dr) && dr.getMetadata().getLabels() != null
                && service.equals(dr.getMetadata().getLabels().get(VersionServices.VERSION_OF));
    }

    /** The policy a version gets: the service's with the version's parts replacing; null when empty. */
    public static TrafficPolicy effective(TrafficPolicy service, TrafficPolicy version) {
        TrafficPolicy s = service == null ? new TrafficPolicy(null, null, null, null) : service;
        TrafficPolicy v = version == null ? new TrafficPolicy(null, null, null, null) : version;
        TrafficPolicy.LoadBalancer lb = v.loadBalancer() != null ? v.loadBalancer() : s.loadBalancer();
        if (lb != null && lb.simple() == null) {
            lb = null;
        } else if (lb != null) {
            lb = new TrafficPolicy.LoadBalancer(lb.simple(), null);
        }
        TrafficPolicy out = new TrafficPolicy(v.tls() != null ? v.tls() : s.tls(), lb,
                v.connectionPool() != null ? v.connectionPool() : s.connectionPool(),
                v.outlierDetection() != null ? v.outlierDetection() : s.outlierDetection());
        return out.setsNothing() ? null : out;
    }

    /** One DestinationRule per version with a policy, in the versions' order. */
    public static List<DestinationRule> build(RoutingPlan plan, TargetService target, Collection<String> versions,
                                              List<Untranslatable> untranslatable) {
        hashes(plan, untranslatable);
        List<DestinationRule> out = new ArrayList<>();
        for (String version : versions) {
            TrafficPolicy policy = effective(plan.trafficPolicy(), plan.versionPolicies().get(version));
            if (policy == null) {
                continue;
            }
            String name = name(target.name(), version);
            Map<String, String> labels = new LinkedHashMap<>();
            labels.put(Managed.LABEL, Managed.VALUE);
            labels.put(VersionServices.VERSION_OF, target.name());
            out.add(new DestinationRuleBuilder()
                    .withNewMetadata().withName(name).withNamespace(target.namespace()).withLabels(labels).endMetadata()
                    .withNewSpec().withHost(Hosts.serviceFqdn(name, target.namespace()))
                    .withTrafficPolicy(TrafficPolicies.toIstio(policy, null)).endSpec()
                    .build());
        }
        return out;
    }

    private static void hashes(RoutingPlan plan, List<Untranslatable> untranslatable) {
        if (plan.trafficPolicy() != null && plan.trafficPolicy().loadBalancer() != null
                && plan.trafficPolicy().loadBalancer().consistentHash() != null) {
            untranslatable.add(new Untranslatable("trafficPolicy.loadBalancer.consistentHash",
                    StickyTranslation.HASH_REASON));
        }
        plan.versionPolicies().forEach((v, p) -> {
            if (p != null && p.loadBalancer() != null && p.loadBalancer().consistentHash() != null) {
                untranslatable.add(new Untranslatable("versionPolicies." + v + ".loadBalancer.consistentHash",
                        StickyTranslation.HASH_REASON));
            }
        });
    }

    /** A service policy and per-version parts. */
    public record Policies(TrafficPolicy trafficPolicy, Map<String, TrafficPolicy> versionPolicies) {
    }

    /**
     * The policies the version DestinationRules say, for the plan's versions: a part every version has
     * alike is the service's, other parts the versions'. Empty when a DestinationRule holds what
     * {@link #build} does not write.
     */
    public static Optional<Policies> parse(List<DestinationRule> rules, Collection<String> versions,
                                           TargetService target) {
        Map<String, TrafficPolicy> byVersion = new LinkedHashMap<>();
        for (String version : versions) {
            String name = VersionServices.name(target.name(), version);
            DestinationRule dr = rules.stream().filter(r -> name.equals(r.getMetadata().getName())).findFirst()
                    .orElse(null);
            if (dr == null) {
                byVersion.put(version, new TrafficPolicy(null, null, null, null));
                continue;
            }
            var spec = dr.getSpec();
            if (spec == null || !Hosts.serviceFqdn(name, target.namespace()).equals(spec.getHost())
                    || spec.getSubsets() != null && !spec.getSubsets().isEmpty()
                    || spec.getExportTo() != null && !spec.getExportTo().isEmpty() || spec.getWorkloadSelector() != null
                    || !spec.getAdditionalProperties().isEmpty()) {
                return Optional.empty();
            }
            if (!TrafficPolicies.onlyPlanFields(spec.getTrafficPolicy())) {
                return Optional.empty();
            }
            TrafficPolicy policy = TrafficPolicies.fromIstio(spec.getTrafficPolicy());
            byVersion.put(version, policy == null ? new TrafficPolicy(null, null, null, null) : policy);
        }
        if (byVersion.values().stream().allMatch(TrafficPolicy::setsNothing)) {
            return Optional.of(new Policies(null, Map.of()));
        }
        TrafficPolicy.Tls tls = common(byVersion, TrafficPolicy::tls);
        TrafficPolicy.LoadBalancer lb = common(byVersion, TrafficPolicy::loadBalancer);
        TrafficPolicy.ConnectionPool pool = common(byVersion, TrafficPolicy::connectionPool);
        TrafficPolicy.OutlierDetection outlier = common(byVersion, TrafficPolicy::outlierDetection);
        TrafficPolicy service = new TrafficPolicy(tls, lb, pool, outlier);
        Map<String, TrafficPolicy> parts = new LinkedHashMap<>();
        byVersion.forEach((v, p) -> {
            TrafficPolicy own = new TrafficPolicy(tls == null ? p.tls() : null, lb == null ? p.loadBalancer() : null,
                    pool == null ? p.connectionPool() : null, outlier == null ? p.outlierDetection() : null);
            if (!own.setsNothing()) {
                parts.put(v, own);
            }
        });
        return Optional.of(new Policies(service.setsNothing() ? null : service, parts));
    }

    private static <T> T common(Map<String, TrafficPolicy> byVersion, Function<TrafficPolicy, T> part) {
        List<T> values = byVersion.values().stream().map(part).toList();
        return values.stream().allMatch(v -> Objects.equals(v, values.get(0))) ? values.get(0) : null;
    }
}
