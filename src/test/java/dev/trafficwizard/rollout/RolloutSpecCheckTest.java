package dev.trafficwizard.rollout;

import dev.trafficwizard.routing.Diagnostic;
import dev.trafficwizard.routing.Severity;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/** Every rule of a rollout's spec, with the field each finding names. */
class RolloutSpecCheckTest {

    static final List<String> VERSIONS = List.of("v1", "v2", "v3");
    static final Step.HeaderRoute HEADER = new Step.HeaderRoute("x-canary", "on");

    static List<Diagnostic> check(RolloutSpec spec) {
        return RolloutSpecCheck.check(spec, VERSIONS, true);
    }

    static RolloutSpec steps(Step... steps) {
        return new RolloutSpec("v1", "v2", java.util.Arrays.asList(steps), null);
    }

    static RolloutSpec gates(Gates gates) {
        return new RolloutSpec("v1", "v2", List.of(Step.weight(10, "5m")), gates);
    }

    static Tuple error(String code, String path) {
        return tuple(code, Severity.ERROR, path);
    }

    static List<Tuple> found(List<Diagnostic> diagnostics) {
        return diagnostics.stream().map(d -> tuple(d.code(), d.severity(), d.path())).toList();
    }

    @Test
    void aGoodSpecPasses() {
        RolloutSpec spec = new RolloutSpec("v1", "v2", List.of(new Step(null, "10m", HEADER, null),
                new Step(null, "0s", null, 50.0), Step.weight(10, "5m"), Step.weight(50, null),
                Step.weight(100, "0")), new Gates(99.5, 250.0, 20L, "30s", 2));
        assertThat(check(spec)).isEmpty();
        assertThat(RolloutSpecCheck.check(steps(Step.weight(100, null)), VERSIONS, false)).isEmpty();
    }

    @Test
    void noSpecIsAnErrorOnTheBody() {
        assertThat(found(check(null))).containsExactly(error("ROLLOUT_REQUIRED", ""));
    }

    @Test
    void stableAndCanaryAreRequiredKnownAndDifferent() {
        List<Diagnostic> missing = check(new RolloutSpec(null, " ", List.of(Step.weight(10, null)), null));
        assertThat(found(missing)).containsExactly(error("ROLLOUT_VERSION_REQUIRED", "stable"),
                error("ROLLOUT_VERSION_REQUIRED", "canary"));
        assertThat(missing.get(0).args()).containsExactly("v1, v2, v3");
        List<Diagnostic> unknown = check(new RolloutSpec("v9", "V2", List.of(Step.weight(10, null)), null));
        assertThat(found(unknown)).containsExactly(error("UNKNOWN_VERSION", "stable"), error("UNKNOWN_VERSION", "canary"));
        assertThat(unknown.get(1).args()).containsExactly("V2", "v1, v2, v3");
        List<Diagnostic> same = check(new RolloutSpec("v2", "v2", List.of(Step.weight(10, null)), null));
        assertThat(found(same)).containsExactly(error("ROLLOUT_SAME_VERSION", "canary"));
        assertThat(same.get(0).args()).containsExactly("v2");
        assertThat(RolloutSpecCheck.check(new RolloutSpec("a", "b", List.of(Step.weight(10, null)), null), null, true))
                .as("versions not known: not checked").isEmpty();
    }

    @Test
    void oneToTwentySteps() {
        assertThat(found(check(steps()))).containsExactly(error("ROLLOUT_NO_STEPS", "steps"));
        assertThat(found(check(new RolloutSpec("v1", "v2", null, null)))).containsExactly(error("ROLLOUT_NO_STEPS", "steps"));
        List<Step> twenty = new ArrayList<>(Collections.nCopies(20, Step.weight(10, "1m")));
        assertThat(check(new RolloutSpec("v1", "v2", twenty, null))).isEmpty();
        twenty.add(Step.weight(-1, "1m"));
        List<Diagnostic> tooMany = check(new RolloutSpec("v1", "v2", twenty, null));
        assertThat(found(tooMany)).containsExactly(error("ROLLOUT_TOO_MANY_STEPS", "steps"));
        assertThat(tooMany.get(0).args()).containsExactly(20);
    }

