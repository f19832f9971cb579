package dev.trafficwizard.routing.checks;

import dev.trafficwizard.routing.Diagnostic;
import dev.trafficwizard.routing.DiagnosticCode;
import dev.trafficwizard.routing.Hosts;
import dev.trafficwizard.routing.EffectiveHosts;
import dev.trafficwizard.routing.Names;
import dev.trafficwizard.routing.RoutingPlan;

import java.util.List;

/**
 * Istio refuses a VirtualService two of whose hosts overlap ("duplicate hosts in virtual
 * service"): equal hosts, {@code *} with anything, {@code *.example.com} with
 * {@code a.example.com} or {@code *.a.example.com}. Hosts are compared as Envoy sees them:
 * case-insensitively and without a trailing dot ({@code HOST_OVERLAP}, error; arguments: the host
 * and the earlier one it overlaps). Path {@code hosts[k]} of the later host, or
 * {@code gateway.hosts[k]} when the hosts come from the gateway ({@code gateway.hosts} for the
 * service host added for the mesh).
 */
public final class HostOverlapCheck implements PlanCheck {

    @Override
    public void check(RoutingPlan plan, CheckContext context, List<Diagnostic> out) {
        boolean derived = EffectiveHosts.derived(plan);
        List<String> written = derived ? (plan.gateway() == null ? List.of() : plan.gateway().hosts()) : plan.hosts();
        List<String> hosts = derived ? EffectiveHosts.of(plan, context.target()) : plan.hosts();
        if (hosts.size() > Limits.MAX_HOSTS) {
            return;
        }
        for (int j = 1; j < hosts.size(); j++) {
            String later = hosts.get(j);
            if (later == null || !Names.isHost(Hosts.comparable(later))) {
                continue;
            }
            for (int i = 0; i < j; i++) {
                String earlier = hosts.get(i);
                if (earlier != null && Names.isHost(Hosts.comparable(earlier)) && overlap(earlier, later)) {
                    out.add(Diagnostic.error(DiagnosticCode.HOST_OVERLAP, path(derived, written, later, j), later, earlier));
                    break;
                }
            }
        }
        if (derived) {
            duplicatesOnGateway(written, out);
        }
    }

    /** Literal duplicates among the gateway's hosts are dropped from the VirtualService, but still a mistake. */
    private static void duplicatesOnGateway(List<String> written, List<Diagnostic> out) {
        for (int j = 1; j < written.size(); j++) {
            for (int i = 0; i < j; i++) {
                if (written.get(i) != null && written.get(i).equals(written.get(j))) {
                    out.add(Diagnostic.error(DiagnosticCode.HOST_OVERLAP, "gateway.hosts[" + j + "]", written.get(j), written.get(i)));
                    break;
                }
            }
        }
    }

    private static String path(boolean derived, List<String> written, String host, int index) {
        if (!derived) {
            return "hosts[" + index + "]";
        }
        for (int k = 0; k < written.size(); k++) {
            if (written.get(k) != null && Hosts.hostPart(written.get(k)).equals(host)) {
                return "gateway.hosts[" + k + "]";
            }
        }
        return "gateway.hosts";
    }

    /** Whether two hosts share a name (Istio's {@code Matches}). */
    static boolean overlap(String a, String b) {
        return Hosts.overlap(a, b);
    }
}
