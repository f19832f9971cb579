package dev.trafficwizard.istio;

import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;
import dev.trafficwizard.routing.checks.Re2;
import io.fabric8.istio.api.api.networking.v1alpha3.HTTPMatchRequest;
import io.fabric8.istio.api.api.networking.v1alpha3.StringMatch;
import io.fabric8.istio.api.api.networking.v1alpha3.StringMatchExact;
import io.fabric8.istio.api.api.networking.v1alpha3.StringMatchPrefix;
import io.fabric8.istio.api.api.networking.v1alpha3.StringMatchRegex;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * One {@code match} entry of an HTTP rule against a request, as Envoy evaluates it: every field
 * that is set must fit (AND). Explains (as {@link Reason}s) why an entry does not fit, or what it matched.
 */
final class RequestMatcher {

    private RequestMatcher() {
    }

    /**
     * Null when the entry fits the request, else the first reason it does not.
     *
     * @param contexts    where the request is evaluated: {@code mesh}, or {@code ns/name} of the gateways
     * @param vsNamespace namespace of the VirtualService, to resolve gateway names in the entry
     * @param assumptions collects fields the simulator cannot check (it assumes they fit)
     */
    static Reason mismatch(HTTPMatchRequest m, SimulatedRequest r, Set<String> contexts, String vsNamespace,
                           List<Reason> assumptions) {
        boolean ignoreCase = Boolean.TRUE.equals(m.getIgnoreUriCase());
        if (m.getUri() != null && !fits(m.getUri(), r.uriPath(), ignoreCase)) {
            return Reason.of("sim.why.mismatch.path", nullToEmpty(r.uriPath()), describe(m.getUri()), caseNote(ignoreCase));
        }
        if (m.getAuthority() != null && !fits(m.getAuthority(), r.hostName(), false)) {
            return Reason.of("sim.why.mismatch.host", nullToEmpty(r.hostName()), describe(m.getAuthority()));
        }
        if (m.getMethod() != null && !fits(m.getMethod(), r.method(), false)) {
            return Reason.of("sim.why.mismatch.method", r.method(), describe(m.getMethod()));
        }
        for (Map.Entry<String, StringMatch> h : entries(m.getHeaders())) {
            String value = headerValue(r, h.getKey());
            if (!fitsPresent(h.getValue(), value)) {
                return Reason.of("sim.why.mismatch.header", h.getKey(), shown(value), describeHeader(h.getValue()));
            }
        }
        for (Map.Entry<String, StringMatch> h : entries(m.getWithoutHeaders())) {
            String value = headerValue(r, h.getKey());
            if (fitsWithout(h.getValue(), value)) {
                return Reason.of("sim.why.mismatch.withoutHeader", h.getKey(), shown(value), describeHeader(h.getValue()));
            }
        }
        for (Map.Entry<String, StringMatch> q : entries(m.getQueryParams())) {
            String value = r.queryParams().get(q.getKey());
            if (!fitsPresent(q.getValue(), value)) {
                return Reason.of("sim.why.mismatch.query", q.getKey(), shown(value), describeHeader(q.getValue()));
            }
        }
        if (m.getPort() != null && m.getPort() != 0 && r.port() != null && m.getPort().intValue() != r.port()) {
            return Reason.of("sim.why.mismatch.port", String.valueOf(r.port()), String.valueOf(m.getPort()));
        }
        // As istiod: an entry naming gateways is kept or dropped by them alone; otherwise its
        // sourceLabels must all be labels of the proxy the request leaves from.
        if (m.getGateways() != null && !m.getGateways().isEmpty()) {
            Set<String> listed = Set.copyOf(m.getGateways().stream().map(g -> gatewayRef(g, vsNamespace)).toList());
            if (contexts.stream().noneMatch(listed::contains)) {
                return Reason.of("sim.why.mismatch.gateways", String.join(", ", m.getGateways()));
            }
        } else if (m.getSourceLabels() != null && !m.getSourceLabels().isEmpty()
                && !r.sourceLabels().entrySet().containsAll(m.getSourceLabels().entrySet())) {
            String wanted = labels(m.getSourceLabels());
            return r.viaGateway() ? Reason.of("sim.why.mismatch.sourceLabels.gateway", labels(r.sourceLabels()), wanted)
                    : r.sourceLabels().isEmpty() ? Reason.of("sim.why.mismatch.sourceLabels.none", wanted)
                    : Reason.of("sim.why.mismatch.sourceLabels", labels(r.sourceLabels()), wanted);
        }
        unchecked(m, r, assumptions);
        return null;
    }

