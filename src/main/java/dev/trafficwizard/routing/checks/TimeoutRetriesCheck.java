package dev.trafficwizard.routing.checks;

import dev.trafficwizard.routing.Diagnostic;
import dev.trafficwizard.routing.DiagnosticCode;
import dev.trafficwizard.routing.Retries;
import dev.trafficwizard.routing.RoutingPlan;
import dev.trafficwizard.routing.Rule;

import java.util.List;
import java.util.Set;

/**
 * A rule's timeout and retries, as Istio's {@code ValidateDuration} and {@code ValidateHTTPRetry}
 * check them:
 * <ul>
 *   <li>{@code INVALID_DURATION}, {@code DURATION_TOO_SHORT}, {@code DURATION_PRECISION} (errors)
 *       at {@code rules[i].timeout} and {@code rules[i].retries.perTryTimeout} (see {@link Durations});</li>
 *   <li>{@code NEGATIVE_NUMBER} (error) at {@code rules[i].retries.attempts};</li>
 *   <li>{@code RETRIES_DISABLED} (error) at {@code rules[i].retries.attempts}: 0 or absent attempts
 *       (retries off) with a per-try timeout or retry conditions, which Istio refuses;</li>
 *   <li>{@code INVALID_RETRY_ON} (error) at {@code rules[i].retries.retryOn}: a comma-separated
 *       entry (taken as written, spaces included, as Istio does) that is neither one of Envoy's
 *       conditions Istio accepts nor an HTTP status code Go knows (argument: the entry);</li>
 *   <li>{@code RETRY_BUDGET_OVER_TIMEOUT} (warning) at {@code rules[i].retries}: attempts times
 *       the per-try timeout exceed the rule's timeout (only when both are set; arguments: attempts,
 *       per-try timeout, timeout).</li>
 * </ul>
 */
public final class TimeoutRetriesCheck implements PlanCheck {

    /** Istio's {@code supportedRetryOnPolicies}: Envoy's x-envoy-retry-on and x-envoy-retry-grpc-on values. */
    static final Set<String> RETRY_ON = Set.of("5xx", "gateway-error", "reset", "reset-before-request",
            "connect-failure", "retriable-4xx", "refused-stream", "retriable-status-codes", "retriable-headers",
            "envoy-ratelimited", "http3-post-connect-failure", "cancelled", "deadline-exceeded", "internal",
            "resource-exhausted", "unavailable");

    /** The status codes Go's {@code net/http.StatusText} names, which Istio accepts in retryOn. */
    private static final Set<Integer> STATUS_CODES = Set.of(100, 101, 102, 103,
            200, 201, 202, 203, 204, 205, 206, 207, 208, 226,
            300, 301, 302, 303, 304, 305, 307, 308,
            400, 401, 402, 403, 404, 405, 406, 407, 408, 409, 410, 411, 412, 413, 414, 415, 416, 417, 418,
            421, 422, 423, 424, 425, 426, 428, 429, 431, 451,
            500, 501, 502, 503, 504, 505, 506, 507, 508, 510, 511);

    @Override
    public void check(RoutingPlan plan, CheckContext context, List<Diagnostic> out) {
        if (!RulesCheck.checkable(plan)) {
            return;
        }
        RuleLoop.rules(plan, (i, rule, path) -> checkRule(rule, path, out));
    }

    private static void checkRule(Rule rule, String path, List<Diagnostic> out) {
        long timeout = rule.timeout() == null ? -1 : DurationCheck.check(rule.timeout(), path + ".timeout", out);
        Retries retries = rule.retries();
        if (retries == null) {
            return;
        }
        String at = path + ".retries";
        Integer attempts = retries.attempts();
        boolean retryOn = retries.retryOn() != null && !retries.retryOn().isEmpty(); // Istio: "" is unset
        if (attempts != null && attempts < 0) {
            out.add(Diagnostic.error(DiagnosticCode.NEGATIVE_NUMBER, at + ".attempts", attempts));
        } else if ((attempts == null || attempts == 0) && (retries.perTryTimeout() != null || retryOn)) {
            out.add(Diagnostic.error(DiagnosticCode.RETRIES_DISABLED, at + ".attempts"));
        }
        long perTry = retries.perTryTimeout() == null ? -1
                : DurationCheck.check(retries.perTryTimeout(), at + ".perTryTimeout", out);
        if (retryOn) {
            for (String entry : retries.retryOn().split(",", -1)) {
                if (!isRetryOn(entry)) {
                    out.add(Diagnostic.error(DiagnosticCode.INVALID_RETRY_ON, at + ".retryOn", entry));
                    break;
                }
            }
        }
        // Envoy makes the first try and then up to `attempts` retries, each limited by the per-try timeout
        if (timeout > 0 && perTry > 0 && attempts != null && attempts > 0
                && (double) perTry * (attempts + 1) > timeout) {
            out.add(Diagnostic.warning(DiagnosticCode.RETRY_BUDGET_OVER_TIMEOUT, at, attempts + 1,
                    retries.perTryTimeout(), rule.timeout()));
        }
        // 10: retries without attempts would be written as attempts 0 (retries off) under Istio's API and as
        // Istio's default of 2 under the Gateway API: the plan must say which
        if (attempts == null && retries.perTryTimeout() == null && !retryOn) {
            out.add(Diagnostic.error(DiagnosticCode.REQUIRED, at + ".attempts"));
        }
    }

    /** One retryOn entry as Istio accepts it: an Envoy condition, or a status code Go names. */
    static boolean isRetryOn(String entry) {
        if (RETRY_ON.contains(entry)) {
            return true;
        }
        if (!entry.matches("[+-]?[0-9]+")) { // Go's Atoi: ASCII digits only
            return false;
        }
        try {
            long code = Long.parseLong(entry);
            return code >= 100 && code < 600 && STATUS_CODES.contains((int) code);
        } catch (NumberFormatException e) {
            return false;
        }
    }
}
