package dev.trafficwizard.routing.checks;

import dev.trafficwizard.routing.Fault;
import dev.trafficwizard.routing.Mirror;
import dev.trafficwizard.routing.RoutingPlan;
import dev.trafficwizard.routing.Severity;
import dev.trafficwizard.routing.TargetService;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.stream.Stream;

import static dev.trafficwizard.routing.Severity.ERROR;
import static dev.trafficwizard.routing.Severity.WARNING;
import static dev.trafficwizard.routing.checks.Fixtures.*;
import static dev.trafficwizard.routing.checks.Fixtures16.*;

class MirrorFaultCheckTest {

    static final TargetService IDLE = new TargetService("default", "fleetman-webapp", "version", List.of(
            new TargetService.ServiceVersion("original", 2, 2),
            new TargetService.ServiceVersion("experimental", 0, 1)));

    static Stream<Arguments> cases() {
        return Stream.of(
                passes("mirror 10 %", mirrored(new Mirror("experimental", 10.0)), context(WEBAPP)),
                passes("mirror without percent (100)", mirrored(new Mirror("experimental", null)), context(WEBAPP)),
                passes("mirror 0 % and 100 %", plan(resilient(new Mirror("experimental", 0.0), null, null, null, null),
                        resilient(new Mirror("experimental", 100.0), null, null, null, null)), context(WEBAPP)),
                passes("mirror 0 % to a version without pods", mirrored(new Mirror("experimental", 0.0)), context(IDLE)),
                fails("mirror without version", mirrored(new Mirror(null, 10.0)), context(WEBAPP),
                        "REQUIRED", ERROR, "rules[0].mirror.version"),
                fails("mirror to an unknown version", mirrored(new Mirror("v9", 10.0)), context(WEBAPP),
                        "UNKNOWN_VERSION", ERROR, "rules[0].mirror.version"),
                fails("mirror over 100 %", mirrored(new Mirror("experimental", 100.5)), context(WEBAPP),
                        "PERCENT_RANGE", ERROR, "rules[0].mirror.percent"),
                fails("mirror below 0 %", mirrored(new Mirror("experimental", -1.0)), context(WEBAPP),
                        "PERCENT_RANGE", ERROR, "rules[0].mirror.percent"),
                fails("mirror to a version without ready pods", mirrored(new Mirror("experimental", 5.0)),
                        context(IDLE), "MIRROR_NO_READY_PODS", WARNING, "rules[0].mirror.version"),
                passes("delay 1ms for 100 %", faulty(delay("1ms", 100.0)), context(WEBAPP)),
                passes("delay 2s for 0.0001 %", faulty(delay("2s", 0.0001)), context(WEBAPP)),
                passes("delay 1m30s for 0 %", faulty(delay("1m30s", 0.0)), context(WEBAPP)),
                passes("abort 200 and 599", plan(resilient(null, abort(200, 5.0), null, null, null),
                        resilient(null, abort(599, 5.0), null, null, null)), context(WEBAPP)),
                passes("abort 503 for 99.9999 %", faulty(abort(503, 99.9999)), context(WEBAPP)),
                fails("fault with neither", faulty(new Fault(null, null)), context(WEBAPP),
                        "FAULT_EMPTY", ERROR, "rules[0].fault"),
                fails("delay without duration", faulty(delay(null, 5.0)), context(WEBAPP),
                        "REQUIRED", ERROR, "rules[0].fault.delay.fixed"),
                fails("delay in words", faulty(delay("2 seconds", 5.0)), context(WEBAPP),
                        "INVALID_DURATION", ERROR, "rules[0].fault.delay.fixed"),
                fails("delay under 1ms", faulty(delay("999us", 5.0)), context(WEBAPP),
                        "DURATION_TOO_SHORT", ERROR, "rules[0].fault.delay.fixed"),
                fails("delay finer than 1ms", faulty(delay("1.5ms", 5.0)), context(WEBAPP),
                        "DURATION_PRECISION", ERROR, "rules[0].fault.delay.fixed"),
                fails("delay percent over 100", faulty(delay("2s", 101.0)), context(WEBAPP),
                        "PERCENT_RANGE", ERROR, "rules[0].fault.delay.percent"),
                fails("delay percent too small for Istio", faulty(delay("2s", 0.00005)), context(WEBAPP),
                        "PERCENT_TOO_SMALL", ERROR, "rules[0].fault.delay.percent"),
                fails("abort without status", faulty(abort(null, 5.0)), context(WEBAPP),
                        "REQUIRED", ERROR, "rules[0].fault.abort.httpStatus"),
                fails("abort 199", faulty(abort(199, 5.0)), context(WEBAPP),
                        "HTTP_STATUS_RANGE", ERROR, "rules[0].fault.abort.httpStatus"),
                fails("abort 600 (Envoy refuses it)", faulty(abort(600, 5.0)), context(WEBAPP),
                        "HTTP_STATUS_RANGE", ERROR, "rules[0].fault.abort.httpStatus"),
                fails("abort percent below 0", faulty(abort(503, -0.5)), context(WEBAPP),
                        "PERCENT_RANGE", ERROR, "rules[0].fault.abort.percent"),
                fails("abort everything (percent absent)", faulty(abort(503, null)), context(WEBAPP),
                        "FAULT_ABORT_ALL", WARNING, "rules[0].fault.abort"),
                fails("abort 100 %", faulty(abort(503, 100.0)), context(WEBAPP),
                        "FAULT_ABORT_ALL", WARNING, "rules[0].fault.abort"),
                fails("fault through a gateway", plan(newGateway("fleetman.com"),
                        resilient(null, delay("2s", 5.0), null, null, null)), context(WEBAPP),
                        "FAULT_AT_GATEWAY", WARNING, "rules[0].fault"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void check(String name, RoutingPlan plan, CheckContext context, String code, Severity severity, String path) {
        verify(new MirrorFaultCheck(), plan, context, code, severity, path);
    }
}
