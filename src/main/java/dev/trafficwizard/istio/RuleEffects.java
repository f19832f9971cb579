package dev.trafficwizard.istio;

import dev.trafficwizard.istio.Resolution.Share;
import dev.trafficwizard.routing.TargetService;
import io.fabric8.istio.api.api.networking.v1alpha3.Destination;
import io.fabric8.istio.api.api.networking.v1alpha3.HTTPFaultInjection;
import io.fabric8.istio.api.api.networking.v1alpha3.HTTPFaultInjectionAbortGrpcStatus;
import io.fabric8.istio.api.api.networking.v1alpha3.HTTPFaultInjectionAbortHttpStatus;
import io.fabric8.istio.api.api.networking.v1alpha3.HTTPFaultInjectionDelayFixedDelay;
import io.fabric8.istio.api.api.networking.v1alpha3.HTTPMirrorPolicy;
import io.fabric8.istio.api.api.networking.v1alpha3.HTTPRetry;
import io.fabric8.istio.api.api.networking.v1alpha3.HTTPRoute;
import io.fabric8.istio.api.api.networking.v1alpha3.HTTPRouteDestinationBuilder;
import io.fabric8.istio.api.api.networking.v1alpha3.Percent;
import io.fabric8.istio.api.networking.v1.DestinationRule;

import java.util.ArrayList;
import java.util.List;

/**
 * What a rule does to the requests it takes besides choosing their destination, read as Envoy
 * applies it: the fault filter runs before the router (an aborted request reaches no version and
 * is not mirrored; a delayed one is forwarded late), the router copies a share of the forwarded
 * requests to each mirror (their answers are ignored), and bounds each request by the timeout and
 * the retry policy. The weighted shares of the rule are not changed by any of this: they are the
 * shares of the requests that are forwarded, and add up to 100 %.
 *
 * @param mirrors the mirror targets (Istio's {@code mirror} + {@code mirrorPercentage}, or {@code mirrors});
 *                a mirror with 0 % is left out, as Istio leaves it out
 * @param fault   the injected faults; null when the rule injects none
 * @param timeout the request timeout as written ({@code 2s}); null when none (Istio's default: no timeout)
 * @param retries the retry policy as written; null when the rule sets none (Istio's default policy applies)
 */
public record RuleEffects(List<Mirror> mirrors, Fault fault, String timeout, Retries retries) {

    public static final RuleEffects NONE = new RuleEffects(List.of(), null, null, null);

    public RuleEffects {
        mirrors = mirrors == null ? List.of() : List.copyOf(mirrors);
    }

    /**
     * The effects in Istio's words, the same in every language, e.g.
     * {@code mirror v3 10 % · abort 5 % 503 · delay 10 % 2s · timeout 2s · retries 3 × 500ms}; empty if none.
     * For summaries and "what changes" lists.
     */
    public String label() {
        List<String> parts = new ArrayList<>();
        mirrors.forEach(m -> parts.add("mirror " + m.label() + " " + percent(m.percent()) + " %"));
        if (faultsLabel() != null) {
            parts.add(faultsLabel());
        }
        if (limitsLabel() != null) {
            parts.add(limitsLabel());
        }
        return String.join(" · ", parts);
    }

    /** The faults in Istio's words: {@code abort 5 % 503 · delay 10 % 2s}; null if none. */
    public String faultsLabel() {
        if (fault == null) {
            return null;
        }
        List<String> parts = new ArrayList<>();
        if (fault.abort() != null) {
            parts.add("abort " + percent(fault.abort().percent()) + " % " + fault.abort().status());
        }
        if (fault.delay() != null) {
            parts.add("delay " + percent(fault.delay().percent()) + " % " + fault.delay().fixed());
        }
        return String.join(" · ", parts);
    }

