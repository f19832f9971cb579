package dev.trafficwizard.gatewayapi;

import dev.trafficwizard.routing.MatchCondition;
import dev.trafficwizard.routing.RoutingPlan;
import dev.trafficwizard.routing.Rule;

import java.util.List;

/**
 * The HTTPRoute CRD's (v1.6.1) count limits: at most 16 rules, 64 matches and 16 backends per
 * rule, 16 headers and 16 query parameters per match (OpenAPI maxItems), and fewer than 128
 * matches in all (a CEL rule; a rule without matches counts one, the {@code PathPrefix /} the API
 * server puts there by default), at most 16 hostnames and 32 parent references. A plan beyond one is
 * reported, since the API server refuses it; the live checks ({@code analysis.RouteLimitsAnalyzer})
 * read the same numbers.
 */
public final class CrdLimits {

    public static final int RULES = 16;
    public static final int MATCHES_PER_RULE = 64;
    public static final int BACKENDS = 16;
    public static final int HEADERS_OR_PARAMS = 16;
    /** The most matches all rules hold together (the CEL rule tests {@code <= 128}; its message says "less than"). */
    public static final int MATCHES_IN_ALL = 128;
    public static final int HOSTNAMES = 16;
    public static final int PARENT_REFS = 32;
    /** A Gateway's listeners (OpenAPI maxItems of its CRD). */
    public static final int LISTENERS = 64;

    private CrdLimits() {
    }

    static void check(RoutingPlan plan, List<Untranslatable> untranslatable) {
        if (plan.rules().size() > RULES) {
            untranslatable.add(new Untranslatable("rules", "an HTTPRoute holds at most " + RULES + " rules, the plan has "
                    + plan.rules().size()));
        }
        int matches = 0;
        for (int i = 0; i < plan.rules().size(); i++) {
            Rule rule = plan.rules().get(i);
            String field = "rules[" + i + "]";
            matches += Math.max(1, rule.match().size());
            over(rule.match().size(), MATCHES_PER_RULE, field + ".match", "matches", untranslatable);
            over(rule.route().size(), BACKENDS, field + ".route", "backends", untranslatable);
            for (int j = 0; j < rule.match().size(); j++) {
                MatchCondition m = rule.match().get(j);
                over(m.headers().size(), HEADERS_OR_PARAMS, field + ".match[" + j + "].headers", "headers",
                        untranslatable);
                over(m.queryParams().size(), HEADERS_OR_PARAMS, field + ".match[" + j + "].queryParams",
                        "query parameters", untranslatable);
            }
        }
        if (matches > MATCHES_IN_ALL) {
            untranslatable.add(new Untranslatable("rules", "an HTTPRoute holds at most " + MATCHES_IN_ALL
                    + " matches in all (a rule without matches counts one), the plan has " + matches));
        }
    }

    private static void over(int size, int limit, String field, String what, List<Untranslatable> untranslatable) {
        if (size > limit) {
            untranslatable.add(new Untranslatable(field, "Gateway API allows at most " + limit + " " + what
                    + " here, the plan has " + size));
        }
    }
}
