package dev.trafficwizard.istio;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Where a simulated request goes, and why.
 *
 * @param outcome        what happens to the request
 * @param gateway        {@code ns/name} of the Gateway the request entered through; null inside the mesh
 *                       or when no gateway accepted it
 * @param virtualService {@code ns/name} of the VirtualService that decided; null if none applied
 * @param ruleIndex      0-based index in the VirtualService's {@code http} list of the rule that won; -1 if none
 * @param matchIndex     0-based index in that rule's {@code match} list of the entry that fit; -1 if the rule
 *                       has no {@code match} (catch-all) or no rule won
 * @param ambiguous      several VirtualServices claimed the host equally; the first by namespace/name was taken
 * @param shares         where the requests go, in percent adding up to 100 (empty for 404s, redirects and
 *                       direct responses)
 * @param fixedResponse  set when the winning rule answers by itself (redirect or direct response)
 * @param reasons        the decision step by step, as message keys and arguments (shown in the reader's language)
 * @param effects        what the winning rule also does: mirrors (copies whose answers are ignored), faults
 *                       (aborted requests reach no version: {@code shares} are those of the forwarded requests),
 *                       timeout and retries; {@link RuleEffects#NONE} when no rule won
 * @param lines          the effects in sentences (message keys and arguments), one per mirror, fault, timeout
 *                       and retry policy, for the answer's own lines
 */
public record Resolution(Outcome outcome, String gateway, String virtualService, int ruleIndex, int matchIndex,
                         boolean ambiguous, List<Share> shares, FixedResponse fixedResponse, List<Reason> reasons,
                         RuleEffects effects, List<Reason> lines) {

    public Resolution(Outcome outcome, String gateway, String virtualService, int ruleIndex, int matchIndex,
                      boolean ambiguous, List<Share> shares, FixedResponse fixedResponse, List<Reason> reasons) {
        this(outcome, gateway, virtualService, ruleIndex, matchIndex, ambiguous, shares, fixedResponse, reasons,
                RuleEffects.NONE, List.of());
    }

    public enum Outcome {
        /** A VirtualService rule decided (see shares, or fixedResponse). */
        ROUTED,
        /** Nothing routes the request: the gateway or sidecar answers 404. */
        NOT_FOUND,
        /** From outside, no Gateway accepts the host: the ingress answers 404. */
        NO_GATEWAY,
        /** No VirtualService applies in the mesh: Kubernetes spreads requests over all ready pods. */
        ROUND_ROBIN
    }

    public Resolution {
        shares = shares == null ? List.of() : List.copyOf(shares);
        reasons = reasons == null ? List.of() : List.copyOf(reasons);
        effects = effects == null ? RuleEffects.NONE : effects;
        lines = lines == null ? List.of() : List.copyOf(lines);
    }

    /** The effect lines in English (tests, logs). */
    public List<String> effectLines() {
        return lines.stream().map(Reason::english).toList();
    }

    /** Where copies of the request go besides its destination (their answers are ignored), with their percent. */
    public List<RuleEffects.Mirror> mirrors() {
        return effects.mirrors();
    }

    /** The percent of such requests the proxy answers itself (fault abort) without reaching any version. */
    public double abortedPercent() {
        return effects.fault() == null ? 0 : effects.fault().abortedPercent();
    }

    /** The percent of such requests delayed on purpose (fault delay). */
    public double delayedPercent() {
        return effects.fault() == null ? 0 : effects.fault().delayedPercent();
    }

    /** The decision step by step in English (tests, logs); pages render {@link #reasons()} in their language. */
    public List<String> notes() {
        return reasons.stream().map(Reason::english).toList();
    }

    /**
     * One destination of the request.
     *
     * @param host          destination host, as a FQDN
     * @param subset        the subset named by the route; null when the route names none (all pods)
     * @param version       the value of the version label of those pods, when known
     * @param percent       share of the requests, whole percent
     * @param subsetMissing the subset is not defined in a DestinationRule for the host: Envoy answers 503
     * @param labels        the pod labels the subset selects (empty if unknown)
     */
    public record Share(String host, String subset, String version, int percent, boolean subsetMissing,
                        Map<String, String> labels) {

        public Share {
            labels = labels == null ? Map.of() : Map.copyOf(labels);
        }

        public Share(String host, String subset, String version, int percent, boolean subsetMissing) {
            this(host, subset, version, percent, subsetMissing, Map.of());
        }
    }

    /** A rule that answers without forwarding: a redirect (status 301 by default) or a direct response. */
    public record FixedResponse(Kind kind, int status, String detail) {
        public enum Kind { REDIRECT, DIRECT_RESPONSE }
    }

    /** True when some of the requests get a 503 because a destination's subset is not defined. */
    public boolean hasErrors() {
        return shares.stream().anyMatch(Share::subsetMissing);
    }

    /** Percent per version (shares of the same version added up); shares without a version are left out. */
    public Map<String, Integer> percentByVersion() {
        Map<String, Integer> out = new LinkedHashMap<>();
        shares.stream().filter(s -> s.version() != null).forEach(s -> out.merge(s.version(), s.percent(), Integer::sum));
        return out;
    }
}