    /** Timeout and retries in Istio's words: {@code timeout 2s · retries 3 × 500ms}; null if the rule sets neither. */
    public String limitsLabel() {
        List<String> parts = new ArrayList<>();
        if (timeout != null) {
            parts.add("timeout " + timeout);
        }
        if (retries != null) {
            parts.add(retries.attempts() == 0 ? "retries 0" : "retries " + retries.attempts()
                    + (retries.perTryTimeout() == null ? "" : " × " + retries.perTryTimeout()));
        }
        return parts.isEmpty() ? null : String.join(" · ", parts);
    }

    /** Whether the rule has any mirror, fault, timeout or retry policy. */
    public boolean any() {
        return !mirrors.isEmpty() || fault != null || timeout != null || retries != null;
    }

    /**
     * A copy of the rule's requests sent to another destination; its answer is ignored.
     *
     * @param host          destination host, as a FQDN
     * @param subset        the subset named by the mirror; null for all pods of the host
     * @param version       the version of the target service the copies reach, when known
     * @param percent       share of the requests the rule forwards that are also copied here (0–100, may be
     *                      fractional: Istio's {@code mirrorPercentage} is a double)
     * @param subsetMissing the subset is not defined: Envoy cannot send the copies anywhere
     */
    public record Mirror(String host, String subset, String version, double percent, boolean subsetMissing) {

        /** Where the copies go, as a person reads it: the version, else {@code host (subset)} or the host. */
        public String label() {
            return version != null ? version : subset != null ? host + " (" + subset + ")" : host;
        }
    }

    /**
     * Fault injection, applied by the proxy before routing; delay and abort are drawn independently
     * (a request can be delayed and then aborted).
     *
     * @param delay the injected delay; null when none (or its percentage is 0)
     * @param abort the injected abort; null when none (or its percentage is 0)
     */
    public record Fault(Delay delay, Abort abort) {

        /** The share of the rule's requests that is answered by the proxy and reaches no version. */
        public double abortedPercent() {
            return abort == null ? 0 : abort.percent();
        }

        /** The share of the rule's requests that is delayed. */
        public double delayedPercent() {
            return delay == null ? 0 : delay.percent();
        }
    }

    /** @param fixed the delay as written ({@code 2s}) */
    public record Delay(String fixed, double percent) {
    }

    /**
     * @param httpStatus the status the proxy answers with; null for a gRPC abort
     * @param grpcStatus the gRPC status of a gRPC abort ({@code UNAVAILABLE}); null for an HTTP abort
     */
    public record Abort(Integer httpStatus, String grpcStatus, double percent) {

        /** {@code 503}, or {@code gRPC UNAVAILABLE}. */
        public String status() {
            return httpStatus != null ? httpStatus.toString() : "gRPC " + grpcStatus;
        }
    }

    /**
     * @param attempts      retries allowed after the first try (Istio's {@code attempts}); 0 disables retries
     * @param perTryTimeout the timeout of each try as written; null = each try may take the whole request timeout
     * @param retryOn       the conditions as written; null = Istio's default
     *                      ({@link #DEFAULT_RETRY_ON})
     */
    public record Retries(int attempts, String perTryTimeout, String retryOn) {

        /** The conditions Istio retries on when {@code retryOn} is not set. */
        public static final String DEFAULT_RETRY_ON = "connect-failure,refused-stream,unavailable,cancelled,503";
    }