    /** A request header by name, any case; the pseudo-headers {@code :authority}, {@code :method}, {@code :path}. */
    static String headerValue(SimulatedRequest r, String name) {
        return switch (name.toLowerCase(Locale.ROOT)) {
            case ":authority" -> r.hostName();
            case ":method" -> r.method();
            case ":path" -> r.path();
            default -> r.headers().get(name.toLowerCase(Locale.ROOT));
        };
    }

    /** The entry in plain words, e.g. {@code path starts with "/canary" and header x-a is "b"}. */
    static Reason describe(HTTPMatchRequest m) {
        List<Reason> parts = new ArrayList<>();
        if (m.getUri() != null) {
            parts.add(Reason.of("sim.why.entry.path", describeIs(m.getUri()), caseNote(Boolean.TRUE.equals(m.getIgnoreUriCase()))));
        }
        if (m.getAuthority() != null) {
            parts.add(Reason.of("sim.why.entry.host", describeIs(m.getAuthority())));
        }
        if (m.getMethod() != null) {
            parts.add(Reason.of("sim.why.entry.method", describeIs(m.getMethod())));
        }
        entries(m.getHeaders()).forEach(h -> parts.add(Reason.of("sim.why.entry.header", h.getKey(), describeIsHeader(h.getValue()))));
        entries(m.getWithoutHeaders()).forEach(h -> parts.add(Reason.of("sim.why.entry.withoutHeader", h.getKey(),
                describeIsHeader(h.getValue()))));
        entries(m.getQueryParams()).forEach(q -> parts.add(Reason.of("sim.why.entry.query", q.getKey(), describeIsHeader(q.getValue()))));
        if (m.getPort() != null && m.getPort() != 0) {
            parts.add(Reason.of("sim.why.entry.port", String.valueOf(m.getPort())));
        }
        if (m.getSourceLabels() != null && !m.getSourceLabels().isEmpty()) {
            parts.add(Reason.of("sim.why.entry.sourceLabels", labels(m.getSourceLabels())));
        }
        return parts.isEmpty() ? Reason.of("sim.why.entry.any") : Reason.of("sim.why.entry", Reason.joined("sim.why.and", parts));
    }

    /**
     * Whether a {@code withoutHeaders} entry fits the header's value, which excludes the request. As
     * istiod writes it for Envoy (an inverted header matcher): an entry without match type (or regex
     * {@code *}) means "present", so only a request without the header passes; otherwise a missing
     * header counts as the empty value.
     */
    static boolean fitsWithout(StringMatch match, String value) {
        if (presentMatch(match)) {
            return value != null;
        }
        return fits(match, value == null ? "" : value, false);
    }

    /** A header or query parameter match: as {@link #fits}, but the regex {@code *} means "present", as istiod writes it. */
    static boolean fitsPresent(StringMatch match, String value) {
        return presentMatch(match) ? value != null : fits(match, value, false);
    }

    /** istiod turns a header or query StringMatch without type, or the regex {@code *}, into Envoy's present match. */
    static boolean presentMatch(StringMatch match) {
        Object type = match == null ? null : match.getMatchType();
        return type == null || type instanceof StringMatchRegex x && "*".equals(x.getRegex());
    }

