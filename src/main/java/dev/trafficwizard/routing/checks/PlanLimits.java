package dev.trafficwizard.routing.checks;

import dev.trafficwizard.routing.Diagnostic;
import dev.trafficwizard.routing.DiagnosticCode;
import dev.trafficwizard.routing.GatewayPlan;
import dev.trafficwizard.routing.MatchCondition;
import dev.trafficwizard.routing.RoutingPlan;
import dev.trafficwizard.routing.Rule;
import dev.trafficwizard.routing.StickySession;
import dev.trafficwizard.routing.StringMatch;
import dev.trafficwizard.routing.WeightedDestination;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The size limits of {@link Limits}, checked before anything else looks at a plan: how many rules,
 * match entries per rule, headers and query parameters per entry, destinations per rule, hosts and
 * gateway hosts ({@code TOO_MANY} at the list, argument: the limit), match conditions over all
 * rules ({@code TOO_MANY_CONDITIONS} at {@code rules}), and how long each name and value is
 * ({@code TOO_LONG} at the field, argument: the limit); the #16 fields (rule resilience, header
 * changes, source labels, traffic policies) through {@link ResilienceLimits}. It does not descend into a list that is
 * already too long, so its own work is linear in the plan's size.
 * A plan over a limit is checked no further, built into no objects and rendered into no YAML.
 */
public final class PlanLimits {

    private PlanLimits() {
    }

    /** The limits the plan exceeds, empty when none (and for a {@code null} plan). */
    public static List<Diagnostic> exceeded(RoutingPlan plan) {
        List<Diagnostic> out = new ArrayList<>();
        if (plan == null) {
            return out;
        }
        name(plan.namespace(), "namespace", out);
        name(plan.service(), "service", out);
        hosts(plan.hosts(), "hosts", Limits.MAX_NAME_LENGTH, out);
        GatewayPlan gateway = plan.gateway();
        if (gateway != null) {
            name(gateway.name(), "gateway.name", out);
            name(gateway.credentialName(), "gateway.credentialName", out);
            // a gateway host may carry a namespace: namespace/host
            hosts(gateway.hosts(), "gateway.hosts", Limits.MAX_NAME_LENGTH + 64, out);
        }
        if (fits(plan.rules(), Limits.MAX_RULES, "rules", out)) {
            int before = out.size();
            for (int i = 0; i < plan.rules().size(); i++) {
                rule(plan.rules().get(i), "rules[" + i + "]", out);
            }
            if (out.size() == before && conditions(plan.rules()) > Limits.MAX_CONDITIONS) {
                out.add(Diagnostic.error(DiagnosticCode.TOO_MANY_CONDITIONS, "rules", Limits.MAX_CONDITIONS));
            }
        }
        sticky(plan.stickySession(), "stickySession", out);
        ResilienceLimits.policies(plan, out);
        return out;
    }

    private static void rule(Rule rule, String at, List<Diagnostic> out) {
        if (rule == null) {
            return;
        }
        if (fits(rule.match(), Limits.MAX_MATCHES, at + ".match", out)) {
            for (int j = 0; j < rule.match().size(); j++) {
                match(rule.match().get(j), at + ".match[" + j + "]", out);
            }
        }
        ResilienceLimits.rule(rule, at, out);
        if (fits(rule.route(), Limits.MAX_DESTINATIONS, at + ".route", out)) {
            for (int j = 0; j < rule.route().size(); j++) {
                WeightedDestination d = rule.route().get(j);
                name(d == null ? null : d.version(), at + ".route[" + j + "].version", out);
            }
        }
    }

    /** How many conditions all match entries hold (called once every per-entry limit holds). */
    private static int conditions(List<Rule> rules) {
        int n = 0;
        for (Rule rule : rules) {
            for (MatchCondition m : rule == null ? List.<MatchCondition>of() : rule.match()) {
                if (m != null) {
                    n += m.headers().size() + m.queryParams().size() + (m.uri() == null ? 0 : 1)
                            + (m.authority() == null ? 0 : 1) + (m.method() == null ? 0 : 1)
                            + m.withoutHeaders().size() + m.sourceLabels().size() + (m.port() == null ? 0 : 1);
                }
            }
        }
        return n;
    }