    /**
     * The effects of {@code rule}; mirror destinations are resolved to versions like route destinations.
     * Appends to {@code notes} what the reading of the fault percentages needs said.
     */
    static RuleEffects of(HTTPRoute rule, String vsNamespace, List<DestinationRule> drs, String defaultNamespace,
                          TargetService target, List<Reason> notes) {
        List<Mirror> mirrors = new ArrayList<>();
        if (rule.getMirror() != null) {
            Double percent = null;
            if (rule.getMirrorPercentage() != null) {
                percent = value(rule.getMirrorPercentage());
            } else if (rule.getMirrorPercent() != null) {
                percent = rule.getMirrorPercent().doubleValue();
            }
            mirrors.addAll(mirror(rule.getMirror(), percent, vsNamespace, drs, defaultNamespace, target));
        }
        if (rule.getMirrors() != null) {
            for (HTTPMirrorPolicy m : rule.getMirrors()) {
                if (m != null && m.getDestination() != null) {
                    mirrors.addAll(mirror(m.getDestination(), m.getPercentage() == null ? null : (Double) value(m.getPercentage()),
                            vsNamespace, drs, defaultNamespace, target));
                }
            }
        }
        Retries retries = null;
        HTTPRetry r = rule.getRetries();
        if (r != null) {
            retries = new Retries(r.getAttempts() == null ? 0 : Math.max(0, r.getAttempts()), blankToNull(r.getPerTryTimeout()),
                    blankToNull(r.getRetryOn()));
        }
        return new RuleEffects(mirrors, fault(rule.getFault(), notes), blankToNull(rule.getTimeout()), retries);
    }

    /**
     * Istio writes a missing fault percentage as 0 % for Envoy (istio/istio#36303): a delay or abort
     * without {@code percentage} (and without the old {@code percent}) is injected into no request.
     */
    private static Fault fault(HTTPFaultInjection in, List<Reason> notes) {
        if (in == null) {
            return null;
        }
        Delay delay = null;
        if (in.getDelay() != null && in.getDelay().getHttpDelayType() instanceof HTTPFaultInjectionDelayFixedDelay f) {
            double percent = in.getDelay().getPercentage() != null ? value(in.getDelay().getPercentage())
                    : in.getDelay().getPercent() != null ? in.getDelay().getPercent() : 0;
            if (in.getDelay().getPercentage() == null && in.getDelay().getPercent() == null) {
                notes.add(Reason.of("sim.fault.noPercentage", "delay"));
            }
            delay = percent > 0 ? new Delay(f.getFixedDelay(), percent) : null;
        }
        Abort abort = null;
        if (in.getAbort() != null) {
            double percent = in.getAbort().getPercentage() == null ? 0 : value(in.getAbort().getPercentage());
            if (in.getAbort().getPercentage() == null) {
                notes.add(Reason.of("sim.fault.noPercentage", "abort"));
            }
            Object type = in.getAbort().getErrorType();
            if (percent > 0 && type instanceof HTTPFaultInjectionAbortHttpStatus h && h.getHttpStatus() != null) {
                abort = new Abort(h.getHttpStatus(), null, percent);
            } else if (percent > 0 && type instanceof HTTPFaultInjectionAbortGrpcStatus g) {
                abort = new Abort(null, g.getGrpcStatus(), percent);
            }
        }
        return delay == null && abort == null ? null : new Fault(delay, abort);
    }

    private static List<Mirror> mirror(Destination d, Double percent, String vsNamespace, List<DestinationRule> drs,
                                       String defaultNamespace, TargetService target) {
        double p = percent == null ? 100 : Math.min(100, percent);
        if (p <= 0) {
            return List.of();
        }
        List<Share> shares = RouteShares.route(List.of(new HTTPRouteDestinationBuilder().withDestination(d).build()),
                vsNamespace, drs, defaultNamespace, target, new ArrayList<>());
        return shares.stream().filter(s -> s.percent() > 0)
                .map(s -> new Mirror(s.host(), s.subset(), s.version(), p * s.percent() / 100.0, s.subsetMissing()))
                .toList();
    }

    /** A percentage as people write it, at most two decimals: {@code 10}, {@code 0.5}, {@code 33.33}. */
    public static String percent(double p) {
        return java.math.BigDecimal.valueOf(p).setScale(2, java.math.RoundingMode.HALF_UP).stripTrailingZeros()
                .toPlainString();
    }

    private static double value(Percent p) {
        return p.getValue() == null ? 0 : Math.max(0, Math.min(100, p.getValue()));
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
