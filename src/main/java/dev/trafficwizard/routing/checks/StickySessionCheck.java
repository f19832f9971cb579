package dev.trafficwizard.routing.checks;

import dev.trafficwizard.routing.Durations;
import dev.trafficwizard.routing.Diagnostic;
import dev.trafficwizard.routing.DiagnosticCode;
import dev.trafficwizard.routing.Names;
import dev.trafficwizard.routing.RoutingPlan;
import dev.trafficwizard.routing.StickySession;

import java.util.List;
import java.util.regex.Pattern;

/**
 * The sticky session settings, when the plan has them (all errors):
 * <ul>
 *   <li>{@code STICKY_ONE_KEY} at {@code stickySession}: exactly one hash key (header, cookie,
 *       source IP, query parameter), or none when only {@code keepVersionCookie} is set;</li>
 *   <li>{@code INVALID_HEADER_NAME} at {@code stickySession.httpHeaderName};</li>
 *   <li>{@code REQUIRED} / {@code INVALID_COOKIE_NAME} at {@code stickySession.httpCookie.name};
 *       {@code INVALID_URI} at {@code stickySession.httpCookie.path} (must start with {@code /});
 *       {@code INVALID_DURATION} at {@code stickySession.httpCookie.ttl}: not a Go duration of
 *       at least zero ({@code 0s}, {@code 30s}, {@code 10m}, {@code 1h}, {@code 1.5h}, {@code 1h30m};
 *       see {@link Durations});</li>
 *   <li>{@code INVALID_QUERY_PARAM} at {@code stickySession.httpQueryParameterName};</li>
 *   <li>{@code INVALID_COOKIE_NAME} at {@code stickySession.keepVersionCookie}.</li>
 * </ul>
 * The same checks apply to each {@code loadBalancer.consistentHash} of the traffic policies, at its
 * path ({@link TrafficPolicyCheck}).
 */
public final class StickySessionCheck implements PlanCheck {

    /** Characters a cookie {@code Path} attribute cannot hold. */
    private static final Pattern COOKIE_PATH = Pattern.compile("/[\\x21-\\x3A\\x3C-\\x7E]*");

    @Override
    public void check(RoutingPlan plan, CheckContext context, List<Diagnostic> out) {
        if (plan.stickySession() != null) {
            checkSession(plan.stickySession(), "stickySession", false, out);
        }
    }

    /**
     * Checks sticky-session settings at {@code at}: the plan's {@code stickySession}, or a
     * {@code loadBalancer.consistentHash} of a traffic policy ({@code inPolicy}), which needs
     * exactly one hash key and cannot pin versions ({@code PIN_COOKIE_IN_POLICY} at
     * {@code ...keepVersionCookie}).
     */
    static void checkSession(StickySession sticky, String at, boolean inPolicy, List<Diagnostic> out) {
        int keys = sticky.hashKeys();
        if (keys > 1 || (keys == 0 && (inPolicy || !sticky.pinsVersions()))) {
            out.add(Diagnostic.error(DiagnosticCode.STICKY_ONE_KEY, at, keys));
        }
        if (sticky.httpHeaderName() != null && !Names.isHeaderName(sticky.httpHeaderName())) {
            out.add(Diagnostic.error(DiagnosticCode.INVALID_HEADER_NAME, at + ".httpHeaderName", sticky.httpHeaderName()));
        }
        StickySession.HttpCookie cookie = sticky.httpCookie();
        if (cookie != null) {
            if (cookie.name() == null || cookie.name().isBlank()) {
                out.add(Diagnostic.error(DiagnosticCode.REQUIRED, at + ".httpCookie.name"));
            } else if (!Names.isCookieName(cookie.name())) {
                out.add(Diagnostic.error(DiagnosticCode.INVALID_COOKIE_NAME, at + ".httpCookie.name", cookie.name()));
            }
            if (cookie.path() != null && !COOKIE_PATH.matcher(cookie.path()).matches()) {
                out.add(Diagnostic.error(DiagnosticCode.INVALID_URI, at + ".httpCookie.path", cookie.path()));
            }
            if (cookie.ttl() != null && Durations.nanos(cookie.ttl()).orElse(-1) < 0) {
                out.add(Diagnostic.error(DiagnosticCode.INVALID_DURATION, at + ".httpCookie.ttl", cookie.ttl()));
            }
        }
        if (sticky.httpQueryParameterName() != null && !Names.isToken(sticky.httpQueryParameterName())) {
            out.add(Diagnostic.error(DiagnosticCode.INVALID_QUERY_PARAM, at + ".httpQueryParameterName",
                    sticky.httpQueryParameterName()));
        }
        if (inPolicy && sticky.keepVersionCookie() != null) {
            out.add(Diagnostic.error(DiagnosticCode.PIN_COOKIE_IN_POLICY, at + ".keepVersionCookie"));
        } else if (sticky.pinsVersions() && !Names.isCookieName(sticky.keepVersionCookie())) {
            out.add(Diagnostic.error(DiagnosticCode.INVALID_COOKIE_NAME, at + ".keepVersionCookie",
                    sticky.keepVersionCookie()));
        }
    }
}
