package dev.trafficwizard.routing.checks;

import dev.trafficwizard.routing.Diagnostic;
import dev.trafficwizard.routing.DiagnosticCode;
import dev.trafficwizard.routing.Hosts;
import dev.trafficwizard.routing.EffectiveHosts;
import dev.trafficwizard.routing.Names;
import dev.trafficwizard.routing.RoutingPlan;

import java.util.List;

/**
 * Rules bound to the mesh (no gateway, or {@code includeMesh}) only take pod-to-pod calls made to
 * one of the VirtualService's hosts. Explicit {@code hosts} that leave out the service itself
 * (its FQDN, its short {@code name}, or a wildcard covering the FQDN) mean calls to
 * the service never follow the rules ({@code MESH_MISSES_SERVICE}, warning, at {@code hosts};
 * argument: the service FQDN).
 */
public final class MeshServiceHostCheck implements PlanCheck {


    @Override
    public void check(RoutingPlan plan, CheckContext context, List<Diagnostic> out) {
        String fqdn = EffectiveHosts.serviceHost(plan, context.target());
        if (!EffectiveHosts.appliesInMesh(plan) || EffectiveHosts.derived(plan) || fqdn == null
                || plan.namespace() == null || plan.hosts().size() > Limits.MAX_HOSTS) {
            return;
        }
        boolean reaches = plan.hosts().stream()
                .anyMatch(h -> h != null && Names.isHost(h) && covers(h, plan.namespace(), fqdn));
        if (!reaches) {
            out.add(Diagnostic.warning(DiagnosticCode.MESH_MISSES_SERVICE, "hosts", fqdn));
        }
    }

    /**
     * Whether a VirtualService host written in {@code namespace} names the service inside the mesh.
     * Istio's rule (pilot's ResolveShortnameToFQDN): only a name without a dot is short and takes
     * the VirtualService's namespace; {@code name.ns} stays as written and so does not name the
     * service. A small private resolution, kept here until one host type normalises hosts.
     */
    static boolean covers(String host, String namespace, String fqdn) {
        return Hosts.covers(Hosts.resolve(host, namespace), fqdn);
    }
}
