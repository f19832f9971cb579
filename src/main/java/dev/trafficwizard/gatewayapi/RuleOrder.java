package dev.trafficwizard.gatewayapi;

import dev.trafficwizard.routing.MatchCondition;
import dev.trafficwizard.routing.RoutingPlan;
import dev.trafficwizard.routing.checks.Re2;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPHeaderMatch;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPQueryParamMatch;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRoute;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRouteMatch;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRouteRule;

import java.util.List;
import java.util.Locale;
import java.util.Objects;

import static dev.trafficwizard.gatewayapi.HttpRouteMatches.nullSafe;
import static dev.trafficwizard.gatewayapi.HttpRouteMatching.EXACT;
import static dev.trafficwizard.gatewayapi.HttpRouteMatching.PATH_PREFIX;
import static dev.trafficwizard.gatewayapi.HttpRouteMatching.REGEX;

/**
 * Where the translated route routes otherwise than Istio would route the plan, as {@link Difference}s:
 * <ul>
 * <li>a URI prefix other than "/": Istio's prefix is a plain string prefix, PathPrefix matches whole
 * path segments and ignores a trailing slash;</li>
 * <li>rule order: Istio takes the first rule that matches, the Gateway API the match of highest
 * precedence ({@link HttpRoutePrecedence}: exact path, longest prefix, regex, method, most headers,
 * most query parameters, then position). A later rule that outranks an earlier one, where a request
 * can match both and the two send it elsewhere, is reported. Whether two matches can meet is judged
 * from what excludes it plainly (different exact values, prefixes on other segments, different
 * methods); the rest is assumed to meet.</li>
 * </ul>
 */
final class RuleOrder {

    private RuleOrder() {
    }

    static void compare(RoutingPlan plan, HTTPRoute route, List<String> ruleFields, List<Difference> out) {
        for (int i = 0; i < plan.rules().size(); i++) {
            List<MatchCondition> matches = plan.rules().get(i).match();
            for (int j = 0; j < matches.size(); j++) {
                String prefix = matches.get(j).uri() == null ? null : matches.get(j).uri().prefix();
                if (prefix != null && !prefix.equals("/") && !prefix.isEmpty()) {
                    out.add(new Difference("rules[" + i + "].match[" + j + "].uri", segments(prefix)));
                }
            }
        }
        List<HTTPRouteRule> rules = route.getSpec().getRules();
        for (int b = 1; b < rules.size(); b++) {
            for (int a = 0; a < b; a++) {
                if (!Objects.equals(rules.get(a).getBackendRefs(), rules.get(b).getBackendRefs())
                        && outranksSomewhere(route, a, b)) {
                    out.add(new Difference(ruleFields.get(b), "the Gateway API ranks rules by their matches, not"
                            + " their position: a request that both " + ruleFields.get(a) + " and " + ruleFields.get(b)
                            + " match follows " + ruleFields.get(b) + " (a more exact path, longer prefix, method or"
                            + " more headers or query parameters), where Istio takes the first, " + ruleFields.get(a)));
                }
            }
        }
    }

    private static String segments(String prefix) {
        String trimmed = prefix.endsWith("/") ? prefix.substring(0, prefix.length() - 1) : prefix;
        return "PathPrefix '" + prefix + "' matches whole path segments: " + trimmed + " and " + trimmed
                + "/… but not " + trimmed + "x…, which Istio's prefix "
                + (prefix.endsWith("/") ? "does not match either way round (it needs the slash)"
                : "matches too");
    }

    private static boolean outranksSomewhere(HTTPRoute route, int a, int b) {
        List<HTTPRouteMatch> as = matches(route.getSpec().getRules().get(a));
        List<HTTPRouteMatch> bs = matches(route.getSpec().getRules().get(b));
        for (int mb = 0; mb < bs.size(); mb++) {
            for (int ma = 0; ma < as.size(); ma++) {
                var first = new HttpRoutePrecedence.Candidate(route, a, ma, as.get(ma), 0);
                var later = new HttpRoutePrecedence.Candidate(route, b, mb, bs.get(mb), 0);
                if (HttpRoutePrecedence.ORDER.compare(later, first) < 0 && canMeet(as.get(ma), bs.get(mb))) {
                    return true;
                }
            }
        }
        return false;
    }

    private static List<HTTPRouteMatch> matches(HTTPRouteRule rule) {
        return nullSafe(rule.getMatches()).isEmpty() ? List.of(new HTTPRouteMatch()) : rule.getMatches();
    }

    static boolean canMeet(HTTPRouteMatch x, HTTPRouteMatch y) {
        if (x.getMethod() != null && y.getMethod() != null && !x.getMethod().equals(y.getMethod())) {
            return false;
        }
        if (!pathsCanMeet(x, y)) {
            return false;
        }
        for (HTTPHeaderMatch hx : HttpRouteMatching.effectiveHeaders(x)) {
            for (HTTPHeaderMatch hy : HttpRouteMatching.effectiveHeaders(y)) {
                if (hx.getName().toLowerCase(Locale.ROOT).equals(hy.getName().toLowerCase(Locale.ROOT))
                        && !valuesCanMeet(hx.getType(), hx.getValue(), hy.getType(), hy.getValue())) {
                    return false;
                }
            }
        }
        for (HTTPQueryParamMatch qx : HttpRouteMatching.effectiveQueryParams(x)) {
            for (HTTPQueryParamMatch qy : HttpRouteMatching.effectiveQueryParams(y)) {
                if (qx.getName().equals(qy.getName())
                        && !valuesCanMeet(qx.getType(), qx.getValue(), qy.getType(), qy.getValue())) {
                    return false;
                }
            }
        }
        return true;
    }

    private static boolean pathsCanMeet(HTTPRouteMatch x, HTTPRouteMatch y) {
        String tx = HttpRouteMatching.pathType(x);
        String ty = HttpRouteMatching.pathType(y);
        String vx = HttpRouteMatching.pathValue(x);
        String vy = HttpRouteMatching.pathValue(y);
        if (REGEX.equals(tx) && REGEX.equals(ty)) {
            return true;
        }
        if (EXACT.equals(ty) || REGEX.equals(tx)) {
            return HttpRouteMatching.pathMatches(tx, vx, vy) || !EXACT.equals(ty);
        }
        if (EXACT.equals(tx)) {
            return HttpRouteMatching.pathMatches(ty, vy, vx);
        }
        if (REGEX.equals(ty)) {
            return true;
        }
        // two prefixes meet when one covers the other
        return HttpRouteMatching.pathMatches(PATH_PREFIX, vx, trim(vy))
                || HttpRouteMatching.pathMatches(PATH_PREFIX, vy, trim(vx));
    }

    private static String trim(String prefix) {
        return prefix.length() > 1 && prefix.endsWith("/") ? prefix.substring(0, prefix.length() - 1) : prefix;
    }

    private static boolean valuesCanMeet(String tx, String vx, String ty, String vy) {
        boolean ex = tx == null || EXACT.equals(tx);
        boolean ey = ty == null || EXACT.equals(ty);
        if (ex && ey) {
            return Objects.equals(vx, vy);
        }
        if (ex && REGEX.equals(ty)) {
            return Re2.fullMatch(vy, vx);
        }
        if (ey && REGEX.equals(tx)) {
            return Re2.fullMatch(vx, vy);
        }
        return true;
    }
}
