package dev.trafficwizard.rollout;

import dev.trafficwizard.routing.Diagnostic;
import dev.trafficwizard.routing.GatewayPlan;
import dev.trafficwizard.routing.MatchCondition;
import dev.trafficwizard.routing.Mirror;
import dev.trafficwizard.routing.Retries;
import dev.trafficwizard.routing.RoutingPlan;
import dev.trafficwizard.routing.Rule;
import dev.trafficwizard.routing.StringMatch;
import dev.trafficwizard.routing.TargetService;
import dev.trafficwizard.routing.TrafficPolicy;
import dev.trafficwizard.routing.WeightedDestination;
import dev.trafficwizard.routing.checks.PlanValidator;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/** The plans of a rollout on top of the service's live routing. */
class RolloutPlansTest {

    static final Step.HeaderRoute HEADER = new Step.HeaderRoute("x-canary", "on");
    static final RolloutSpec SPEC = new RolloutSpec("v1", "v2", List.of(new Step(null, "5m", HEADER, null),
            new Step(null, "5m", null, 10.0), Step.weight(10, "5m"), Step.weight(100, null)), null);
    static final TargetService TARGET = new TargetService("default", "shop", "version",
            List.of(new TargetService.ServiceVersion("v1", 1, 1), new TargetService.ServiceVersion("v2", 1, 1),
                    new TargetService.ServiceVersion("v3", 1, 1)));
    static final Rule BETA = new Rule(List.of(new MatchCondition(new StringMatch(null, "/beta", null), null, null, null,
            null)), List.of(new WeightedDestination("v3", 100)), null, null, "5s", new Retries(2, "1s", "5xx"), null);
    static final TrafficPolicy POLICY = new TrafficPolicy(new TrafficPolicy.Tls("ISTIO_MUTUAL", null, null), null, null,
            null);
    static final RoutingPlan LIVE = new RoutingPlan("default", "shop", List.of("shop.example.com"),
            new GatewayPlan("shop-gateway", true, List.of("shop.example.com"), 80, true, null),
            List.of(BETA, new Rule(List.of(), List.of(new WeightedDestination("v1", 100)), null, null, "10s", null, null)),
            null, null, POLICY, Map.of("v3", POLICY));

    static RoutingPlan plan(RoutingPlan live, RouteTarget target) {
        return RolloutPlans.plan(Optional.ofNullable(live), "default", "shop", SPEC, target);
    }

    static Rule catchAll(RoutingPlan plan) {
        return plan.rules().get(plan.rules().size() - 1);
    }

    static Rule headerRule(String name, String value, String timeout) {
        return new Rule(List.of(new MatchCondition(null, Map.of(name, new StringMatch(value, null, null)), null, null,
                null)), List.of(new WeightedDestination("v2", 100)), null, null, timeout, null, null);
    }

    @Test
    void aUsersHeaderRuleWithMoreThanTheRolloutWritesIsNeverTakenForTheRollouts() {
        Rule users = headerRule("x-canary", "on", "3s");
        RoutingPlan live = LIVE.withRules(List.of(users, BETA, LIVE.rules().get(1)));
        for (RouteTarget target : List.of(new RouteTarget(0, HEADER, null), new RouteTarget(25, null, null),
                RouteTarget.STABLE, RouteTarget.CANARY)) {
            assertThat(plan(live, target).rules()).as(target.toString()).contains(users);
        }
    }

    @Test
    void aUsersRuleIdenticalToTheRolloutsIsGivenBackWhereItWasAfterTheRollout() {
        Rule users = headerRule("X-Canary", "on", null);
        RoutingPlan live = LIVE.withRules(List.of(BETA, users, LIVE.rules().get(1)));
        RolloutPlans.UserRouting before = RolloutPlans.userRouting(Optional.of(live), SPEC);
        assertThat(before.headerRuleAt()).isEqualTo(1);

        RoutingPlan header = RolloutPlans.plan(Optional.of(live), "default", "shop", SPEC,
                new RouteTarget(0, HEADER, null), before);
        assertThat(header.rules()).hasSize(3);
        assertThat(RolloutPlans.routesAs(header, SPEC, new RouteTarget(0, HEADER, null), before)).isTrue();
        for (RouteTarget end : List.of(new RouteTarget(25, null, null), RouteTarget.STABLE, RouteTarget.CANARY)) {
            RoutingPlan after = RolloutPlans.plan(Optional.of(header), "default", "shop", SPEC, end, before);
            assertThat(after.rules()).as(end.toString()).containsExactly(BETA, users, catchAll(after));
            assertThat(RolloutPlans.routesAs(after, SPEC, end, before)).isTrue();
        }
        // without what was there before, the rule is the rollout's and goes
        assertThat(plan(header, RouteTarget.STABLE).rules()).doesNotContain(users);
    }

