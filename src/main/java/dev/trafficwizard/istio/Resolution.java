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
 */
public record Resolution(Outcome outcome, String gateway, String virtualService, int ruleIndex, int matchIndex,
                         boolean ambiguous, List<Share> shares, FixedResponse fixedResponse, List<Reason> reasons) {

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
