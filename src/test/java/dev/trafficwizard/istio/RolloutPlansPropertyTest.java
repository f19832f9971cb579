package dev.trafficwizard.istio;

import dev.trafficwizard.rollout.RolloutPlans;
import dev.trafficwizard.rollout.RolloutSpec;
import dev.trafficwizard.rollout.RouteTarget;
import dev.trafficwizard.rollout.Step;
import dev.trafficwizard.routing.Diagnostic;
import dev.trafficwizard.routing.RoutingPlan;
import dev.trafficwizard.routing.checks.PlanValidator;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Property test of the rollout's plans on generated live routing ({@link PlanGenerator}, here for
 * its package): on every live plan the checks accept, every step of a random rollout (header,
 * mirror, weights, then an abort or a full promotion), each built on the plan of the step before,
 * is still accepted by the checks and routes as its step asks ({@link RolloutPlans#routesAs}); the one
 * exception: a header step whose rule (first) makes a rule of the service matching only that header
 * unreachable, which the checks refuse (so the rollout cannot start: {@link RolloutPlans#stepPlans}).
 * Seed and size: {@code -Drollout.seed=N -Drollout.count=N}.
 */
class RolloutPlansPropertyTest {

    static final long SEED = Long.getLong("rollout.seed", 20261203L);
    static final int CASES = Integer.getInteger("rollout.count", 400);
    static final List<String> HEADER_NAMES = List.of("x-canary", "X-Rollout", "x-env");
    static final List<String> HEADER_VALUES = List.of("on", "1", "canary");

    @Test
    void everyStepOnAValidLivePlanIsValidAndRoutesAsAsked() {
        Random random = new Random(SEED);
        PlanGenerator generator = new PlanGenerator(random);
        int checked = 0;
        int steps = 0;
        int hidden = 0;
        for (int n = 0; n < CASES; n++) {
            RoutingPlan generated = generator.plan();
            Optional<RoutingPlan> live = random.nextInt(10) == 0 ? Optional.empty() : Optional.of(generated);
            if (live.isPresent() && PlanValidator.hasErrors(PlanValidator.validate(generated,
                    GeneratedPlansPropertyTest.TARGET, GeneratedPlansPropertyTest.MESH))) {
                continue;
            }
            checked++;
            List<String> two = new ArrayList<>(PlanGenerator.VERSIONS);
            java.util.Collections.shuffle(two, random);
            RolloutSpec spec = new RolloutSpec(two.get(0), two.get(1), steps(random), null);
            List<RouteTarget> targets = new ArrayList<>(spec.steps().stream().map(Step::target).toList());
            targets.add(random.nextBoolean() ? RouteTarget.STABLE : RouteTarget.CANARY);
            Optional<RoutingPlan> current = live;
            for (RouteTarget target : targets) {
                RoutingPlan plan = RolloutPlans.plan(current, PlanGenerator.NAMESPACE, PlanGenerator.SERVICE, spec, target);
                String where = "seed " + SEED + ", case " + n + ", " + spec + ", target " + target + "\nlive: "
                        + current.orElse(null) + "\nplan: " + plan;
                List<Diagnostic> errors = PlanValidator.validate(plan, GeneratedPlansPropertyTest.TARGET,
                        GeneratedPlansPropertyTest.MESH).stream().filter(Diagnostic::isError).toList();
                if (!errors.isEmpty() && hidesARule(current, target)) {
                    assertThat(errors).as(where).allMatch(d -> d.code().equals("UNREACHABLE_RULE"));
                    hidden++;
                    break;
                }
                assertThat(errors).as(where).isEmpty();
                assertThat(RolloutPlans.routesAs(plan, spec, target)).as(where).isTrue();
                assertThat(RolloutPlans.canaryWeight(plan, spec)).as(where).isEqualTo(target.canaryWeight());
                current = Optional.of(plan);
                steps++;
            }
        }
        assertThat(checked).as("live plans the checks accept").isGreaterThan(CASES / 10);
        assertThat(steps).isGreaterThan(checked);
        assertThat(hidden).as("header steps refused for hiding a rule").isLessThan(checked / 10);
    }

    /** Whether the live plan has a rule entry matching only the target's header, exactly that value. */
    private static boolean hidesARule(Optional<RoutingPlan> live, RouteTarget target) {
        return target.header() != null && live.isPresent() && live.get().rules().stream()
                .flatMap(r -> r.match().stream()).anyMatch(m -> m.uri() == null && m.authority() == null
                        && m.method() == null && m.queryParams().isEmpty() && m.withoutHeaders().isEmpty()
                        && m.port() == null && m.sourceLabels().isEmpty() && m.headers().size() == 1
                        && m.headers().keySet().iterator().next().equalsIgnoreCase(target.header().name())
                        && target.header().value().equals(m.headers().values().iterator().next().exact()));
    }

    /** Optional header and mirror steps, then one to four weights. */
    private static List<Step> steps(Random random) {
        List<Step> steps = new ArrayList<>();
        if (random.nextInt(3) == 0) {
            steps.add(new Step(null, "1m", new Step.HeaderRoute(HEADER_NAMES.get(random.nextInt(HEADER_NAMES.size())),
                    HEADER_VALUES.get(random.nextInt(HEADER_VALUES.size()))), null));
        }
        if (random.nextInt(3) == 0) {
            steps.add(new Step(null, null, null, random.nextBoolean() ? 100.0 : 0.5 + random.nextInt(995) / 10.0));
        }
        int weights = 1 + random.nextInt(4);
        for (int i = 0; i < weights; i++) {
            steps.add(Step.weight(random.nextInt(5) == 0 ? random.nextBoolean() ? 0 : 100 : random.nextInt(101), "5m"));
        }
        return steps;
    }
}