    @Test
    void aUsersMirrorToTheCanaryIsGivenBackAfterTheRollout() {
        Mirror users = new Mirror("v2", 5.0);
        Rule mirrored = new Rule(List.of(), List.of(new WeightedDestination("v1", 100)), users, null, "10s", null, null);
        RoutingPlan live = LIVE.withRules(List.of(BETA, mirrored));
        RolloutPlans.UserRouting before = RolloutPlans.userRouting(Optional.of(live), SPEC);
        RoutingPlan mirrorStep = RolloutPlans.plan(Optional.of(live), "default", "shop", SPEC,
                new RouteTarget(0, null, 10.0), before);
        assertThat(catchAll(mirrorStep).mirror()).isEqualTo(new Mirror("v2", 10.0));
        for (RouteTarget end : List.of(RouteTarget.STABLE, RouteTarget.CANARY)) {
            RoutingPlan after = RolloutPlans.plan(Optional.of(mirrorStep), "default", "shop", SPEC, end, before);
            assertThat(catchAll(after).mirror()).as(end.toString()).isEqualTo(users);
            assertThat(RolloutPlans.routesAs(after, SPEC, end, before)).isTrue();
        }
    }

    @Test
    void aStepChangesOnlyTheCatchAllSplitAndKeepsEverythingElse() {
        RoutingPlan plan = plan(LIVE, new RouteTarget(25, null, null));
        assertThat(plan.rules()).hasSize(2);
        assertThat(plan.rules().get(0)).isEqualTo(BETA);
        assertThat(catchAll(plan).route()).containsExactly(new WeightedDestination("v1", 75),
                new WeightedDestination("v2", 25));
        assertThat(catchAll(plan).timeout()).isEqualTo("10s");
        assertThat(plan.hosts()).isEqualTo(LIVE.hosts());
        assertThat(plan.gateway()).isEqualTo(LIVE.gateway());
        assertThat(plan.trafficPolicy()).isEqualTo(POLICY);
        assertThat(plan.versionPolicies()).isEqualTo(LIVE.versionPolicies());
        assertThat(plan.namespace()).isEqualTo("default");
        assertThat(PlanValidator.hasErrors(PlanValidator.validate(plan, TARGET))).isFalse();
        assertThat(RolloutPlans.routesAs(plan, SPEC, new RouteTarget(25, null, null))).isTrue();
        assertThat(RolloutPlans.canaryWeight(plan, SPEC)).isEqualTo(25);
    }

    @Test
    void withoutLiveRoutingTheRolloutMakesOneCatchAll() {
        RoutingPlan plan = plan(null, new RouteTarget(10, null, null));
        assertThat(plan.namespace()).isEqualTo("default");
        assertThat(plan.service()).isEqualTo("shop");
        assertThat(plan.hosts()).isEmpty();
        assertThat(plan.gateway()).isNull();
        assertThat(plan.rules()).containsExactly(new Rule(List.of(), List.of(new WeightedDestination("v1", 90),
                new WeightedDestination("v2", 10))));
        assertThat(PlanValidator.hasErrors(PlanValidator.validate(plan, TARGET))).isFalse();
    }

    @Test
    void aLivePlanWithoutCatchAllGetsOneAtTheEnd() {
        RoutingPlan live = LIVE.withRules(List.of(BETA));
        RoutingPlan plan = plan(live, new RouteTarget(10, null, null));
        assertThat(plan.rules()).hasSize(2);
        assertThat(plan.rules().get(0)).isEqualTo(BETA);
        assertThat(catchAll(plan).match()).isEmpty();
        assertThat(RolloutPlans.routesAs(plan, SPEC, new RouteTarget(10, null, null))).isTrue();
        assertThat(RolloutPlans.canaryWeight(live, SPEC)).isNull();
    }

    @Test
    void weights0And100RouteToOneVersion() {
        assertThat(catchAll(plan(LIVE, RouteTarget.STABLE)).route()).containsExactly(new WeightedDestination("v1", 100));
        assertThat(catchAll(plan(LIVE, RouteTarget.CANARY)).route()).containsExactly(new WeightedDestination("v2", 100));
        assertThat(RolloutPlans.canaryWeight(plan(LIVE, RouteTarget.CANARY), SPEC)).isEqualTo(100);
        assertThat(RolloutPlans.canaryWeight(plan(LIVE, RouteTarget.STABLE), SPEC)).isZero();
    }

