package dev.trafficwizard.routing.checks;

import dev.trafficwizard.routing.Diagnostic;
import dev.trafficwizard.routing.DiagnosticCode;
import dev.trafficwizard.routing.EffectiveHosts;
import dev.trafficwizard.routing.Hosts;
import dev.trafficwizard.routing.MeshView;
import dev.trafficwizard.routing.RoutingPlan;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Another VirtualService already routes one of the plan's hosts for the same gateway binding:
 * both bound to the mesh (no gateways means mesh) or both to the same gateway. Istio then uses
 * only one of them ({@code HOST_CONFLICT}, error, at {@code hosts}, like istioctl's IST0109;
 * arguments: the other VirtualService as {@code namespace/name}, whether Traffic Wizard manages
 * it, and the host). The VirtualService named like the service in its namespace is the plan's own
 * (it gets replaced) and is skipped. Hosts are compared after resolving short names in each
 * VirtualService's namespace; only the VirtualServices that share a host are looked at.
 */
public final class HostConflictCheck implements PlanCheck {

    @Override
    public void check(RoutingPlan plan, CheckContext context, List<Diagnostic> out) {
        if (plan.namespace() == null) {
            return;
        }
        Map<String, String> ours = new LinkedHashMap<>();
        for (String host : EffectiveHosts.of(plan, context.target())) {
            ours.putIfAbsent(Hosts.resolve(host, plan.namespace()), host);
        }
        Map<String, MeshView.VirtualServiceInfo> sharing = new LinkedHashMap<>();
        for (String key : ours.keySet()) {
            for (MeshView.VirtualServiceInfo vs : context.mesh().virtualServicesWithHost(key)) {
                sharing.putIfAbsent(vs.namespace() + "/" + vs.name(), vs);
            }
        }
        Set<String> ourBindings = new HashSet<>(EffectiveHosts.gatewayKeys(plan));
        for (MeshView.VirtualServiceInfo vs : sharing.values()) {
            if (plan.namespace().equals(vs.namespace()) && java.util.Objects.equals(vs.name(), plan.service())) {
                continue;
            }
            if (bindings(vs).stream().noneMatch(ourBindings::contains)) {
                continue;
            }
            vs.hosts().stream()
                    .map(h -> ours.get(Hosts.resolve(h, vs.namespace())))
                    .filter(java.util.Objects::nonNull)
                    .findFirst()
                    .ifPresent(host -> out.add(Diagnostic.error(DiagnosticCode.HOST_CONFLICT, "hosts",
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
}
