package dev.trafficwizard.routing.checks;

import dev.trafficwizard.routing.RoutingPlan;
import dev.trafficwizard.routing.Severity;
import dev.trafficwizard.routing.StickySession;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.stream.Stream;

import static dev.trafficwizard.routing.Severity.ERROR;
import static dev.trafficwizard.routing.checks.Fixtures.*;

class StickySessionCheckTest {

    static Stream<Arguments> cases() {
        return Stream.of(
                passes("header x-myval", sticky(new StickySession("x-myval", null, null, null),
                        otherwise("original")), context(WEBAPP)),
                passes("cookie with path and ttl", sticky(new StickySession(null, cookie("user", "/", "1h30m"),
                        null, null), otherwise("original")), context(WEBAPP)),
                passes("cookie ttl 1.5h", sticky(new StickySession(null, cookie("user", null, "1.5h"),
                        null, null), otherwise("original")), context(WEBAPP)),
                passes("cookie ttl 0s", sticky(new StickySession(null, cookie("user", null, "0s"),
                        null, null), otherwise("original")), context(WEBAPP)),
                passes("source IP", sticky(new StickySession(null, null, true, null), otherwise("original")),
                        context(WEBAPP)),
                passes("query parameter", sticky(new StickySession(null, null, false, "user"),
                        otherwise("original")), context(WEBAPP)),
                passes("only keep versions", sticky(new StickySession(null, null, null, null, "tw-version"),
                        otherwise("original")), context(WEBAPP)),
                passes("keep versions plus one key", sticky(new StickySession("x-myval", null, null, null,
                        "tw-version"), otherwise("original")), context(WEBAPP)),
                fails("no key", sticky(new StickySession(null, null, false, null), otherwise("original")),
                        context(WEBAPP), "STICKY_ONE_KEY", ERROR, "stickySession"),
                fails("two keys", sticky(new StickySession("x-myval", null, true, null), otherwise("original")),
                        context(WEBAPP), "STICKY_ONE_KEY", ERROR, "stickySession"),
                fails("two keys while keeping versions", sticky(new StickySession("x-myval", null, true, null,
                        "tw-version"), otherwise("original")), context(WEBAPP), "STICKY_ONE_KEY", ERROR,
                        "stickySession"),
                passes("uppercase header (written lowercase)", sticky(new StickySession("X-Myval", null, null,
                        null), otherwise("original")), context(WEBAPP)),
                fails("header with a space", sticky(new StickySession("x myval", null, null, null),
                        otherwise("original")), context(WEBAPP), "INVALID_HEADER_NAME", ERROR,
                        "stickySession.httpHeaderName"),
                fails("cookie without name", sticky(new StickySession(null, cookie(null, null, "1h"), null, null),
                        otherwise("original")), context(WEBAPP), "REQUIRED", ERROR, "stickySession.httpCookie.name"),
                fails("cookie name with a space", sticky(new StickySession(null, cookie("my user", null, "1h"),
                        null, null), otherwise("original")), context(WEBAPP), "INVALID_COOKIE_NAME", ERROR,
                        "stickySession.httpCookie.name"),
                fails("cookie path without slash", sticky(new StickySession(null, cookie("user", "app", "1h"),
                        null, null), otherwise("original")), context(WEBAPP), "INVALID_URI", ERROR,
                        "stickySession.httpCookie.path"),
                fails("ttl in words", sticky(new StickySession(null, cookie("user", "/", "1 hour"), null, null),
                        otherwise("original")), context(WEBAPP), "INVALID_DURATION", ERROR,
                        "stickySession.httpCookie.ttl"),
                fails("ttl without unit", sticky(new StickySession(null, cookie("user", "/", "3600"), null, null),
                        otherwise("original")), context(WEBAPP), "INVALID_DURATION", ERROR,
                        "stickySession.httpCookie.ttl"),
                fails("query parameter with a space", sticky(new StickySession(null, null, null, "a b"),
                        otherwise("original")), context(WEBAPP), "INVALID_QUERY_PARAM", ERROR,
                        "stickySession.httpQueryParameterName"),
                fails("version cookie with a semicolon", sticky(new StickySession(null, null, null, null,
                        "tw;version"), otherwise("original")), context(WEBAPP), "INVALID_COOKIE_NAME", ERROR,
                        "stickySession.keepVersionCookie"));
    }

    static StickySession.HttpCookie cookie(String name, String path, String ttl) {
        return new StickySession.HttpCookie(name, path, ttl);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void check(String name, RoutingPlan plan, CheckContext context, String code, Severity severity, String path) {
        verify(new StickySessionCheck(), plan, context, code, severity, path);
    }
}
