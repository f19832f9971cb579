package dev.trafficwizard.routing.checks;

import dev.trafficwizard.routing.Diagnostic;
import dev.trafficwizard.routing.EffectiveHosts;
import dev.trafficwizard.routing.MeshView;
import dev.trafficwizard.routing.RoutingPlan;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Another VirtualService already routes one of the plan's hosts for the same gateway binding:
 * both bound to the mesh (no gateways means mesh) or both to the same gateway. Istio then uses
 * only one of them ({@code HOST_CONFLICT}, error, at {@code hosts}, like istioctl's IST0109;
 * arguments: the other VirtualService as {@code namespace/name}, whether Traffic Wizard manages
 * it, and the host). The VirtualService named like the service in its namespace is the plan's own
 * (it gets replaced) and is skipped. Hosts are compared after resolving short names in each
 * VirtualService's namespace.
 */
public final class HostConflictCheck implements PlanCheck {

    @Override
    public void check(RoutingPlan plan, CheckContext context, List<Diagnostic> out) {
        if (plan.namespace() == null || context.mesh().virtualServices().isEmpty()) {
            return;
        }
        Map<String, String> ours = new LinkedHashMap<>();
        for (String host : EffectiveHosts.of(plan, context.target())) {
            ours.putIfAbsent(hostKey(host, plan.namespace()), host);
        }
        Set<String> ourBindings = new HashSet<>(EffectiveHosts.gatewayKeys(plan));
        for (MeshView.VirtualServiceInfo vs : context.mesh().virtualServices()) {
            if (plan.namespace().equals(vs.namespace()) && java.util.Objects.equals(vs.name(), plan.service())) {
                continue;
            }
            if (bindings(vs).stream().noneMatch(ourBindings::contains)) {
                continue;
            }
            vs.hosts().stream()
                    .map(h -> ours.get(hostKey(h, vs.namespace())))
                    .filter(java.util.Objects::nonNull)
                    .findFirst()
                    .ifPresent(host -> out.add(Diagnostic.error("HOST_CONFLICT", "hosts",
                            vs.namespace() + "/" + vs.name(), vs.managed(), host)));
        }
    }

    /** The gateways a VirtualService is bound to, as {@code namespace/name} or {@code mesh}. */
    static Set<String> bindings(MeshView.VirtualServiceInfo vs) {
        if (vs.gateways().isEmpty()) {
            return Set.of(EffectiveHosts.MESH);
        }
        Set<String> keys = new HashSet<>();
        for (String g : vs.gateways()) {
            keys.add(EffectiveHosts.MESH.equals(g) || g.contains("/") ? g : vs.namespace() + "/" + g);
        }
        return keys;
    }

    /**
     * A host for comparison, as resolved in a VirtualService of {@code namespace}: {@code reviews}
     * becomes {@code reviews.<namespace>.svc.cluster.local} and {@code reviews.bookinfo} becomes
     * {@code reviews.bookinfo.svc.cluster.local} (as kiali reads them); wildcards and longer names
     * stay as written, lowercased. Only for comparing: both sides go through the same rule.
     */
    static String hostKey(String host, String namespace) {
        String h = host.toLowerCase(Locale.ROOT);
        if (h.startsWith("*")) {
            return h;
        }
        long dots = h.chars().filter(c -> c == '.').count();
        if (dots == 0) {
            return h + "." + namespace + "." + EffectiveHosts.CLUSTER_DOMAIN;
        }
        return dots == 1 ? h + "." + EffectiveHosts.CLUSTER_DOMAIN : h;
    }
}