    @Test
    void theHeaderStepPutsItsRuleFirstAndALaterStepRemovesIt() {
        RouteTarget headerStep = new RouteTarget(0, HEADER, null);
        RoutingPlan withHeader = plan(LIVE, headerStep);
        assertThat(withHeader.rules()).hasSize(3);
        Rule own = withHeader.rules().get(0);
        assertThat(own.match()).containsExactly(new MatchCondition(null, Map.of("x-canary",
                new StringMatch("on", null, null)), null, null, null));
        assertThat(own.route()).containsExactly(new WeightedDestination("v2", 100));
        assertThat(withHeader.rules().get(1)).isEqualTo(BETA);
        assertThat(catchAll(withHeader).route()).containsExactly(new WeightedDestination("v1", 100));
        assertThat(PlanValidator.hasErrors(PlanValidator.validate(withHeader, TARGET))).isFalse();
        assertThat(RolloutPlans.routesAs(withHeader, SPEC, headerStep)).isTrue();
        assertThat(RolloutPlans.routesAs(withHeader, SPEC, RouteTarget.STABLE)).as("the header rule is still there")
                .isFalse();

        RoutingPlan again = plan(withHeader, headerStep);
        assertThat(again).as("the rule is not added twice").isEqualTo(withHeader);

        RoutingPlan later = plan(withHeader, new RouteTarget(10, null, null));
        assertThat(later.rules()).hasSize(2);
        assertThat(later.rules().get(0)).isEqualTo(BETA);
        assertThat(RolloutPlans.routesAs(later, SPEC, new RouteTarget(10, null, null))).isTrue();
        assertThat(RolloutPlans.routesAs(later, SPEC, new RouteTarget(0, HEADER, null))).isFalse();
    }

    @Test
    void routesAsReadsTheHeaderNameInAnyCaseButTheValueExactly() {
        RouteTarget headerStep = new RouteTarget(0, new Step.HeaderRoute("X-Canary", "on"), null);
        RolloutSpec spec = new RolloutSpec("v1", "v2", List.of(new Step(null, null, headerStep.header(), null),
                Step.weight(50, null)), null);
        RoutingPlan written = RolloutPlans.plan(Optional.of(LIVE), "default", "shop", spec, headerStep);
        Rule own = written.rules().get(0);
        Rule readBack = own.withMatch(List.of(new MatchCondition(null, Map.of("x-canary",
                new StringMatch("on", null, null)), null, null, null)));
        RoutingPlan live = written.withRules(List.of(readBack, written.rules().get(1), written.rules().get(2)));
        assertThat(RolloutPlans.routesAs(live, spec, headerStep)).isTrue();
        Rule otherValue = own.withMatch(List.of(new MatchCondition(null, Map.of("x-canary",
                new StringMatch("ON", null, null)), null, null, null)));
        assertThat(RolloutPlans.routesAs(written.withRules(List.of(otherValue, written.rules().get(1),
                written.rules().get(2))), spec, headerStep)).isFalse();
        assertThat(RolloutPlans.routesAs(written.withRules(List.of(written.rules().get(1), own,
                written.rules().get(2))), spec, headerStep)).as("moved below another rule").isFalse();
    }

    @Test
    void aUsersOwnHeaderRuleToAnotherVersionStays() {
        Rule users = new Rule(List.of(new MatchCondition(null, Map.of("x-canary", new StringMatch("on", null, null)),
                null, null, null)), List.of(new WeightedDestination("v3", 100)));
        RoutingPlan live = LIVE.withRules(List.of(users, LIVE.rules().get(1)));
        RoutingPlan plan = plan(live, new RouteTarget(10, null, null));
        assertThat(plan.rules().get(0)).isEqualTo(users);
        RoutingPlan header = plan(live, new RouteTarget(0, HEADER, null));
        assertThat(header.rules().get(1)).isEqualTo(users);
        assertThat(PlanValidator.validate(header, TARGET)).as("the header step would hide the user's rule")
                .filteredOn(Diagnostic::isError).extracting(Diagnostic::code, Diagnostic::path)
                .containsExactly(tuple("UNREACHABLE_RULE", "rules[1]"));
        assertThat(RolloutPlans.stepPlans(Optional.of(live), "default", "shop", SPEC).get(0)).isEqualTo(header);
    }

    @Test
    void stepPlansBuildEachStepOnTheOneBefore() {
        List<RoutingPlan> plans = RolloutPlans.stepPlans(Optional.of(LIVE), "default", "shop", SPEC);
        assertThat(plans).hasSize(SPEC.steps().size());
        for (int i = 0; i < plans.size(); i++) {
            assertThat(RolloutPlans.routesAs(plans.get(i), SPEC, SPEC.steps().get(i).target())).isTrue();
            assertThat(plans.get(i)).isEqualTo(plan(i == 0 ? LIVE : plans.get(i - 1), SPEC.steps().get(i).target()));
        }
    }

