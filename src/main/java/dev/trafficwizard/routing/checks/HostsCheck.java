package dev.trafficwizard.routing.checks;

import dev.trafficwizard.routing.Diagnostic;
import dev.trafficwizard.routing.DiagnosticCode;
import dev.trafficwizard.routing.Names;
import dev.trafficwizard.routing.RoutingPlan;

import java.util.List;

/**
 * The plan's own {@code hosts}: at most {@link Limits#MAX_HOSTS} ({@code TOO_MANY} at
 * {@code hosts}), each a DNS name (a trailing dot allowed), {@code *} or {@code *.domain}
 * ({@code INVALID_HOST} at {@code hosts[k]}; {@code NUMERIC_TLD} for {@code foo.123}, which
 * Istio refuses).
 */
public final class HostsCheck implements PlanCheck {

    @Override
    public void check(RoutingPlan plan, CheckContext context, List<Diagnostic> out) {
        checkHosts(plan.hosts(), "hosts", out);
    }

    static void checkHosts(List<String> hosts, String path, List<Diagnostic> out) {
        if (hosts.size() > Limits.MAX_HOSTS) {
            out.add(Diagnostic.error(DiagnosticCode.TOO_MANY, path, Limits.MAX_HOSTS));
            return;
        }
        for (int k = 0; k < hosts.size(); k++) {
            String host = hosts.get(k);
            if (!Names.isHost(host)) {
                boolean numeric = Names.numericTopLevelDomain(host) && Names.isHost(host + "x");
                out.add(numeric ? Diagnostic.error(DiagnosticCode.NUMERIC_TLD, path + "[" + k + "]", host)
                        : Diagnostic.error(DiagnosticCode.INVALID_HOST, path + "[" + k + "]", host));
            }
        }
    }
}
