package dev.trafficwizard.istio;

import dev.trafficwizard.routing.MatchCondition;
import dev.trafficwizard.routing.Names;
import io.fabric8.istio.api.api.networking.v1alpha3.HTTPMatchRequest;
import io.fabric8.istio.api.api.networking.v1alpha3.StringMatch;
import io.fabric8.istio.api.api.networking.v1alpha3.StringMatchExact;
import io.fabric8.istio.api.api.networking.v1alpha3.StringMatchPrefix;
import io.fabric8.istio.api.api.networking.v1alpha3.StringMatchRegex;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** Plan match conditions to Istio {@code HTTPMatchRequest}s and back. */
final class Matches {

    private Matches() {
    }

    static HTTPMatchRequest toIstio(MatchCondition m) {
        HTTPMatchRequest out = new HTTPMatchRequest();
        out.setUri(toIstio(m.uri()));
        out.setAuthority(toIstio(m.authority()));
        out.setMethod(toIstio(m.method()));
        if (!m.headers().isEmpty()) {
            out.setHeaders(toIstio(m.headers(), true));
        }
        if (!m.queryParams().isEmpty()) {
            out.setQueryParams(toIstio(m.queryParams(), false));
        }
        if (!m.withoutHeaders().isEmpty()) {
            out.setWithoutHeaders(toIstio(m.withoutHeaders(), true));
        }
        out.setPort(m.port() == null ? null : m.port().longValue());
        if (!m.sourceLabels().isEmpty()) {
            out.setSourceLabels(new TreeMap<>(m.sourceLabels()));
        }
        return out;
    }

    private static Map<String, StringMatch> toIstio(Map<String, dev.trafficwizard.routing.StringMatch> map,
                                                   boolean headerName) {
        Map<String, StringMatch> out = new LinkedHashMap<>();
        Map<String, StringMatch> sorted = new TreeMap<>();
        map.forEach((k, v) -> sorted.put(headerName ? Names.emittedHeaderName(k) : k,
                v == null ? new StringMatch() : toIstio(v)));
        out.putAll(sorted);
        return out;
    }

    /** {@code null} stays absent; a match with no value becomes {@code {}} (header present). */
    static StringMatch toIstio(dev.trafficwizard.routing.StringMatch m) {
        if (m == null) {
            return null;
        }
        if (m.exact() != null) {
            return new StringMatch(new StringMatchExact(m.exact()));
        }
        if (m.prefix() != null) {
            return new StringMatch(new StringMatchPrefix(m.prefix()));
        }
        if (m.regex() != null) {
            return new StringMatch(new StringMatchRegex(m.regex()));
        }
        return new StringMatch();
    }

    /**
     * Empty when the Istio match selects requests by something a plan cannot hold (source
     * namespace, gateways, scheme…). {@code ignoreUriCase}, {@code name} and {@code statPrefix} are kept on apply
     * ({@link StructuralMerge}), so they do not stop a plan from being read.
     */
    static Optional<MatchCondition> fromIstio(HTTPMatchRequest m) {
        boolean foreign = m.getSourceNamespace() != null || !Absent.is(m.getGateways()) || m.getScheme() != null
                || m.getPort() != null && (m.getPort() < 1 || m.getPort() > Integer.MAX_VALUE)
                || !m.getAdditionalProperties().isEmpty();
        if (foreign) {
            return Optional.empty();
        }
        MatchCondition match = new MatchCondition(fromIstio(m.getUri()), fromIstio(m.getHeaders()),
                fromIstio(m.getAuthority()), fromIstio(m.getMethod()), fromIstio(m.getQueryParams()),
                fromIstio(m.getWithoutHeaders()), m.getPort() == null ? null : m.getPort().intValue(),
                Absent.is(m.getSourceLabels()) ? null : m.getSourceLabels());
        boolean empty = match.uri() == null && match.headers().isEmpty() && match.authority() == null
                && match.method() == null && match.queryParams().isEmpty() && match.withoutHeaders().isEmpty()
                && match.port() == null && match.sourceLabels().isEmpty();
        // an empty match entry matches everything: a plan writes a catch-all rule instead
        return empty ? Optional.empty() : Optional.of(match);
    }

    private static Map<String, dev.trafficwizard.routing.StringMatch> fromIstio(Map<String, StringMatch> map) {
        if (Absent.is(map)) {
            return null;
        }
        Map<String, dev.trafficwizard.routing.StringMatch> out = new LinkedHashMap<>();
        map.forEach((k, v) -> out.put(k, fromIstio(v)));
        return out;
    }

    static dev.trafficwizard.routing.StringMatch fromIstio(StringMatch m) {
        if (m == null) {
            return null;
        }
        if (m.getMatchType() instanceof StringMatchExact e) {
            return new dev.trafficwizard.routing.StringMatch(e.getExact(), null, null);
        }
        if (m.getMatchType() instanceof StringMatchPrefix p) {
            return new dev.trafficwizard.routing.StringMatch(null, p.getPrefix(), null);
        }
        if (m.getMatchType() instanceof StringMatchRegex r) {
            return new dev.trafficwizard.routing.StringMatch(null, null, r.getRegex());
        }
        return new dev.trafficwizard.routing.StringMatch(null, null, null);
    }
}
