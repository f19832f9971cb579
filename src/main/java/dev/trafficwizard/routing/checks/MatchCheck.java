package dev.trafficwizard.routing.checks;

import dev.trafficwizard.routing.Diagnostic;
import dev.trafficwizard.routing.DiagnosticCode;
import dev.trafficwizard.routing.EffectiveHosts;
import dev.trafficwizard.routing.MatchCondition;
import dev.trafficwizard.routing.Names;
import dev.trafficwizard.routing.RoutingPlan;
import dev.trafficwizard.routing.StringMatch;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * The match entries of every rule, at {@code rules[i].match[j]} (all errors):
 * <ul>
 *   <li>{@code EMPTY_MATCH}: an entry with no field set (an entry with only {@code withoutHeaders},
 *       {@code port} or {@code sourceLabels} is not empty);</li>
 *   <li>{@code MATCH_VALUE}: a string match with more than one of exact/prefix/regex, or with none
 *       where a value is needed (uri, authority, method, query parameters; a header with none
 *       means "present"), or with an empty prefix or regex;</li>
 *   <li>{@code INVALID_HEADER_NAME} at {@code ...headers.<name>}: not an HTTP token (any case, written
 *       lowercase) of at most 256 characters nor a pseudo-header such as {@code :authority};
 *       {@code DUPLICATE_HEADER}: two names equal but for case; {@code JWT_CLAIM_IN_MESH}: an
 *       {@code @request.auth.claims.*} match on rules bound to the mesh, which Istio refuses; the
 *       same at {@code ...withoutHeaders.<name>}, where a regex {@code *} means "present";</li>
 *   <li>{@code INVALID_QUERY_PARAM} at {@code ...queryParams.<name>}: not an HTTP token;</li>
 *   <li>{@code QUERY_PARAM_PREFIX}: a prefix match on a query parameter, which Istio does not
 *       support (it would silently match any value);</li>
 *   <li>{@code INVALID_METHOD}: an exact method that is not an uppercase token;</li>
 *   <li>{@code INVALID_URI}: an exact or prefix uri not starting with {@code /};</li>
 *   <li>{@code INVALID_REGEX} for a regex no engine compiles and {@code RE2_UNSUPPORTED} for one
 *       only Java's engine accepts ({@code \\Z}, {@code (?x)}, lookaround, {@code a{1001}}): Envoy
 *       compiles with RE2, so the check compiles with RE2/J (argument: its error);</li>
 *   <li>{@code TOO_LONG}: a value longer than {@link Limits#MAX_VALUE_LENGTH};</li>
 *   <li>{@code CONTROL_CHARACTER}: a value (or JWT claim name) with NUL, CR, LF or another control
 *       character, which no HTTP request carries (a tab only in header values).</li>
 * </ul>
 */
public final class MatchCheck implements PlanCheck {

    private static final Pattern UPPERCASE_TOKEN = Pattern.compile("[!#$%&'*+\\-.^_`|~0-9A-Z]+");

    /** Which request field a string match applies to. */
    private enum Field {
        URI, AUTHORITY, METHOD, HEADER, QUERY_PARAM;

        boolean valueRequired() {
            return this != HEADER;
        }

        boolean emptyExactAllowed() {
            return this == HEADER || this == QUERY_PARAM;
        }
    }

    @Override
    public void check(RoutingPlan plan, CheckContext context, List<Diagnostic> out) {
        if (!RulesCheck.checkable(plan)) {
            return;
        }
        boolean inMesh = EffectiveHosts.appliesInMesh(plan);
        RuleLoop.matches(plan, (i, j, m, path) -> checkEntry(m, path, inMesh, out));
    }

    static boolean isEmpty(MatchCondition m) {
        return m == null || (m.uri() == null && m.headers().isEmpty() && m.authority() == null
                && m.method() == null && m.queryParams().isEmpty() && m.withoutHeaders().isEmpty()
                && m.port() == null && m.sourceLabels().isEmpty());
    }

    private static void checkEntry(MatchCondition m, String path, boolean inMesh, List<Diagnostic> out) {
        if (isEmpty(m)) {
            out.add(Diagnostic.error(DiagnosticCode.EMPTY_MATCH, path));
            return;
        }
        if (m.uri() != null) {
            checkValue(m.uri(), Field.URI, "uri", path + ".uri", out);
        }
        if (m.authority() != null) {
            checkValue(m.authority(), Field.AUTHORITY, "authority", path + ".authority", out);
        }
        if (m.method() != null) {
            checkValue(m.method(), Field.METHOD, "method", path + ".method", out);
        }
        headers(m.headers(), path + ".headers", inMesh, false, out);
        headers(m.withoutHeaders(), path + ".withoutHeaders", inMesh, true, out);
        for (Map.Entry<String, StringMatch> param : new TreeMap<>(m.queryParams()).entrySet()) {
            String at = path + ".queryParams." + param.getKey();
            if (!Names.isToken(param.getKey())) {
                out.add(Diagnostic.error(DiagnosticCode.INVALID_QUERY_PARAM, at, param.getKey()));
                continue;
            }
            checkValue(param.getValue(), Field.QUERY_PARAM, param.getKey(), at, out);
        }
    }

    /**
     * Header conditions ({@code headers}, or {@code withoutHeaders} where a regex {@code *} means
     * "present", as in Istio).
     */
    private static void headers(Map<String, StringMatch> headers, String path, boolean inMesh, boolean without,
                                List<Diagnostic> out) {
        Set<String> emitted = new HashSet<>();
        for (Map.Entry<String, StringMatch> header : new TreeMap<>(headers).entrySet()) {
            String at = path + "." + header.getKey();
            boolean claim = Names.isJwtClaim(header.getKey());
            if (claim && controlCharacter(header.getKey(), false, at, out)) {
                continue;
            }
            if (claim && inMesh) {
                out.add(Diagnostic.error(DiagnosticCode.JWT_CLAIM_IN_MESH, at, header.getKey()));
                continue;
            }
            if (!claim && !Names.isHeaderName(header.getKey())) {
                out.add(Diagnostic.error(DiagnosticCode.INVALID_HEADER_NAME, at, header.getKey()));
                continue;
            }
            if (!emitted.add(Names.emittedHeaderName(header.getKey()))) {
                out.add(Diagnostic.error(DiagnosticCode.DUPLICATE_HEADER, at, header.getKey()));
                continue;
            }
            StringMatch value = header.getValue();
            if (!(without && value != null && "*".equals(value.regex()) && value.exact() == null && value.prefix() == null)) {
                checkValue(value, Field.HEADER, header.getKey(), at, out);
            }
        }
    }

    private static void checkValue(StringMatch match, Field field, String label, String at, List<Diagnostic> out) {
        int set = match == null ? 0 : count(match.exact()) + count(match.prefix()) + count(match.regex());
        if (set > 1 || (set == 0 && field.valueRequired())) {
            out.add(Diagnostic.error(DiagnosticCode.MATCH_VALUE, at, label));
            return;
        }
        if (set == 0) {
            return;
        }
        String value = match.exact() != null ? match.exact() : match.prefix() != null ? match.prefix() : match.regex();
        if (value.length() > Limits.MAX_VALUE_LENGTH) {
            out.add(Diagnostic.error(DiagnosticCode.TOO_LONG, at, Limits.MAX_VALUE_LENGTH));
            return;
        }
        if (controlCharacter(value, field == Field.HEADER, at, out)) {
            return;
        }
        if (match.regex() != null) {
            checkRegex(value, label, at, out);
        } else if (field == Field.URI) {
            if (!value.startsWith("/")) {
                out.add(Diagnostic.error(DiagnosticCode.INVALID_URI, at, value));
            }
        } else if (field == Field.METHOD && match.exact() != null) {
            if (!UPPERCASE_TOKEN.matcher(value).matches()) {
                out.add(Diagnostic.error(DiagnosticCode.INVALID_METHOD, at, value));
            }
        } else if (field == Field.QUERY_PARAM && match.prefix() != null) {
            out.add(Diagnostic.error(DiagnosticCode.QUERY_PARAM_PREFIX, at, label));
        } else if (value.isEmpty() && !(match.exact() != null && field.emptyExactAllowed())) {
            out.add(Diagnostic.error(DiagnosticCode.MATCH_VALUE, at, label));
        }
    }

    private static void checkRegex(String regex, String label, String at, List<Diagnostic> out) {
        if (regex.isEmpty()) {
            out.add(Diagnostic.error(DiagnosticCode.MATCH_VALUE, at, label));
            return;
        }
        Re2.problem(regex).ifPresent(problem -> out.add(Re2.javaAccepts(regex)
                ? Diagnostic.error(DiagnosticCode.RE2_UNSUPPORTED, at, problem) : Diagnostic.error(DiagnosticCode.INVALID_REGEX, at, problem)));
    }

    /** Reports {@code CONTROL_CHARACTER} (arguments: the character as U+XXXX, its position from 1). */
    private static boolean controlCharacter(String value, boolean tabAllowed, String at, List<Diagnostic> out) {
        int i = Names.firstControlCharacter(value, tabAllowed);
        if (i >= 0) {
            out.add(Diagnostic.error(DiagnosticCode.CONTROL_CHARACTER, at, String.format("U+%04X", (int) value.charAt(i)), i + 1));
        }
        return i >= 0;
    }

    private static int count(String value) {
        return value == null ? 0 : 1;
    }
}