    @Test
    void eachStepIsExactlyOneOfWeightHeaderMirror() {
        assertThat(found(check(steps(new Step(null, "1m", null, null))))).containsExactly(error("ROLLOUT_STEP_KIND", "steps[0]"));
        assertThat(found(check(steps(Step.weight(10, null), new Step(20, "1m", null, 5.0)))))
                .contains(error("ROLLOUT_STEP_KIND", "steps[1]"));
        assertThat(found(check(steps(new Step(null, "1m", HEADER, 5.0)))))
                .containsExactly(error("ROLLOUT_STEP_KIND", "steps[0]"));
        assertThat(found(check(steps(Step.weight(10, null), null)))).containsExactly(error("ROLLOUT_STEP_KIND", "steps[1]"));
    }

    @Test
    void weightsFrom0To100() {
        assertThat(check(steps(Step.weight(0, "1m"), Step.weight(100, null)))).isEmpty();
        List<Diagnostic> bad = check(steps(Step.weight(-1, "1m"), Step.weight(101, null)));
        assertThat(found(bad)).containsExactly(error("ROLLOUT_WEIGHT_RANGE", "steps[0].weight"),
                error("ROLLOUT_WEIGHT_RANGE", "steps[1].weight"));
        assertThat(bad.get(1).args()).containsExactly("101");
    }

    @Test
    void aWeightGoingDownIsAWarning() {
        List<Diagnostic> down = check(steps(Step.weight(10, "1m"), Step.weight(50, "1m"), Step.weight(25, "1m"),
                Step.weight(25, null)));
        assertThat(found(down)).containsExactly(tuple("ROLLOUT_WEIGHT_DECREASES", Severity.WARNING, "steps[2].weight"));
        assertThat(down.get(0).args()).containsExactly(25, 50);
    }

    @Test
    void headerAndMirrorStepsComeBeforeTheFirstWeightStep() {
        List<Diagnostic> late = check(steps(new Step(null, "1m", null, 10.0), Step.weight(10, "1m"),
                Step.weight(20, "1m"), new Step(null, "1m", HEADER, null), new Step(null, null, null, 5.0)));
        assertThat(found(late)).containsExactly(error("ROLLOUT_STEP_ORDER", "steps[3].header"),
                error("ROLLOUT_STEP_ORDER", "steps[4].mirror"));
        assertThat(late.get(0).args()).containsExactly(2);
        assertThat(check(steps(new Step(null, "1m", HEADER, null), new Step(null, "1m", null, 10.0),
                new Step(null, "1m", HEADER, null), Step.weight(50, null)))).isEmpty();
    }

    @Test
    void aHeaderNeedsANameAndAValueIstioMatches() {
        assertThat(found(check(steps(new Step(null, null, new Step.HeaderRoute(null, ""), null)))))
                .containsExactly(error("REQUIRED", "steps[0].header.name"), error("REQUIRED", "steps[0].header.value"));
        List<Diagnostic> name = check(steps(new Step(null, null, new Step.HeaderRoute("x canary", "on"), null)));
        assertThat(found(name)).containsExactly(error("INVALID_HEADER_NAME", "steps[0].header.name"));
        assertThat(name.get(0).args()).containsExactly("x canary");
        assertThat(found(check(steps(new Step(null, null, new Step.HeaderRoute("@request.auth.claims.group", "a"),
                null))))).containsExactly(error("INVALID_HEADER_NAME", "steps[0].header.name"));
        assertThat(found(check(steps(new Step(null, null, new Step.HeaderRoute("x".repeat(257), "a"), null)))))
                .containsExactly(error("INVALID_HEADER_NAME", "steps[0].header.name"));
        assertThat(check(steps(new Step(null, null, new Step.HeaderRoute("X-Canary", "on\tyes"), null)))).isEmpty();
        List<Diagnostic> control = check(steps(new Step(null, null, new Step.HeaderRoute("x-canary", "o\nn"), null)));
        assertThat(found(control)).containsExactly(error("CONTROL_CHARACTER", "steps[0].header.value"));
        assertThat(control.get(0).args()).containsExactly("U+000A", 2);
        assertThat(found(check(steps(new Step(null, null, new Step.HeaderRoute("x-canary", "v".repeat(1025)), null)))))
                .containsExactly(error("TOO_LONG", "steps[0].header.value"));
    }

