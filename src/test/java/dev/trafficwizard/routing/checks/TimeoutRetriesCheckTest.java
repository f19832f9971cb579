package dev.trafficwizard.routing.checks;

import dev.trafficwizard.routing.Retries;
import dev.trafficwizard.routing.RoutingPlan;
import dev.trafficwizard.routing.Severity;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.stream.Stream;

import static dev.trafficwizard.routing.Severity.ERROR;
import static dev.trafficwizard.routing.Severity.WARNING;
import static dev.trafficwizard.routing.checks.Fixtures.*;
import static dev.trafficwizard.routing.checks.Fixtures16.*;

class TimeoutRetriesCheckTest {

    static Stream<Arguments> cases() {
        return Stream.of(
                passes("timeout 1ms", timed("1ms", null), context(WEBAPP)),
                passes("timeout 1m30s", timed("1m30s", null), context(WEBAPP)),
                passes("timeout 0.5s", timed("0.5s", null), context(WEBAPP)),
                fails("timeout 0s", timed("0s", null), context(WEBAPP), "DURATION_TOO_SHORT", ERROR, "rules[0].timeout"),
                fails("timeout without unit", timed("2", null), context(WEBAPP), "INVALID_DURATION", ERROR,
                        "rules[0].timeout"),
                fails("timeout in microseconds", timed("1500us", null), context(WEBAPP), "DURATION_PRECISION", ERROR,
                        "rules[0].timeout"),
                passes("retries", timed(null, new Retries(3, "500ms", "5xx,connect-failure")), context(WEBAPP)),
                passes("retries on status codes and gRPC", timed(null, new Retries(2, null, "503,gateway-error,unavailable,418")),
                        context(WEBAPP)),
                passes("retries off", timed(null, new Retries(0, null, null)), context(WEBAPP)),
                passes("retries off with an empty retryOn (unset for Istio)", timed(null, new Retries(0, null, "")),
                        context(WEBAPP)),
                fails("retries without attempts (off for Istio, 2 for the Gateway API)",
                        timed(null, new Retries(null, null, null)), context(WEBAPP),
                        "REQUIRED", ERROR, "rules[0].retries.attempts"),
                passes("budget (first try and 2 retries) equal to the timeout",
                        timed("1500ms", new Retries(2, "500ms", null)), context(WEBAPP)),
                fails("the first try counts in the budget", timed("1500ms", new Retries(3, "500ms", null)),
                        context(WEBAPP), "RETRY_BUDGET_OVER_TIMEOUT", WARNING, "rules[0].retries"),
                passes("per-try timeout without timeout", timed(null, new Retries(5, "10s", null)), context(WEBAPP)),
                passes("timeout without per-try timeout", timed("1ms", new Retries(5, null, "5xx")), context(WEBAPP)),
                fails("negative attempts", timed(null, new Retries(-1, null, null)), context(WEBAPP),
                        "NEGATIVE_NUMBER", ERROR, "rules[0].retries.attempts"),
                fails("0 attempts with a per-try timeout", timed(null, new Retries(0, "1s", null)), context(WEBAPP),
                        "RETRIES_DISABLED", ERROR, "rules[0].retries.attempts"),
                fails("no attempts with retry conditions", timed(null, new Retries(null, null, "5xx")), context(WEBAPP),
                        "RETRIES_DISABLED", ERROR, "rules[0].retries.attempts"),
                fails("per-try timeout under 1ms", timed(null, new Retries(1, "0.5ms", null)), context(WEBAPP),
                        "DURATION_TOO_SHORT", ERROR, "rules[0].retries.perTryTimeout"),
                fails("unknown retry condition", timed(null, new Retries(1, null, "5xx,timeout")), context(WEBAPP),
                        "INVALID_RETRY_ON", ERROR, "rules[0].retries.retryOn"),
                fails("space after a comma", timed(null, new Retries(1, null, "5xx, reset")), context(WEBAPP),
                        "INVALID_RETRY_ON", ERROR, "rules[0].retries.retryOn"),
                fails("status code Go does not know", timed(null, new Retries(1, null, "599")), context(WEBAPP),
                        "INVALID_RETRY_ON", ERROR, "rules[0].retries.retryOn"),
                fails("trailing comma", timed(null, new Retries(1, null, "5xx,")), context(WEBAPP),
                        "INVALID_RETRY_ON", ERROR, "rules[0].retries.retryOn"),
                fails("budget over the timeout", timed("1s", new Retries(3, "500ms", null)), context(WEBAPP),
                        "RETRY_BUDGET_OVER_TIMEOUT", WARNING, "rules[0].retries"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void check(String name, RoutingPlan plan, CheckContext context, String code, Severity severity, String path) {
        verify(new TimeoutRetriesCheck(), plan, context, code, severity, path);
    }
}
