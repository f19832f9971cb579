package dev.trafficwizard.routing.checks;

import dev.trafficwizard.routing.HeaderChanges;
import dev.trafficwizard.routing.RoutingPlan;
import dev.trafficwizard.routing.Severity;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.Map;
import java.util.stream.Stream;

import static dev.trafficwizard.routing.Severity.ERROR;
import static dev.trafficwizard.routing.checks.Fixtures.*;
import static dev.trafficwizard.routing.checks.Fixtures16.*;

class HeaderChangesCheckTest {

    static Stream<Arguments> cases() {
        return Stream.of(
                passes("set, add, remove", changing(new HeaderChanges.Operations(Map.of("x-a", "1"), Map.of("x-b", "2"),
                        java.util.List.of("x-c")), set("x-served-by", "%HOSTNAME%")), context(WEBAPP)),
                passes("escaped percent and variable with arguments", changing(set("x-a", "100%% %REQ(x-b)%"),
                        add("x-c", "%VAR([\"a\", \"b\"])%")), context(WEBAPP)),
                passes("empty value", changing(set("x-a", ""), null), context(WEBAPP)),
                passes("request may set :authority", changing(set(":authority", "example.com"), null), context(WEBAPP)),
                passes("request may add Host", changing(add("Host", "example.com"), null), context(WEBAPP)),
                fails("header name with a space", changing(set("x a", "1"), null), context(WEBAPP),
                        "INVALID_HEADER_NAME", ERROR, "rules[0].headers.request.set.x a"),
                fails("request removes Host", changing(remove("x-a", "host"), null), context(WEBAPP),
                        "HEADER_NOT_CHANGEABLE", ERROR, "rules[0].headers.request.remove[1]"),
                fails("response sets :status", changing(null, set(":status", "200")), context(WEBAPP),
                        "HEADER_NOT_CHANGEABLE", ERROR, "rules[0].headers.response.set.:status"),
                fails("response adds Host", changing(null, add("host", "x")), context(WEBAPP),
                        "HEADER_NOT_CHANGEABLE", ERROR, "rules[0].headers.response.add.host"),
                fails("request sets :path", changing(set(":path", "/x"), null), context(WEBAPP),
                        "HEADER_NOT_CHANGEABLE", ERROR, "rules[0].headers.request.set.:path"),
                fails("lone percent", changing(set("x-a", "50%"), null), context(WEBAPP),
                        "INVALID_HEADER_VALUE", ERROR, "rules[0].headers.request.set.x-a"),
                fails("unterminated variable", changing(null, add("x-a", "%START_TIME")), context(WEBAPP),
                        "INVALID_HEADER_VALUE", ERROR, "rules[0].headers.response.add.x-a"),
                fails("line break in a value", changing(set("x-a", "a\nb"), null), context(WEBAPP),
                        "INVALID_HEADER_VALUE", ERROR, "rules[0].headers.request.set.x-a"),
                fails("authority set twice", changing(new HeaderChanges.Operations(Map.of(":authority", "a.com"),
                        Map.of("host", "b.com"), null), null), context(WEBAPP),
                        "AUTHORITY_SET_TWICE", ERROR, "rules[0].headers.request"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void check(String name, RoutingPlan plan, CheckContext context, String code, Severity severity, String path) {
        verify(new HeaderChangesCheck(), plan, context, code, severity, path);
    }
}
