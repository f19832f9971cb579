package dev.trafficwizard.routing.checks;

import dev.trafficwizard.routing.Diagnostic;
import dev.trafficwizard.routing.DiagnosticCode;
import dev.trafficwizard.routing.EffectiveHosts;
import dev.trafficwizard.routing.Hosts;
import dev.trafficwizard.routing.MatchCondition;
import dev.trafficwizard.routing.Names;
import dev.trafficwizard.routing.RoutingPlan;

import java.util.List;

/**
 * {@code AUTHORITY_NOT_SERVED} (ERROR): a rule matching an exact authority (host) that none of the
 * VirtualService's hosts covers can never match, because requests for that host never reach this
 * VirtualService. Typical in subdomain routing: a host outside the domain.
 */
final class AuthorityServedCheck implements PlanCheck {

    @Override
    public void check(RoutingPlan plan, CheckContext context, List<Diagnostic> out) {
        if (!RulesCheck.checkable(plan)) {
            return;
        }
        List<String> hosts = EffectiveHosts.of(plan, context.target());
        for (int i = 0; i < plan.rules().size(); i++) {
            var rule = plan.rules().get(i);
            if (rule == null) {
                continue;
            }
            for (int j = 0; j < rule.match().size(); j++) {
                MatchCondition m = rule.match().get(j);
                String host = m == null || m.authority() == null ? null : m.authority().exact();
                if (host == null || !Names.isHost(host.toLowerCase())) {
                    continue;
                }
                boolean served = hosts.stream().anyMatch(h -> Hosts.covers(h, host));
                if (!served) {
                    out.add(Diagnostic.error(DiagnosticCode.AUTHORITY_NOT_SERVED, "rules[" + i + "].match[" + j + "].authority",
                            host, String.join(", ", hosts)));
                }
            }
        }
    }
}
