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
 * Where a translated match routes otherwise than Istio would route the plan, as {@link Difference}s:
 * a URI prefix other than "/" (Istio's prefix is a plain string prefix, PathPrefix matches whole
 * path segments and ignores a trailing slash). That rules are ordered by precedence rather than by
 * position is {@link PrecedenceOrder}'s to report.
 */
final class SegmentPrefixes {

    private SegmentPrefixes() {
    }

    static void compare(RoutingPlan plan, List<Difference> out) {
        for (int i = 0; i < plan.rules().size(); i++) {
            List<MatchCondition> matches = plan.rules().get(i).match();
            for (int j = 0; j < matches.size(); j++) {
                String prefix = matches.get(j).uri() == null ? null : matches.get(j).uri().prefix();
                if (prefix != null && !prefix.equals("/") && !prefix.isEmpty()) {
                    out.add(new Difference("rules[" + i + "].match[" + j + "].uri", segments(prefix)));
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
}
