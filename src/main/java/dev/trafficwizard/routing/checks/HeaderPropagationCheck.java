package dev.trafficwizard.routing.checks;

import dev.trafficwizard.routing.Diagnostic;
import dev.trafficwizard.routing.DiagnosticCode;
import dev.trafficwizard.routing.EffectiveHosts;
import dev.trafficwizard.routing.Names;
import dev.trafficwizard.routing.RoutingPlan;

import java.util.List;
import java.util.TreeSet;

/**
 * Header routing inside the mesh (no gateway, or {@code includeMesh}) only works if every service
 * on the call path copies the header from its incoming request to its outgoing calls: sidecars do
 * not ({@code HEADER_PROPAGATION}, warning, at {@code rules[i].match[j].headers.<name>}; argument:
 * the header; the same at {@code ...withoutHeaders.<name>}, which would match every call whose
 * caller dropped the header). A {@code cookie} match is not reported.
 */
public final class HeaderPropagationCheck implements PlanCheck {

    @Override
    public void check(RoutingPlan plan, CheckContext context, List<Diagnostic> out) {
        if (!EffectiveHosts.appliesInMesh(plan) || !RulesCheck.checkable(plan)) {
            return;
        }
        RuleLoop.matches(plan, (i, j, m, path) -> {
            for (String header : new TreeSet<>(m.headers().keySet())) {
                if (needsPropagation(header)) {
                    out.add(Diagnostic.warning(DiagnosticCode.HEADER_PROPAGATION, path + ".headers." + header, header));
                }
            }
            for (String header : new TreeSet<>(m.withoutHeaders().keySet())) {
                if (needsPropagation(header)) {
                    out.add(Diagnostic.warning(DiagnosticCode.HEADER_PROPAGATION, path + ".withoutHeaders." + header,
                            header));
                }
            }
        });
    }

    /**
     * Whether routing on this request header inside the mesh needs the applications to copy it:
     * not for {@code cookie}, pseudo-headers ({@code :authority} …) or JWT claims.
     */
    public static boolean needsPropagation(String header) {
        return header != null && !"cookie".equalsIgnoreCase(header) && !header.startsWith(":") && !Names.isJwtClaim(header);
    }
}