    @Test
    void theMirrorStepMirrorsTheCatchAllToTheCanaryAndALaterStepRemovesOnlyThatMirror() {
        RouteTarget mirrorStep = new RouteTarget(0, null, 10.0);
        RoutingPlan mirrored = plan(LIVE, mirrorStep);
        assertThat(catchAll(mirrored).mirror()).isEqualTo(new Mirror("v2", 10.0));
        assertThat(catchAll(mirrored).route()).containsExactly(new WeightedDestination("v1", 100));
        assertThat(mirrored.rules().get(0)).isEqualTo(BETA);
        assertThat(PlanValidator.hasErrors(PlanValidator.validate(mirrored, TARGET))).isFalse();
        assertThat(RolloutPlans.routesAs(mirrored, SPEC, mirrorStep)).isTrue();
        assertThat(RolloutPlans.routesAs(mirrored, SPEC, new RouteTarget(0, null, 20.0))).isFalse();
        assertThat(RolloutPlans.routesAs(mirrored, SPEC, RouteTarget.STABLE)).isFalse();

        RoutingPlan later = plan(mirrored, new RouteTarget(10, null, null));
        assertThat(catchAll(later).mirror()).isNull();
        assertThat(catchAll(later).timeout()).isEqualTo("10s");
        assertThat(RolloutPlans.routesAs(later, SPEC, new RouteTarget(10, null, null))).isTrue();
    }

    @Test
    void aMirrorToAnotherVersionStays() {
        Rule mirroringV3 = new Rule(List.of(), List.of(new WeightedDestination("v1", 100)), new Mirror("v3", 5.0), null,
                null, null, null);
        RoutingPlan live = LIVE.withRules(List.of(BETA, mirroringV3));
        RoutingPlan plan = plan(live, new RouteTarget(30, null, null));
        assertThat(catchAll(plan).mirror()).isEqualTo(new Mirror("v3", 5.0));
        assertThat(RolloutPlans.routesAs(plan, SPEC, new RouteTarget(30, null, null))).isTrue();
    }

    @Test
    void aMirrorWithoutPercentMirrorsEverything() {
        Rule all = new Rule(List.of(), List.of(new WeightedDestination("v1", 100)), new Mirror("v2", null), null, null,
                null, null);
        assertThat(RolloutPlans.routesAs(LIVE.withRules(List.of(all)), SPEC, new RouteTarget(0, null, 100.0))).isTrue();
    }

    @Test
    void routesAsIsFalseWhenTheSplitDiffersOrRoutesElsewhere() {
        RoutingPlan plan = plan(LIVE, new RouteTarget(25, null, null));
        assertThat(RolloutPlans.routesAs(plan, SPEC, new RouteTarget(30, null, null))).isFalse();
        Rule elsewhere = new Rule(List.of(), List.of(new WeightedDestination("v1", 75), new WeightedDestination("v3", 25)));
        RoutingPlan manual = LIVE.withRules(List.of(BETA, elsewhere));
        assertThat(RolloutPlans.canaryWeight(manual, SPEC)).isNull();
        assertThat(RolloutPlans.routesAs(manual, SPEC, new RouteTarget(0, null, null))).isFalse();
        Rule noWeights = new Rule(List.of(), List.of(new WeightedDestination("v1", null),
                new WeightedDestination("v2", null)));
        assertThat(RolloutPlans.canaryWeight(LIVE.withRules(List.of(noWeights)), SPEC)).isNull();
        Rule lone = new Rule(List.of(), List.of(new WeightedDestination("v2", null)));
        assertThat(RolloutPlans.canaryWeight(LIVE.withRules(List.of(lone)), SPEC)).isEqualTo(100);
    }

    @Test
    void everyStepOfASpecRoutesAsItsTarget() {
        RoutingPlan live = LIVE;
        for (Step step : SPEC.steps()) {
            RoutingPlan plan = plan(live, step.target());
            assertThat(RolloutPlans.routesAs(plan, SPEC, step.target())).as(step.toString()).isTrue();
            assertThat(PlanValidator.hasErrors(PlanValidator.validate(plan, TARGET))).as(step.toString()).isFalse();
            live = plan;
        }
        RoutingPlan aborted = plan(live, RouteTarget.STABLE);
        assertThat(aborted.rules()).isEqualTo(List.of(BETA, new Rule(List.of(), List.of(new WeightedDestination("v1", 100)),
                null, null, "10s", null, null)));
    }
}
