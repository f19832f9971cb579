package dev.trafficwizard.routing.checks;

import dev.trafficwizard.routing.Diagnostic;
import dev.trafficwizard.routing.DiagnosticCode;
import dev.trafficwizard.routing.EffectiveHosts;
import dev.trafficwizard.routing.RoutingPlan;

import java.util.List;

/**
 * A VirtualService host {@code *} while the rules apply inside the mesh (no gateway, or
 * {@code includeMesh}) would capture every call of every sidecar; Istio rejects it
 * ({@code MESH_WILDCARD_HOST}, error, at {@code hosts[k]}, or {@code gateway.hosts} when the hosts
 * come from the gateway).
 */
public final class MeshWildcardHostCheck implements PlanCheck {

    @Override
    public void check(RoutingPlan plan, CheckContext context, List<Diagnostic> out) {
        if (!EffectiveHosts.appliesInMesh(plan)) {
            return;
        }
        if (!EffectiveHosts.derived(plan)) {
            for (int k = 0; k < plan.hosts().size(); k++) {
                if ("*".equals(plan.hosts().get(k))) {
                    out.add(Diagnostic.error(DiagnosticCode.MESH_WILDCARD_HOST, "hosts[" + k + "]"));
                }
            }
        } else if (EffectiveHosts.of(plan, context.target()).contains("*")) {
            out.add(Diagnostic.error(DiagnosticCode.MESH_WILDCARD_HOST, "gateway.hosts"));
        }
    }
}