    private static void match(MatchCondition m, String at, List<Diagnostic> out) {
        if (m == null) {
            return;
        }
        value(m.uri(), at + ".uri", out);
        value(m.authority(), at + ".authority", out);
        value(m.method(), at + ".method", out);
        named(m.headers(), Limits.MAX_HEADERS, at + ".headers", out);
        named(m.queryParams(), Limits.MAX_QUERY_PARAMS, at + ".queryParams", out);
        named(m.withoutHeaders(), Limits.MAX_HEADERS, at + ".withoutHeaders", out);
        ResilienceLimits.texts(m.sourceLabels(), Limits.MAX_SOURCE_LABELS, at + ".sourceLabels", out);
    }

    /** Header or query parameter conditions of one entry: how many, how long each name and value. */
    private static void named(Map<String, StringMatch> map, int max, String at, List<Diagnostic> out) {
        if (map.size() > max) {
            out.add(Diagnostic.error(DiagnosticCode.TOO_MANY, at, max));
            return;
        }
        boolean nameTooLong = false;
        for (Map.Entry<String, StringMatch> e : map.entrySet()) {
            if (e.getKey() != null && e.getKey().length() > Limits.MAX_VALUE_LENGTH) {
                // the name itself would make the path unreadable: the map is named instead
                nameTooLong = true;
            } else {
                value(e.getValue(), at + "." + e.getKey(), out);
            }
        }
        if (nameTooLong) {
            out.add(Diagnostic.error(DiagnosticCode.TOO_LONG, at, Limits.MAX_VALUE_LENGTH));
        }
    }

    private static void value(StringMatch match, String at, List<Diagnostic> out) {
        if (match != null && (longer(match.exact(), Limits.MAX_VALUE_LENGTH)
                || longer(match.prefix(), Limits.MAX_VALUE_LENGTH) || longer(match.regex(), Limits.MAX_VALUE_LENGTH))) {
            out.add(Diagnostic.error(DiagnosticCode.TOO_LONG, at, Limits.MAX_VALUE_LENGTH));
        }
    }

    private static void hosts(List<String> hosts, String at, int maxLength, List<Diagnostic> out) {
        if (fits(hosts, Limits.MAX_HOSTS, at, out)) {
            for (int k = 0; k < hosts.size(); k++) {
                if (longer(hosts.get(k), maxLength)) {
                    out.add(Diagnostic.error(DiagnosticCode.TOO_LONG, at + "[" + k + "]", maxLength));
                }
            }
        }
    }

    static void sticky(StickySession sticky, String at, List<Diagnostic> out) {
        if (sticky == null) {
            return;
        }
        text(sticky.httpHeaderName(), at + ".httpHeaderName", out);
        text(sticky.httpQueryParameterName(), at + ".httpQueryParameterName", out);
        text(sticky.keepVersionCookie(), at + ".keepVersionCookie", out);
        if (sticky.httpCookie() != null) {
            text(sticky.httpCookie().name(), at + ".httpCookie.name", out);
            text(sticky.httpCookie().path(), at + ".httpCookie.path", out);
            text(sticky.httpCookie().ttl(), at + ".httpCookie.ttl", out);
        }
    }

    static boolean fits(List<?> list, int max, String at, List<Diagnostic> out) {
        if (list.size() > max) {
            out.add(Diagnostic.error(DiagnosticCode.TOO_MANY, at, max));
            return false;
        }
        return true;
    }

    static void name(String value, String at, List<Diagnostic> out) {
        if (longer(value, Limits.MAX_NAME_LENGTH)) {
            out.add(Diagnostic.error(DiagnosticCode.TOO_LONG, at, Limits.MAX_NAME_LENGTH));
        }
    }

    static void text(String value, String at, List<Diagnostic> out) {
        if (longer(value, Limits.MAX_VALUE_LENGTH)) {
            out.add(Diagnostic.error(DiagnosticCode.TOO_LONG, at, Limits.MAX_VALUE_LENGTH));
        }
    }

    static boolean longer(String value, int max) {
        return value != null && value.length() > max;
    }
}
