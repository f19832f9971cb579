package dev.trafficwizard.workflow;

import dev.trafficwizard.cluster.RoutingApplier;
import dev.trafficwizard.istio.EntryPoint;
import dev.trafficwizard.istio.ServiceRoutes;
import dev.trafficwizard.routing.Diagnostic;
import dev.trafficwizard.routing.DiagnosticCode;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * "What changes" before a write, read from the routing model of the live objects and of the live
 * objects with the plan's in their place: per entry point, the routing before and after, and the
 * changes a person may not have meant, as warnings with stable codes:
 * <ul>
 *   <li>{@code GATEWAY_DELETED}: a Gateway is removed;</li>
 *   <li>{@code MESH_UNBOUND}: pod-to-pod calls were routed by a VirtualService and fall back to
 *       plain round robin;</li>
 *   <li>{@code HOST_NOT_SERVED}: a Gateway × host that reached the service no longer does;</li>
 *   <li>{@code VERSION_LOSES_TRAFFIC}: a version that got requests somewhere gets none anywhere;</li>
 *   <li>{@code SUBSET_STILL_USED}: an entry point (often another VirtualService's) would send requests
 *       to a subset the change removes, and they would fail with 503.</li>
 * </ul>
 */
public final class WhatChanges {

    private WhatChanges() {
    }

    /** One entry point whose routing changes: how it routes before and after (null = not an entry point then). */
    public record EntryChange(String key, String label, EntryPoint before, EntryPoint after) {

        /** The routing before in one line, {@code -} when the entry point did not exist. */
        public String beforeText() {
            return text(before);
        }

        public String afterText() {
            return text(after);
        }
    }

    /** The changed entry points and the flags. */
    public record Result(List<EntryChange> changes, List<Diagnostic> flags) {
    }

    public static Result of(ServiceRoutes live, ServiceRoutes proposed, List<RoutingApplier.Write> writes) {
        Map<String, EntryPoint> before = byKey(live);
        Map<String, EntryPoint> after = byKey(proposed);
        Set<String> keys = new LinkedHashSet<>(before.keySet());
        keys.addAll(after.keySet());
        List<EntryChange> changes = new ArrayList<>();
        List<Diagnostic> flags = new ArrayList<>();
        for (RoutingApplier.Write w : writes) {
            if (w.desired() == null && w.live() != null && "Gateway".equals(w.live().getKind())) {
                flags.add(Diagnostic.warning(DiagnosticCode.GATEWAY_DELETED, "gateway",
                        w.live().getMetadata().getNamespace() + "/" + w.live().getMetadata().getName()));
            }
        }
        for (String key : keys) {
            EntryPoint b = before.get(key);
            EntryPoint a = after.get(key);
            if (!text(b).equals(text(a))) {
                changes.add(new EntryChange(key, (a != null ? a : b).label(), b, a));
            }
            if (b != null && a == null && !b.mesh()) {
                flags.add(Diagnostic.warning(DiagnosticCode.HOST_NOT_SERVED, "hosts", b.host(), b.gateway()));
            }
            if (a != null) {
                Set<String> missingBefore = missingSubsets(b);
                missingSubsets(a).stream().filter(subset -> !missingBefore.contains(subset)).forEach(subset ->
                        flags.add(Diagnostic.warning(DiagnosticCode.SUBSET_STILL_USED, "rules", a.virtualService(), subset,
                                a.label())));
            }
        }
        EntryPoint meshBefore = live.mesh();
        EntryPoint meshAfter = proposed.mesh();
        if (!meshBefore.noVirtualService() && meshAfter.noVirtualService()) {
            flags.add(Diagnostic.warning(DiagnosticCode.MESH_UNBOUND, "gateway.includeMesh", meshBefore.host(),
                    meshBefore.virtualService()));
        }
        Set<String> had = versionsWithTraffic(live);
        Set<String> has = versionsWithTraffic(proposed);
        for (String version : had) {
            if (!has.contains(version)) {
                flags.add(Diagnostic.warning(DiagnosticCode.VERSION_LOSES_TRAFFIC, "rules", version));
            }
        }
        return new Result(changes, flags);
    }

    private static Map<String, EntryPoint> byKey(ServiceRoutes routes) {
        Map<String, EntryPoint> out = new LinkedHashMap<>();
        routes.entryPoints().forEach(e -> out.put(e.key(), e));
        return out;
    }

    /** Subsets an entry point's rules send requests to that no DestinationRule defines. */
    private static Set<String> missingSubsets(EntryPoint e) {
        Set<String> out = new LinkedHashSet<>();
        if (e != null) {
            e.rules().stream().filter(r -> !r.shadowed()).flatMap(r -> r.shares().stream())
                    .filter(s -> s.subsetMissing() && s.percent() > 0).forEach(s -> out.add(s.subset()));
        }
        return out;
    }

    /** Versions of the target that receive a share of requests at some entry point. */
    private static Set<String> versionsWithTraffic(ServiceRoutes routes) {
        Set<String> out = new LinkedHashSet<>();
        for (EntryPoint e : routes.entryPoints()) {
            var shares = e.noVirtualService() ? e.roundRobin()
                    : e.rules().stream().filter(r -> !r.shadowed()).flatMap(r -> r.shares().stream()).toList();
            shares.stream().filter(s -> s.percent() > 0 && s.version() != null && !s.subsetMissing())
                    .forEach(s -> out.add(s.version()));
        }
        return out;
    }

    /** An entry point's routing in one line: its match rules, then where other requests go. */
    static String text(EntryPoint e) {
        if (e == null) {
            return "-";
        }
        List<String> parts = new ArrayList<>();
        e.matchingRules().forEach(r -> parts.add(r.matchLabel() + " → " + r.sharesLabel() + effects(r)));
        String otherwise = e.rules().stream().filter(EntryPoint.Rule::catchAll).findFirst()
                .map(WhatChanges::effects).orElse("");
        parts.add((e.noVirtualService() ? "round robin" : "*") + " → "
                + (e.otherwiseNotFound() ? "404" : e.otherwiseLabel() + otherwise));
        return String.join("; ", parts);
    }

    /** A rule's mirrors, faults, timeout and retries in Istio's words, in brackets; empty when it has none. */
    private static String effects(EntryPoint.Rule rule) {
        String label = rule.effects().label();
        return label.isEmpty() ? "" : " [" + label + "]";
    }
}