    /** Whether a value fits a StringMatch; a missing value never fits; no match type means "present". */
    static boolean fits(StringMatch match, String value, boolean ignoreCase) {
        if (value == null) {
            return false;
        }
        Object type = match.getMatchType();
        if (type instanceof StringMatchExact e) {
            String exact = nullToEmpty(e.getExact());
            return ignoreCase ? value.equalsIgnoreCase(exact) : value.equals(exact);
        }
        if (type instanceof StringMatchPrefix p) {
            String prefix = nullToEmpty(p.getPrefix());
            return value.regionMatches(ignoreCase, 0, prefix, 0, prefix.length());
        }
        if (type instanceof StringMatchRegex x) {
            return Re2.fullMatch(nullToEmpty(x.getRegex()), value);
        }
        return true;
    }

    /** describe of a header or query parameter match, where the regex {@code *} means "present". */
    private static Reason describeHeader(StringMatch match) {
        return presentMatch(match) ? Reason.of("sim.why.does.present") : describe(match);
    }

    private static Reason describe(StringMatch match) {
        Object type = match.getMatchType();
        if (type instanceof StringMatchExact e) {
            return Reason.of("sim.why.does.exact", nullToEmpty(e.getExact()));
        }
        if (type instanceof StringMatchPrefix p) {
            return Reason.of("sim.why.does.prefix", nullToEmpty(p.getPrefix()));
        }
        if (type instanceof StringMatchRegex x) {
            return Reason.of(validRegex(x.getRegex()) ? "sim.why.does.regex" : "sim.why.does.invalidRegex",
                    nullToEmpty(x.getRegex()));
        }
        return Reason.of("sim.why.does.present");
    }

    private static boolean validRegex(String regex) {
        try {
            Pattern.compile(nullToEmpty(regex));
            return true;
        } catch (PatternSyntaxException invalid) {
            return false;
        }
    }

    /** describeIs of a header or query parameter match, where the regex {@code *} means "present". */
    private static Reason describeIsHeader(StringMatch match) {
        return presentMatch(match) ? Reason.of("sim.why.is.present") : describeIs(match);
    }

    private static Reason describeIs(StringMatch match) {
        Object type = match.getMatchType();
        if (type instanceof StringMatchExact e) {
            return Reason.of("sim.why.is.exact", nullToEmpty(e.getExact()));
        }
        if (type instanceof StringMatchPrefix p) {
            return Reason.of("sim.why.is.prefix", nullToEmpty(p.getPrefix()));
        }
        if (type instanceof StringMatchRegex x) {
            return Reason.of("sim.why.is.regex", nullToEmpty(x.getRegex()));
        }
        return Reason.of("sim.why.is.present");
    }

    private static void unchecked(HTTPMatchRequest m, SimulatedRequest r, List<Reason> assumptions) {
        List<String> fields = new ArrayList<>();
        if (m.getSourceNamespace() != null) {
            fields.add("sourceNamespace");
        }
        if (m.getPort() != null && m.getPort() != 0 && r.port() == null) {
            fields.add("port");
        }
        if (m.getScheme() != null) {
            fields.add("scheme");
        }
        if (!fields.isEmpty()) {
            assumptions.add(Reason.of("sim.why.unchecked", String.join(", ", fields)));
        }
    }

    /** A gateway named in a VirtualService: {@code mesh}, {@code ns/name}, or a name in the VirtualService's namespace. */
    static String gatewayRef(String name, String vsNamespace) {
        String n = name.trim();
        return n.equals("mesh") || n.contains("/") ? n : vsNamespace + "/" + n;
    }

    private static List<Map.Entry<String, StringMatch>> entries(Map<String, StringMatch> map) {
        return map == null ? List.of() : map.entrySet().stream()
                .filter(e -> e.getValue() != null)
                .sorted(Map.Entry.comparingByKey()).toList();
    }

    /** Labels as written in a selector: {@code app=sleep, version=v1}, sorted by name. */
    static String labels(Map<String, String> labels) {
        return String.join(", ", new java.util.TreeMap<>(labels).entrySet().stream()
                .map(e -> e.getKey() + "=" + e.getValue()).toList());
    }

    private static Object caseNote(boolean ignoreCase) {
        return ignoreCase ? Reason.of("sim.why.ignoringCase") : "";
    }

    private static Reason shown(String value) {
        return value == null ? Reason.of("sim.why.value.absent") : Reason.of("sim.why.value", value);
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }
}
