package dev.trafficwizard.gatewayapi;

import dev.trafficwizard.routing.MatchCondition;
import dev.trafficwizard.routing.Names;
import dev.trafficwizard.routing.StringMatch;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPHeaderMatch;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPPathMatch;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPQueryParamMatch;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRouteMatch;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Plan match conditions to HTTPRoute matches and back. Path: exact, prefix (PathPrefix, which
 * matches whole path segments) and regex; headers and query parameters: exact and regex; method:
 * exact; header names lower case, as the Istio builder writes them. The rest (prefix header or
 * query matches, "header present", JWT claims, authority, method by prefix or regex, paths the
 * CRD's CEL rules refuse) has no Gateway API equivalent: it is reported and left out of the match.
 */
final class HttpRouteMatches {

    static final String EXACT = "Exact";
    static final String PREFIX = "PathPrefix";
    static final String REGEX = "RegularExpression";

    private HttpRouteMatches() {
    }

    static HTTPRouteMatch toGatewayApi(MatchCondition m, String field, List<Untranslatable> untranslatable) {
        HTTPRouteMatch out = new HTTPRouteMatch();
        if (m.uri() != null) {
            String type = m.uri().exact() != null ? EXACT : m.uri().prefix() != null ? PREFIX
                    : m.uri().regex() != null ? REGEX : null;
            Optional<String> problem = type == null ? Optional.of("a path match needs a value")
                    : REGEX.equals(type) ? Optional.empty() : PathValues.problem(value(m.uri()));
            if (problem.isPresent()) {
                untranslatable.add(new Untranslatable(field + ".uri", problem.get()));
            } else {
                out.setPath(new HTTPPathMatch(type, value(m.uri())));
            }
        }
        if (m.authority() != null) {
            untranslatable.add(new Untranslatable(field + ".authority",
                    "an HTTPRoute matches the authority only through hostnames, not per rule"));
        }
        if (m.method() != null) {
            if (m.method().exact() != null) {
                out.setMethod(m.method().exact());
            } else {
                untranslatable.add(new Untranslatable(field + ".method", "Gateway API matches a method exactly only"));
            }
        }
        List<HTTPHeaderMatch> headers = new ArrayList<>();
        new TreeMap<>(m.headers()).forEach((name, match) -> {
            if (Names.isJwtClaim(name)) {
                untranslatable.add(new Untranslatable(field + ".headers." + name,
                        "JWT claim matches are Istio's own: Gateway API matches HTTP headers only"));
            } else {
                valueMatch(match, field + ".headers." + name, untranslatable).ifPresent(t -> headers.add(
                        new HTTPHeaderMatch(Names.emittedHeaderName(name), t, value(match))));
            }
        });
        out.setHeaders(headers.isEmpty() ? null : headers);
        List<HTTPQueryParamMatch> params = new ArrayList<>();
        new TreeMap<>(m.queryParams()).forEach((name, match) -> valueMatch(match, field + ".queryParams." + name,
                untranslatable).ifPresent(t -> params.add(new HTTPQueryParamMatch(name, t, value(match)))));
        out.setQueryParams(params.isEmpty() ? null : params);
        return out;
    }

    private static Optional<String> valueMatch(StringMatch m, String field, List<Untranslatable> untranslatable) {
        if (m != null && m.exact() != null) {
            return Optional.of(EXACT);
        }
        if (m != null && m.regex() != null) {
            return Optional.of(REGEX);
        }
        untranslatable.add(new Untranslatable(field, m != null && m.prefix() != null
                ? "Gateway API has no prefix match for headers or query parameters"
                : "Gateway API has no \"present\" match: it needs a value"));
        return Optional.empty();
    }

    private static String value(StringMatch m) {
        return m == null ? null : m.exact() != null ? m.exact() : m.prefix() != null ? m.prefix() : m.regex();
    }

    /** Empty when the match holds something no plan writes (an unknown type, extra fields). */
    static Optional<MatchCondition> fromGatewayApi(HTTPRouteMatch m) {
        if (!m.getAdditionalProperties().isEmpty()) {
            return Optional.empty();
        }
        StringMatch uri = null;
        if (m.getPath() != null) {
            String type = m.getPath().getType() == null ? PREFIX : m.getPath().getType();
            String value = m.getPath().getValue() == null ? "/" : m.getPath().getValue();
            uri = switch (type) {
                case EXACT -> new StringMatch(value, null, null);
                case PREFIX -> new StringMatch(null, value, null);
                case REGEX -> new StringMatch(null, null, value);
                default -> null;
            };
            if (uri == null) {
                return Optional.empty();
            }
        }
        Map<String, StringMatch> headers = new LinkedHashMap<>();
        for (HTTPHeaderMatch h : nullSafe(m.getHeaders())) {
            Optional<StringMatch> match = valueFrom(h.getType(), h.getValue());
            if (match.isEmpty() || headers.put(h.getName(), match.get()) != null) {
                return Optional.empty();
            }
        }
        Map<String, StringMatch> params = new LinkedHashMap<>();
        for (HTTPQueryParamMatch q : nullSafe(m.getQueryParams())) {
            Optional<StringMatch> match = valueFrom(q.getType(), q.getValue());
            if (match.isEmpty() || params.put(q.getName(), match.get()) != null) {
                return Optional.empty();
            }
        }
        StringMatch method = m.getMethod() == null ? null : new StringMatch(m.getMethod(), null, null);
        if (uri == null && headers.isEmpty() && params.isEmpty() && method == null) {
            return Optional.empty(); // matches everything: a plan writes a catch-all rule instead
        }
        return Optional.of(new MatchCondition(uri, headers, null, method, params));
    }

    private static Optional<StringMatch> valueFrom(String type, String value) {
        if (value == null) {
            return Optional.empty();
        }
        if (type == null || EXACT.equals(type)) {
            return Optional.of(new StringMatch(value, null, null));
        }
        return REGEX.equals(type) ? Optional.of(new StringMatch(null, null, value)) : Optional.empty();
    }

    static <T> List<T> nullSafe(List<T> list) {
        return list == null ? List.of() : list;
    }
}
