package dev.trafficwizard.istio;

import io.fabric8.istio.api.api.networking.v1alpha3.HTTPFaultInjection;
import io.fabric8.istio.api.api.networking.v1alpha3.HTTPFaultInjectionAbortGrpcStatus;
import io.fabric8.istio.api.api.networking.v1alpha3.HTTPFaultInjectionAbortHttpStatus;
import io.fabric8.istio.api.api.networking.v1alpha3.HTTPFaultInjectionDelayExponentialDelay;
import io.fabric8.istio.api.api.networking.v1alpha3.HTTPFaultInjectionDelayFixedDelay;
import io.fabric8.istio.api.api.networking.v1alpha3.HTTPRetry;
import io.fabric8.istio.api.api.networking.v1alpha3.HTTPRoute;
import io.fabric8.istio.api.api.networking.v1alpha3.HeadersHeaderOperations;
import io.fabric8.istio.api.api.networking.v1alpha3.Percent;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import static dev.trafficwizard.istio.IstioValidation.nullSafe;

/**
 * The rule-level part of {@link IstioValidation}: Istio's {@code validateHTTPRoute} for header
 * operations, fault injection, the mirror and its percentage, retries ({@code ValidateHTTPRetry})
 * and the timeout.
 */
final class RouteValidation {

    /** Envoy's {@code x-envoy-retry-on} and {@code x-envoy-retry-grpc-on} conditions Istio accepts. */
    static final Set<String> RETRY_ON = Set.of("5xx", "gateway-error", "reset", "reset-before-request",
            "connect-failure", "retriable-4xx", "refused-stream", "retriable-status-codes", "retriable-headers",
            "envoy-ratelimited", "http3-post-connect-failure", "cancelled", "deadline-exceeded", "internal",
            "resource-exhausted", "unavailable");

    private RouteValidation() {
    }

    static void route(HTTPRoute route, String at, List<Violation> out) {
        if (route.getHeaders() != null) {
            headerOperations(route.getHeaders().getRequest(), at + ".headers.request", true, out);
            headerOperations(route.getHeaders().getResponse(), at + ".headers.response", false, out);
            authority(route, at, out);
        }
        fault(route.getFault(), at + ".fault", out);
        if (route.getMirrorPercent() != null && route.getMirrorPercent() > 100) {
            out.add(new Violation(at + ".mirrorPercent",
                    "mirror_percent must have a max value of 100 (it has " + route.getMirrorPercent() + ")"));
        }
        if (route.getMirrorPercentage() != null && route.getMirrorPercentage().getValue() != null) {
            double value = route.getMirrorPercentage().getValue();
            if (value > 100 || value < 0) {
                out.add(new Violation(at + ".mirrorPercentage.value", "mirror_percentage must be between 0 and 100"
                        + " (it has " + value + ")"));
            }
        }
        if (route.getMirror() != null) {
            IstioValidation.destination(route.getMirror(), at + ".mirror", out);
            if (route.getMirrors() != null && !route.getMirrors().isEmpty()) {
                out.add(new Violation(at + ".mirror", "HTTP route cannot contain both mirror and mirrors"));
            }
        }
        retries(route.getRetries(), at + ".retries", out);
        duration(route.getTimeout(), at + ".timeout", out);
    }

    private static void headerOperations(HeadersHeaderOperations ops, String at, boolean request,
                                         List<Violation> out) {
        if (ops == null) {
            return;
        }
        for (String op : List.of("set", "add")) {
            Map<String, String> values = op.equals("set") ? ops.getSet() : ops.getAdd();
            new TreeMap<>(nullSafe(values)).forEach((name, value) -> {
                String problem = request ? nameWithAuthority(name) : name(name);
                if (problem != null) {
                    out.add(new Violation(at + "." + op + "." + name, problem));
                }
                String valueProblem = value(value == null ? "" : value);
                if (valueProblem != null) {
                    out.add(new Violation(at + "." + op + "." + name, valueProblem));
                }
            });
        }
        List<String> remove = nullSafe(ops.getRemove());
        for (int k = 0; k < remove.size(); k++) {
            String problem = name(remove.get(k));
            if (problem != null) {
                out.add(new Violation(at + ".remove[" + k + "]", problem));
            }
        }
    }

    /** {@code ValidateHTTPHeaderWithAuthorityOperationName}: request set/add may name the authority. */
    static String nameWithAuthority(String name) {
        if (name == null || name.isEmpty()) {
            return "header name cannot be empty";
        }
        if (internal(name) && !authority(name)) {
            return "invalid header \"" + name + "\": header cannot have \":\" prefix";
        }
        return null;
    }

    /** {@code ValidateHTTPHeaderOperationName}: removals and response changes. */
    static String name(String name) {
        if (name == null || name.isEmpty()) {
            return "header name cannot be empty";
        }
        if (name.equalsIgnoreCase("host")) {
            return "invalid header \"" + name + "\": cannot set Host header";
        }
        if (internal(name)) {
            return "invalid header \"" + name + "\": header cannot have \":\" prefix";
        }
        return null;
    }