    @Test
    void aMirrorIsMoreThan0AndAtMost100() {
        assertThat(check(steps(new Step(null, null, null, 0.1), new Step(null, null, null, 100.0)))).isEmpty();
        List<Diagnostic> bad = check(steps(new Step(null, null, null, 0.0), new Step(null, null, null, 100.5),
                new Step(null, null, null, Double.NaN), new Step(null, null, null, -3.0)));
        assertThat(found(bad)).containsExactly(error("ROLLOUT_MIRROR_RANGE", "steps[0].mirror"),
                error("ROLLOUT_MIRROR_RANGE", "steps[1].mirror"), error("ROLLOUT_MIRROR_RANGE", "steps[2].mirror"),
                error("ROLLOUT_MIRROR_RANGE", "steps[3].mirror"));
        assertThat(bad.get(1).args()).containsExactly("100.50");
        assertThat(bad.get(3).args()).containsExactly("-3");
    }

    @Test
    void aPauseIsAGoDurationNotNegativeOrAbsent() {
        assertThat(check(steps(Step.weight(10, "0s"), Step.weight(20, "0"), Step.weight(30, "1h30m"),
                Step.weight(40, "1.5h"), Step.weight(50, ""), Step.weight(60, null)))).isEmpty();
        List<Diagnostic> bad = check(steps(Step.weight(10, "5 minutes"), Step.weight(20, "-5m"), Step.weight(30, "5")));
        assertThat(found(bad)).containsExactly(error("INVALID_DURATION", "steps[0].pause"),
                error("ROLLOUT_PAUSE_NEGATIVE", "steps[1].pause"), error("INVALID_DURATION", "steps[2].pause"));
        assertThat(bad.get(0).args()).containsExactly("5 minutes");
    }

    @Test
    void gateLimitsInRange() {
        assertThat(check(gates(new Gates(0.0, 0.5, 0L, "30s", 0)))).isEmpty();
        assertThat(check(gates(new Gates(0.0, 0.5, 0L, "1h", 0)))).isEmpty();
        assertThat(found(check(gates(new Gates(99.0, null, null, "1s", null)))))
                .containsExactly(error("ROLLOUT_INTERVAL_TOO_SHORT", "gates.interval"));
        assertThat(found(check(gates(new Gates(99.0, null, null, "29s", null)))))
                .containsExactly(error("ROLLOUT_INTERVAL_TOO_SHORT", "gates.interval"));
        assertThat(found(check(gates(new Gates(99.0, null, null, "61m", null)))))
                .containsExactly(error("ROLLOUT_INTERVAL_TOO_LONG", "gates.interval"));
        assertThat(check(gates(new Gates(100.0, null, null, null, null)))).isEmpty();
        assertThat(check(gates(new Gates(null, null, null, null, null)))).isEmpty();
        List<Diagnostic> bad = check(gates(new Gates(100.5, 0.0, -1L, "999ms", -1)));
        assertThat(found(bad)).containsExactly(error("ROLLOUT_SUCCESS_RATE_RANGE", "gates.minSuccessRate"),
                error("ROLLOUT_MAX_P99_RANGE", "gates.maxP99"), error("ROLLOUT_MIN_REQUESTS_RANGE", "gates.minRequests"),
                error("ROLLOUT_INTERVAL_TOO_SHORT", "gates.interval"),
                error("ROLLOUT_FAILURE_LIMIT_RANGE", "gates.failureLimit"));
        assertThat(bad.get(0).args()).containsExactly("100.50");
        assertThat(bad.get(3).args()).containsExactly("999ms");
        assertThat(found(check(gates(new Gates(-1.0, Double.POSITIVE_INFINITY, null, "a minute", null)))))
                .containsExactly(error("ROLLOUT_SUCCESS_RATE_RANGE", "gates.minSuccessRate"),
                        error("ROLLOUT_MAX_P99_RANGE", "gates.maxP99"), error("INVALID_DURATION", "gates.interval"));
        assertThat(found(check(gates(new Gates(Double.NaN, -5.0, null, "-1m", null)))))
                .containsExactly(error("ROLLOUT_SUCCESS_RATE_RANGE", "gates.minSuccessRate"),
                        error("ROLLOUT_MAX_P99_RANGE", "gates.maxP99"), error("ROLLOUT_INTERVAL_TOO_SHORT", "gates.interval"));
    }

