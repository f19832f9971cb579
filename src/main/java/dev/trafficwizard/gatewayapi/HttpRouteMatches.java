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
 * exact; header names lower case, as the Istio builder writes them.
 *
 * <p>Headers also by prefix and "present", through {@code RegularExpression}: the Gateway API has
 * neither (an HTTPHeaderMatch needs a non-empty value), and its RegularExpression is implementation
 * specific; Istio hands it to Envoy as an RE2 match of the whole value, which needs the header to be
 * there. So prefix {@code p} becomes {@code ^<p with RE2 metacharacters escaped>.*} and "present"
 * becomes {@code .*} (any value, the empty one too): exactly equivalent, since a header value holds no
 * line break for {@code .} to miss. Read back, exactly those two regexes give prefix and "present"
 * again (a plan's own regex {@code .*} reads back as "present", which matches the same requests).
 * Query parameters keep exact and regex only: a decoded parameter value may hold a line break, so
 * the same regexes would not be equivalent there.
 *
 * <p>The rest (query prefix or "present", JWT claims, authority, method by prefix or regex, empty
 * header values, paths the CRD's CEL rules refuse) has no Gateway API equivalent: it is reported and
 * left out of the match.
 */
final class HttpRouteMatches {

    static final String EXACT = "Exact";
    static final String PREFIX = "PathPrefix";
    static final String REGEX = "RegularExpression";
    /** The regex a "header present" match is written as. */
    static final String PRESENT = ".*";
    private static final String META = "\\.+*?()|[]{}^$";

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
        new java.util.TreeSet<>(m.withoutHeaders().keySet()).forEach(name -> untranslatable.add(new Untranslatable(
                field + ".withoutHeaders." + name, "an HTTPRoute match cannot require a header to be absent or"
                + " different (Istio's withoutHeaders): it needs the Istio API")));
        if (m.port() != null) {
            untranslatable.add(new Untranslatable(field + ".port", "an HTTPRoute match has no port: a mesh route"
                    + " names the port in its parentRef, an ingress route its listener; it needs the Istio API"));
        }
        if (!m.sourceLabels().isEmpty()) {
            untranslatable.add(new Untranslatable(field + ".sourceLabels", "an HTTPRoute cannot match the calling"
                    + " workload's labels (Istio's sourceLabels): it needs the Istio API"));
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
                headerMatch(Names.emittedHeaderName(name), match, field + ".headers." + name, untranslatable)
                        .ifPresent(headers::add);
            }
        });
        out.setHeaders(headers.isEmpty() ? null : headers);
        List<HTTPQueryParamMatch> params = new ArrayList<>();
        new TreeMap<>(m.queryParams()).forEach((name, match) -> valueMatch(match, field + ".queryParams." + name,
                untranslatable).ifPresent(t -> params.add(new HTTPQueryParamMatch(name, t, value(match)))));
        out.setQueryParams(params.isEmpty() ? null : params);
        return out;
    }

    private static Optional<HTTPHeaderMatch> headerMatch(String name, StringMatch m, String field,
                                                         List<Untranslatable> untranslatable) {
        if (m == null || m.exact() == null && m.prefix() == null && m.regex() == null) {
            return Optional.of(new HTTPHeaderMatch(name, REGEX, PRESENT));
        }
        if (m.prefix() != null) {
            return Optional.of(new HTTPHeaderMatch(name, REGEX, prefixRegex(m.prefix())));
        }
        String value = value(m);
        if (value.isEmpty()) {
            untranslatable.add(new Untranslatable(field, "an HTTPRoute header match needs a value of at least one"
                    + " character"));
            return Optional.empty();
        }
        return Optional.of(new HTTPHeaderMatch(name, m.exact() != null ? EXACT : REGEX, value));
    }

    /** {@code ^<prefix, RE2 metacharacters escaped>.*}: the values that start with {@code prefix}. */
    static String prefixRegex(String prefix) {
        StringBuilder out = new StringBuilder("^");
        for (char c : prefix.toCharArray()) {
            if (META.indexOf(c) >= 0) {
                out.append('\\');
            }
            out.append(c);
        }
        return out.append(".*").toString();
    }

    /** The prefix a regex of {@link #prefixRegex} was made from; empty for any other regex. */
    static Optional<String> prefixOf(String regex) {
        if (!regex.startsWith("^") || !regex.endsWith(".*") || regex.length() < 3) {
            return Optional.empty();
        }
        String middle = regex.substring(1, regex.length() - 2);
        StringBuilder prefix = new StringBuilder();
        for (int i = 0; i < middle.length(); i++) {
            char c = middle.charAt(i);
            if (c == '\\' && i + 1 < middle.length() && META.indexOf(middle.charAt(i + 1)) >= 0) {
                prefix.append(middle.charAt(++i));
            } else if (META.indexOf(c) >= 0) {
                return Optional.empty();
            } else {
                prefix.append(c);
            }
        }
        return prefixRegex(prefix.toString()).equals(regex) ? Optional.of(prefix.toString()) : Optional.empty();
    }

    private static Optional<String> valueMatch(StringMatch m, String field, List<Untranslatable> untranslatable) {
        if (m != null && m.exact() != null) {
            return Optional.of(EXACT);
        }
        if (m != null && m.regex() != null) {
            return Optional.of(REGEX);
        }
        untranslatable.add(new Untranslatable(field, m != null && m.prefix() != null
                ? "Gateway API has no prefix match for query parameters (a regex would miss decoded line breaks)"
                : "Gateway API has no \"present\" match for query parameters: it needs a value"));
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
            Optional<StringMatch> match = headerFrom(h.getType(), h.getValue());
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

    private static Optional<StringMatch> headerFrom(String type, String value) {
        if (REGEX.equals(type) && value != null) {
            if (PRESENT.equals(value)) {
                return Optional.of(new StringMatch(null, null, null));
            }
            Optional<String> prefix = prefixOf(value);
            if (prefix.isPresent()) {
                return Optional.of(new StringMatch(null, prefix.get(), null));
            }
        }
        return valueFrom(type, value);
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