    private static boolean internal(String name) {
        return name.startsWith(":") || name.equalsIgnoreCase("host");
    }

    private static boolean authority(String name) {
        return name.equalsIgnoreCase(":authority") || name.equalsIgnoreCase("host");
    }

    /** Istio's {@code validateAuthorityRewrite}: the authority may be set once. */
    private static void authority(HTTPRoute route, String at, List<Violation> out) {
        var request = route.getHeaders().getRequest();
        if (request == null) {
            return;
        }
        long count = (route.getRewrite() != null && route.getRewrite().getAuthority() != null
                && !route.getRewrite().getAuthority().isEmpty() ? 1 : 0)
                + nullSafe(request.getSet()).keySet().stream().filter(RouteValidation::authority).count()
                + nullSafe(request.getAdd()).keySet().stream().filter(RouteValidation::authority).count();
        if (count > 1) {
            out.add(new Violation(at + ".headers.request", "authority header cannot be set multiple times"));
        }
    }

    /** {@code ValidateHTTPHeaderValue}: no control characters but tab, and Envoy's %VARIABLE% syntax. */
    static String value(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c <= 0x08 || c >= 0x0A && c <= 0x1F || c == 0x7F) {
                return "header value configuration " + value + " is invalid";
            }
        }
        return HeaderValueSyntax.problem(value);
    }

    private static void fault(HTTPFaultInjection fault, String at, List<Violation> out) {
        if (fault == null) {
            return;
        }
        if (fault.getAbort() == null && fault.getDelay() == null) {
            out.add(new Violation(at, "HTTP fault injection must have an abort and/or a delay"));
        }
        var abort = fault.getAbort();
        if (abort != null) {
            percentage(abort.getPercentage(), at + ".abort.percentage", out);
            if (abort.getErrorType() instanceof HTTPFaultInjectionAbortHttpStatus s) {
                int status = s.getHttpStatus() == null ? 0 : s.getHttpStatus();
                if (status < 200 || status > 600) {
                    out.add(new Violation(at + ".abort.httpStatus", "HTTP status " + status
                            + " is not in range 200-599"));
                }
            } else if (abort.getErrorType() instanceof HTTPFaultInjectionAbortGrpcStatus) {
                return; // gRPC status names are not checked here
            } else if (abort.getErrorType() != null) {
                out.add(new Violation(at + ".abort", "HTTP/2 abort fault injection not supported yet"));
            }
        }
        var delay = fault.getDelay();
        if (delay != null) {
            percentage(delay.getPercentage(), at + ".delay.percentage", out);
            if (delay.getHttpDelayType() instanceof HTTPFaultInjectionDelayFixedDelay f) {
                duration(f.getFixedDelay(), at + ".delay.fixedDelay", out);
            } else if (delay.getHttpDelayType() instanceof HTTPFaultInjectionDelayExponentialDelay) {
                out.add(new Violation(at + ".delay.exponentialDelay", "exponentialDelay not supported yet"));
            }
        }
    }

    /** {@code validatePercentage}: 0, or 0.0001 to 100. */
    static void percentage(Percent p, String at, List<Violation> out) {
        if (p == null || p.getValue() == null) {
            return;
        }
        double v = p.getValue();
        if (v < 0.0 || v > 100.0 || v > 0.0 && v < 0.0001) {
            out.add(new Violation(at + ".value", "percentage " + v + " is neither 0.0, nor in range [0.0001, 100.0]"));
        }
    }

    private static void retries(HTTPRetry retries, String at, List<Violation> out) {
        if (retries == null) {
            return;
        }
        int attempts = retries.getAttempts() == null ? 0 : retries.getAttempts();
        if (attempts < 0) {
            out.add(new Violation(at + ".attempts", "attempts cannot be negative"));
        }
        boolean retryOn = retries.getRetryOn() != null && !retries.getRetryOn().isEmpty();
        if (attempts == 0 && (retries.getPerTryTimeout() != null || retryOn
                || retries.getRetryRemoteLocalities() != null)) {
            out.add(new Violation(at, "http retry policy configured when attempts are set to 0 (disabled)"));
        }
        duration(retries.getPerTryTimeout(), at + ".perTryTimeout", out);
        if (retryOn) {
            for (String policy : retries.getRetryOn().split(",", -1)) {
                if (!RETRY_ON.contains(policy) && !httpStatus(policy)) {
                    out.add(new Violation(at + ".retryOn", "\"" + policy + "\" is not a valid retryOn policy"));
                }
            }
        }
        duration(retries.getBackoff(), at + ".backoff", out);
    }

    /** Whether Go's {@code http.StatusText} knows the code (a retryOn entry may be one). */
    static boolean httpStatus(String policy) {
        try {
            return HttpStatusCodes.KNOWN.contains(Integer.parseInt(policy.toLowerCase(Locale.ROOT)));
        } catch (NumberFormatException e) {
            return false;
        }
    }

    static void duration(String duration, String at, List<Violation> out) {
        if (duration == null) {
            return;
        }
        String problem = Durations.problem(duration);
        if (problem != null) {
            out.add(new Violation(at, problem));
        }
    }
}
