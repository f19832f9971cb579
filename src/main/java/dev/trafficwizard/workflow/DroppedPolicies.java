package dev.trafficwizard.workflow;

import dev.trafficwizard.gatewayapi.VersionPolicies;
import dev.trafficwizard.routing.Diagnostic;
import dev.trafficwizard.routing.DiagnosticCode;
import dev.trafficwizard.routing.TargetService;
import io.fabric8.istio.api.api.networking.v1alpha3.Subset;
import io.fabric8.istio.api.networking.v1.DestinationRule;
import io.fabric8.kubernetes.client.utils.Serialization;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The traffic policy a move between the two APIs leaves behind, leaf by leaf ({@code FIELDS_DROPPED}):
 * Istio's DestinationRule (top-level policy, each subset's replacing its parts as Istio merges them)
 * against the per-version DestinationRules the Gateway API gets, and back. A leaf is a scalar or a
 * list at its path ({@code outlierDetection.interval}, {@code portLevelSettings}); one the other side
 * has at the same path (whatever its value: a changed value is the plan's) is kept. The consistent
 * hash is the sticky session's, never named here.
 */
final class DroppedPolicies {

    private static final String HASH = "loadBalancer.consistentHash";

    private DroppedPolicies() {
    }

    /**
     * A move to the Gateway API: what the service's Istio DestinationRule {@code live} holds for the
     * routed {@code versions} (and for subsets of versions no longer routed) that none of the
     * {@code written} version DestinationRules carries.
     */
    static Optional<Diagnostic> toGatewayApi(DestinationRule live, Collection<String> versions,
                                             List<DestinationRule> written, TargetService target) {
        if (live.getSpec() == null) {
            return Optional.empty();
        }
        Map<String, Object> top = leaves(live.getSpec().getTrafficPolicy());
        Map<String, Subset> subsets = new LinkedHashMap<>();
        if (live.getSpec().getSubsets() != null) {
            live.getSpec().getSubsets().forEach(s -> subsets.put(version(s, target), s));
        }
        Set<String> lost = new LinkedHashSet<>();
        for (String version : versions) {
            String name = VersionPolicies.name(target.name(), version);
            Map<String, Object> kept = leaves(written.stream().filter(d -> name.equals(d.getMetadata().getName()))
                    .findFirst().map(d -> d.getSpec() == null ? null : d.getSpec().getTrafficPolicy()).orElse(null));
            Subset subset = subsets.get(version);
            Map<String, Object> own = leaves(subset == null ? null : subset.getTrafficPolicy());
            Set<String> replaced = parts(own.keySet());
            top.keySet().stream().filter(p -> !replaced.contains(part(p)) && !kept.containsKey(p))
                    .forEach(p -> lost.add("spec.trafficPolicy." + p));
            own.keySet().stream().filter(p -> !kept.containsKey(p))
                    .forEach(p -> lost.add("spec.subsets[" + subset.getName() + "].trafficPolicy." + p));
        }
        // subsets of versions no longer routed go away with their policies
        subsets.forEach((version, subset) -> {
            if (!versions.contains(version)) {
                leaves(subset.getTrafficPolicy()).keySet()
                        .forEach(p -> lost.add("spec.subsets[" + subset.getName() + "].trafficPolicy." + p));
            }
        });
        return warning(live, lost);
    }

    /**
     * A move back to Istio's API: what a version DestinationRule {@code versionRule} (of
     * {@code version}) holds that the new Istio DestinationRule {@code desired} does not carry for
     * that version's subset (its top-level policy with the subset's parts replacing).
     */
    static Optional<Diagnostic> toIstio(DestinationRule versionRule, String version, DestinationRule desired,
                                        TargetService target) {
        if (versionRule.getSpec() == null) {
            return Optional.empty();
        }
        Map<String, Object> theirs = leaves(versionRule.getSpec().getTrafficPolicy());
        Map<String, Object> kept = new LinkedHashMap<>();
        if (desired != null && desired.getSpec() != null) {
            Map<String, Object> own = desired.getSpec().getSubsets() == null ? Map.of()
                    : desired.getSpec().getSubsets().stream().filter(s -> version.equals(version(s, target)))
                    .findFirst().map(s -> leaves(s.getTrafficPolicy())).orElse(Map.of());
            Set<String> replaced = parts(own.keySet());
            leaves(desired.getSpec().getTrafficPolicy()).forEach((p, v) -> {
                if (!replaced.contains(part(p))) {
                    kept.put(p, v);
                }
            });
            kept.putAll(own);
        }
        Set<String> lost = new LinkedHashSet<>();
        theirs.keySet().stream().filter(p -> !kept.containsKey(p)).forEach(p -> lost.add("spec.trafficPolicy." + p));
        return warning(versionRule, lost);
    }

    /**
     * A plan under the Gateway API again: what a live version DestinationRule holds that the one
     * written in its place ({@code written}, null when it goes away) does not, since the write replaces
     * it whole (hand-set fields such as a locality setting included).
     */
    static Optional<Diagnostic> replaced(DestinationRule live, DestinationRule written) {
        if (live.getSpec() == null) {
            return Optional.empty();
        }
        Map<String, Object> kept = leaves(written == null || written.getSpec() == null ? null
                : written.getSpec().getTrafficPolicy());
        Set<String> lost = new LinkedHashSet<>();
        leaves(live.getSpec().getTrafficPolicy()).keySet().stream().filter(p -> !kept.containsKey(p))
                .forEach(p -> lost.add("spec.trafficPolicy." + p));
        return warning(live, lost);
    }

    private static Optional<Diagnostic> warning(DestinationRule dr, Set<String> lost) {
        if (lost.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(Diagnostic.warning(DiagnosticCode.FIELDS_DROPPED, "api", dr.getKind(),
                dr.getMetadata().getNamespace() + "/" + dr.getMetadata().getName(), String.join(", ", lost)));
    }

    private static String version(Subset subset, TargetService target) {
        String label = subset.getLabels() == null ? null : subset.getLabels().get(target.versionLabel());
        return label != null ? label : subset.getName();
    }

    /** The top-level parts (tls, loadBalancer, ...) the paths belong to: a subset's part replaces the service's whole. */
    private static Set<String> parts(Collection<String> paths) {
        Set<String> out = new LinkedHashSet<>();
        paths.forEach(p -> out.add(part(p)));
        return out;
    }

    private static String part(String path) {
        int dot = path.indexOf('.');
        return dot < 0 ? path : path.substring(0, dot);
    }

    /** The policy's leaves by path, without the consistent hash; empty for none. */
    static Map<String, Object> leaves(Object policy) {
        Map<String, Object> out = new LinkedHashMap<>();
        if (policy != null) {
            flatten("", Serialization.jsonMapper().convertValue(policy, Map.class), out);
        }
        out.keySet().removeIf(p -> p.equals(HASH) || p.startsWith(HASH + "."));
        return out;
    }

    @SuppressWarnings("unchecked")
    private static void flatten(String prefix, Object value, Map<String, Object> out) {
        if (value instanceof Map<?, ?> map) {
            if (map.isEmpty() && !prefix.isEmpty()) {
                out.put(prefix, value);
            }
            ((Map<String, Object>) map).forEach((k, v) -> flatten(prefix.isEmpty() ? k : prefix + "." + k, v, out));
        } else if (value != null && !(value instanceof List<?> list && list.isEmpty())) {
            out.put(prefix, value);
        }
    }
}
