package dev.trafficwizard.rollout;

import dev.trafficwizard.routing.MatchCondition;
import dev.trafficwizard.routing.Mirror;
import dev.trafficwizard.routing.Rule;
import dev.trafficwizard.routing.RoutingPlan;
import dev.trafficwizard.routing.StringMatch;
import dev.trafficwizard.routing.WeightedDestination;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The routing plan of one moment of a rollout, built on the service's routing as it is: only the
 * catch-all rule's split (stable / canary), its mirror to the canary, and the rollout's own header
 * rule (first, to the canary) change; every other rule, the gateway, hosts and traffic policies
 * stay. Decisions:
 * <ul>
 *   <li>The catch-all is the last rule without a match; a plan without one gets one at the end; a
 *       service without routing gets one catch-all rule. Its split becomes stable / canary (a lone
 *       destination at 0 % and 100 %), whatever versions it routed to before; its other settings
 *       (timeout, retries, fault, header changes) stay.</li>
 *   <li>The rollout's header rule: one match entry with only that header, exactly its value, all to
 *       the canary, nothing else (no mirror, fault, timeout, retries, header changes: {@code isOwnHeaderRule},
 *       header name in any case, as Istio reads it back lowercase). A user's identical rule that was
 *       there before the start ({@link UserRouting}) is given back where it was whenever the step
 *       has no header, so also after an abort or a success; likewise a catch-all mirror to the canary. Every step removes such rules and the header step puts its own
 *       first. A rule of the service matching only the same header is then unreachable, which the
 *       checks refuse: validate {@link #stepPlans} before a rollout starts.</li>
 *   <li>A mirror on the catch-all to the canary is the rollout's: a mirror step sets it, every other
 *       step removes it; a mirror to another version stays, but a mirror step replaces it (a rule
 *       has one mirror), and it is not restored afterwards.</li>
 * </ul>
 */
public final class RolloutPlans {

    private RolloutPlans() {
    }

    /**
     * What of the service's routing before a rollout started looked like the rollout's own: a rule of
     * the user identical to a header step's rule (its index, header name as written, value), and a
     * mirror of the catch-all to the canary. The rollout gives them back whenever its step does not
     * need that place (so after an abort or a success), instead of deleting them.
     */
    public record UserRouting(Integer headerRuleAt, String headerName, String headerValue, Mirror mirror) {

        public static final UserRouting NONE = new UserRouting(null, null, null, null);

        Rule headerRule(RolloutSpec spec) {
            return RolloutPlans.headerRule(spec, new Step.HeaderRoute(headerName, headerValue));
        }
    }

    /** What {@code live} (before the rollout starts) has that the rollout's steps would otherwise take for their own. */
    public static UserRouting userRouting(Optional<RoutingPlan> live, RolloutSpec spec) {
        if (live.isEmpty()) {
            return UserRouting.NONE;
        }
        List<Rule> rules = live.get().rules();
        Integer at = null;
        String name = null;
        String value = null;
        for (int i = 0; i < rules.size() && at == null; i++) {
            if (isOwnHeaderRule(rules.get(i), spec)) {
                var entry = rules.get(i).match().get(0).headers().entrySet().iterator().next();
                at = i;
                name = entry.getKey();
                value = entry.getValue().exact();
            }
        }
        Rule last = catchAll(rules);
        Mirror mirror = last != null && last.mirror() != null && spec.canary().equals(last.mirror().version())
                ? last.mirror() : null;
        return new UserRouting(at, name, value, mirror);
    }

    private static Rule catchAll(List<Rule> rules) {
        for (int i = rules.size() - 1; i >= 0; i--) {
            if (rules.get(i).match().isEmpty()) {
                return rules.get(i);
            }
        }
        return null;
    }

    /** The plan that makes {@code live} (empty: no routing yet) route as {@code target} asks. */
    public static RoutingPlan plan(Optional<RoutingPlan> live, String namespace, String service, RolloutSpec spec,
                                   RouteTarget target) {
        return plan(live, namespace, service, spec, target, UserRouting.NONE);
    }

    /** The same, giving back what the user had ({@code before}) where the target does not need its place. */
    public static RoutingPlan plan(Optional<RoutingPlan> live, String namespace, String service, RolloutSpec spec,
                                   RouteTarget target, UserRouting before) {
        UserRouting user = before == null ? UserRouting.NONE : before;
        RoutingPlan base = live.orElseGet(() -> RoutingPlan.weighted(namespace, service,
                List.of(new WeightedDestination(spec.stable(), 100))));
        List<Rule> rules = new ArrayList<>();
        for (Rule rule : base.rules()) {
            if (!isOwnHeaderRule(rule, spec)) {
                rules.add(rule);
            }
        }
        int catchAll = -1;
        for (int i = rules.size() - 1; i >= 0; i--) {
            if (rules.get(i).match().isEmpty()) {
                catchAll = i;
                break;
            }
        }
        Rule last = catchAll < 0 ? new Rule(List.of(), List.of()) : rules.get(catchAll);
        Mirror mirror = target.mirror() != null ? new Mirror(spec.canary(), target.mirror())
                : last.mirror() != null && spec.canary().equals(last.mirror().version()) ? user.mirror()
                : last.mirror() != null ? last.mirror() : user.mirror();
        Rule split = new Rule(last.match(), split(spec, target.canaryWeight()), mirror, last.fault(), last.timeout(),
                last.retries(), last.headers());
        if (catchAll < 0) {
            rules.add(split);
        } else {
            rules.set(catchAll, split);
        }
        if (target.header() != null) {
            rules.add(0, headerRule(spec, target.header()));
        } else if (user.headerRuleAt() != null) {
            rules.add(Math.min(user.headerRuleAt(), Math.max(0, rules.size() - 1)), user.headerRule(spec));
        }
        return base.withRules(rules);
    }

    /**
     * The plan of every step of {@code spec}, each built on the one before (the first on {@code live}):
     * what a rollout will write, to validate before it starts. A header step can be refused there:
     * its rule goes first, so a rule of the service matching only that header becomes unreachable.
     */
    public static List<RoutingPlan> stepPlans(Optional<RoutingPlan> live, String namespace, String service,
                                              RolloutSpec spec) {
        List<RoutingPlan> plans = new ArrayList<>();
        Optional<RoutingPlan> current = live;
        UserRouting before = userRouting(live, spec);
        for (Step step : spec.steps()) {
            RoutingPlan plan = plan(current, namespace, service, spec, step.target(), before);
            plans.add(plan);
            current = Optional.of(plan);
        }
        return plans;
    }

    /** The canary's share of the catch-all split of a plan (null: no catch-all rule, or it routes elsewhere). */
    public static Integer canaryWeight(RoutingPlan plan, RolloutSpec spec) {
        for (int i = plan.rules().size() - 1; i >= 0; i--) {
            Rule rule = plan.rules().get(i);
            if (rule.match().isEmpty()) {
                int canary = 0;
                for (WeightedDestination d : rule.route()) {
                    Integer weight = d.effectiveWeight(rule.route().size());
                    if (weight == null) {
                        return null;
                    }
                    if (spec.canary().equals(d.version())) {
                        canary += weight;
                    } else if (!spec.stable().equals(d.version())) {
                        return null;
                    }
                }
                return canary;
            }
        }
        return null;
    }

    /**
     * Whether a live plan routes as {@code target} asked: the catch-all split, the mirror to the canary,
     * and the rollout's header rule (first, for the target's header name, any case, and exact value;
     * none left when the target has no header).
     */
    public static boolean routesAs(RoutingPlan live, RolloutSpec spec, RouteTarget target) {
        return routesAs(live, spec, target, UserRouting.NONE);
    }

    /** The same, where what the user had before the start ({@code before}) is given back when the target does not need its place. */
    public static boolean routesAs(RoutingPlan live, RolloutSpec spec, RouteTarget target, UserRouting before) {
        UserRouting user = before == null ? UserRouting.NONE : before;
        Integer weight = canaryWeight(live, spec);
        if (weight == null || weight != target.canaryWeight()) {
            return false;
        }
        long own = live.rules().stream().filter(r -> isOwnHeaderRule(r, spec)).count();
        if (target.header() == null ? own != (user.headerRuleAt() == null ? 0 : 1)
                : own != 1 || !isOwnHeaderRule(live.rules().get(0), spec) || !isFor(live.rules().get(0), target.header())) {
            return false;
        }
        Rule last = null;
        for (Rule rule : live.rules()) {
            if (rule.match().isEmpty()) {
                last = rule;
            }
        }
        boolean mirrored = last != null && last.mirror() != null && spec.canary().equals(last.mirror().version());
        Double expected = target.mirror() != null ? target.mirror()
                : user.mirror() != null ? Double.valueOf(user.mirror().percentOrDefault()) : null;
        return mirrored == (expected != null)
                && (!mirrored || Math.abs(last.mirror().percentOrDefault() - expected) < 1e-9);
    }

    private static boolean isFor(Rule ownHeaderRule, Step.HeaderRoute header) {
        var entry = ownHeaderRule.match().get(0).headers().entrySet().iterator().next();
        return entry.getKey().equalsIgnoreCase(header.name()) && header.value().equals(entry.getValue().exact());
    }

    private static List<WeightedDestination> split(RolloutSpec spec, int canary) {
        if (canary <= 0) {
            return List.of(new WeightedDestination(spec.stable(), 100));
        }
        if (canary >= 100) {
            return List.of(new WeightedDestination(spec.canary(), 100));
        }
        return List.of(new WeightedDestination(spec.stable(), 100 - canary),
                new WeightedDestination(spec.canary(), canary));
    }

    static Rule headerRule(RolloutSpec spec, Step.HeaderRoute header) {
        MatchCondition match = new MatchCondition(null, Map.of(header.name(), new StringMatch(header.value(), null, null)),
                null, null, null);
        return new Rule(List.of(match), List.of(new WeightedDestination(spec.canary(), 100)));
    }

    /** A rule one of the spec's header steps adds: that header alone, exactly, everything to the canary. */
    static boolean isOwnHeaderRule(Rule rule, RolloutSpec spec) {
        if (rule.match().size() != 1 || rule.route().size() != 1 || !spec.canary().equals(rule.route().get(0).version())
                || rule.hasResilience()) {
            return false; // a rule with more than the rollout writes (a timeout, retries, header changes) is the user's
        }
        MatchCondition m = rule.match().get(0);
        if (m.uri() != null || m.authority() != null || m.method() != null || !m.queryParams().isEmpty()
                || !m.withoutHeaders().isEmpty() || m.port() != null || !m.sourceLabels().isEmpty()
                || m.headers().size() != 1) {
            return false;
        }
        var entry = m.headers().entrySet().iterator().next();
        return spec.steps().stream().map(Step::header).filter(java.util.Objects::nonNull)
                .anyMatch(h -> entry.getKey().equalsIgnoreCase(h.name()) && entry.getValue() != null
                        && entry.getValue().exact() != null && entry.getValue().exact().equals(h.value()));
    }
}
