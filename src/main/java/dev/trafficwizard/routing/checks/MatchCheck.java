package dev.trafficwizard.routing.checks;

import dev.trafficwizard.routing.Diagnostic;
import dev.trafficwizard.routing.MatchCondition;
import dev.trafficwizard.routing.Names;
import dev.trafficwizard.routing.RoutingPlan;
import dev.trafficwizard.routing.Rule;
import dev.trafficwizard.routing.StringMatch;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * The match entries of every rule, at {@code rules[i].match[j]} (all errors):
 * <ul>
 *   <li>{@code EMPTY_MATCH}: an entry with no field set;</li>
 *   <li>{@code MATCH_VALUE}: a string match with more than one of exact/prefix/regex, or with none
 *       where a value is needed (uri, authority, method, query parameters; a header with none
 *       means "present"), or with an empty prefix or regex;</li>
 *   <li>{@code INVALID_HEADER_NAME} at {@code ...headers.<name>}: not a lowercase HTTP token of at
 *       most 256 characters (so no pseudo-headers such as {@code :authority});</li>
 *   <li>{@code INVALID_QUERY_PARAM} at {@code ...queryParams.<name>}: not an HTTP token;</li>
 *   <li>{@code QUERY_PARAM_PREFIX}: a prefix match on a query parameter, which Istio does not
 *       support (it would silently match any value);</li>
 *   <li>{@code INVALID_METHOD}: an exact method that is not an uppercase token;</li>
 *   <li>{@code INVALID_URI}: an exact or prefix uri not starting with {@code /};</li>
 *   <li>{@code INVALID_REGEX} (argument: the compile error) and {@code RE2_UNSUPPORTED}
 *       (argument: the construct) for regexes Java or Envoy's RE2 cannot use;</li>
 *   <li>{@code TOO_LONG}: a value longer than {@link Limits#MAX_VALUE_LENGTH}.</li>
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
        for (int i = 0; i < plan.rules().size(); i++) {
            Rule rule = plan.rules().get(i);
            if (rule == null) {
                continue;
            }
            for (int j = 0; j < rule.match().size(); j++) {
                checkEntry(rule.match().get(j), "rules[" + i + "].match[" + j + "]", out);
            }
        }
    }

    static boolean isEmpty(MatchCondition m) {
        return m == null || (m.uri() == null && m.headers().isEmpty() && m.authority() == null
                && m.method() == null && m.queryParams().isEmpty());
    }

    private static void checkEntry(MatchCondition m, String path, List<Diagnostic> out) {
        if (isEmpty(m)) {
            out.add(Diagnostic.error("EMPTY_MATCH", path));
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
        for (Map.Entry<String, StringMatch> header : new TreeMap<>(m.headers()).entrySet()) {
            String at = path + ".headers." + header.getKey();
            if (!Names.isHeaderName(header.getKey())) {
                out.add(Diagnostic.error("INVALID_HEADER_NAME", at, header.getKey()));
                continue;
            }
            checkValue(header.getValue(), Field.HEADER, header.getKey(), at, out);
        }
        for (Map.Entry<String, StringMatch> param : new TreeMap<>(m.queryParams()).entrySet()) {
            String at = path + ".queryParams." + param.getKey();
            if (!Names.isToken(param.getKey())) {
                out.add(Diagnostic.error("INVALID_QUERY_PARAM", at, param.getKey()));
                continue;
            }
            checkValue(param.getValue(), Field.QUERY_PARAM, param.getKey(), at, out);
        }
    }

    private static void checkValue(StringMatch match, Field field, String label, String at, List<Diagnostic> out) {
        int set = match == null ? 0 : count(match.exact()) + count(match.prefix()) + count(match.regex());
        if (set > 1 || (set == 0 && field.valueRequired())) {
            out.add(Diagnostic.error("MATCH_VALUE", at, label));
            return;
        }
        if (set == 0) {
            return;
        }
        String value = match.exact() != null ? match.exact() : match.prefix() != null ? match.prefix() : match.regex();
        if (value.length() > Limits.MAX_VALUE_LENGTH) {
            out.add(Diagnostic.error("TOO_LONG", at, Limits.MAX_VALUE_LENGTH));
            return;
        }
        if (match.regex() != null) {
            checkRegex(value, label, at, out);
        } else if (field == Field.URI) {
            if (!value.startsWith("/")) {
                out.add(Diagnostic.error("INVALID_URI", at, value));
            }
        } else if (field == Field.METHOD && match.exact() != null) {
            if (!UPPERCASE_TOKEN.matcher(value).matches()) {
                out.add(Diagnostic.error("INVALID_METHOD", at, value));
            }
        } else if (field == Field.QUERY_PARAM && match.prefix() != null) {
            out.add(Diagnostic.error("QUERY_PARAM_PREFIX", at, label));
        } else if (value.isEmpty() && !(match.exact() != null && field.emptyExactAllowed())) {
            out.add(Diagnostic.error("MATCH_VALUE", at, label));
        }
    }

    private static void checkRegex(String regex, String label, String at, List<Diagnostic> out) {
        if (regex.isEmpty()) {
            out.add(Diagnostic.error("MATCH_VALUE", at, label));
            return;
        }
        try {
            Pattern.compile(regex);
        } catch (PatternSyntaxException e) {
            out.add(Diagnostic.error("INVALID_REGEX", at, e.getDescription()));
            return;
        }
        Optional<String> construct = Re2Syntax.unsupportedConstruct(regex);
        construct.ifPresent(c -> out.add(Diagnostic.error("RE2_UNSUPPORTED", at, c)));
    }

    private static int count(String value) {
        return value == null ? 0 : 1;
    }
}