    @Test
    void gatesWithLimitsNeedMetrics() {
        assertThat(found(RolloutSpecCheck.check(gates(new Gates(99.0, null, null, null, null)), VERSIONS, false)))
                .containsExactly(error("ROLLOUT_NO_METRICS", "gates"));
        assertThat(found(RolloutSpecCheck.check(gates(new Gates(null, 300.0, null, null, null)), VERSIONS, false)))
                .containsExactly(error("ROLLOUT_NO_METRICS", "gates"));
        assertThat(RolloutSpecCheck.check(gates(new Gates(null, null, 5L, "1m", 1)), VERSIONS, false))
                .as("no limit: nothing to judge").isEmpty();
        assertThat(RolloutSpecCheck.check(gates(new Gates(99.0, null, null, null, null)), VERSIONS, true)).isEmpty();
    }

    @Test
    void everyFindingIsAnErrorButTheDecreasingWeight() {
        List<Diagnostic> all = check(new RolloutSpec("v1", "v1", List.of(Step.weight(50, "x"), Step.weight(20, "1m"),
                new Step(null, null, HEADER, null)), new Gates(200.0, null, null, null, null)));
        assertThat(all).filteredOn(d -> !d.isError()).extracting(Diagnostic::code)
                .containsExactly("ROLLOUT_WEIGHT_DECREASES");
        assertThat(all).filteredOn(Diagnostic::isError).extracting(Diagnostic::code).containsExactly(
                "ROLLOUT_SAME_VERSION", "INVALID_DURATION", "ROLLOUT_STEP_ORDER", "ROLLOUT_SUCCESS_RATE_RANGE");
    }

    @Test
    void everyFindingReadsInEnglishAndKorean() throws java.io.IOException {
        List<Diagnostic> all = new ArrayList<>(check(null));
        all.addAll(check(new RolloutSpec("v9", "v9", List.of(Step.weight(50, "-1s"), Step.weight(120, "1m"),
                Step.weight(20, "x"), new Step(null, null, new Step.HeaderRoute("a b", "\u0001"), -1.0)),
                new Gates(-1.0, -2.0, -3L, "1ms", -4))));
        all.addAll(check(steps()));
        all.addAll(RolloutSpecCheck.check(new RolloutSpec(null, "v2", List.of(Step.weight(10, null)),
                new Gates(99.0, null, null, null, null)), VERSIONS, false));
        for (String bundle : List.of("/messages.properties", "/messages_ko.properties")) {
            java.util.Properties texts = new java.util.Properties();
            try (var in = new java.io.InputStreamReader(getClass().getResourceAsStream(bundle),
                    java.nio.charset.StandardCharsets.UTF_8)) {
                texts.load(in);
            }
            for (Diagnostic d : all) {
                String text = new java.text.MessageFormat(texts.getProperty(d.messageKey()), java.util.Locale.ROOT)
                        .format(d.args().toArray());
                assertThat(text).as(d + " in " + bundle).doesNotContain("{").isNotBlank();
            }
        }
        assertThat(all).extracting(Diagnostic::code).contains("ROLLOUT_REQUIRED", "ROLLOUT_VERSION_REQUIRED",
                "ROLLOUT_NO_STEPS", "ROLLOUT_NO_METRICS", "ROLLOUT_WEIGHT_DECREASES", "ROLLOUT_STEP_ORDER",
                "ROLLOUT_MIRROR_RANGE", "ROLLOUT_PAUSE_NEGATIVE", "ROLLOUT_INTERVAL_TOO_SHORT", "UNKNOWN_VERSION");
    }
}
