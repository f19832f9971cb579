package dev.trafficwizard.istio;

import dev.trafficwizard.routing.RoutingPlan;
import dev.trafficwizard.routing.Rule;
import dev.trafficwizard.routing.TargetService;
import dev.trafficwizard.routing.WeightedDestination;
import io.fabric8.istio.api.api.networking.v1alpha3.HTTPRoute;
import io.fabric8.istio.api.api.networking.v1alpha3.HTTPRouteDestination;
import io.fabric8.istio.api.api.networking.v1alpha3.Subset;
import io.fabric8.istio.api.networking.v1.DestinationRule;
import io.fabric8.istio.api.networking.v1.VirtualService;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads managed routing objects back into a plan, the inverse of {@link RoutingObjectBuilder}.
 * Empty when the objects hold something the plan cannot express (edited by hand since), so the
 * caller shows them read-only instead of silently dropping what it does not understand.
 */
public final class RoutingPlanParser {

    private RoutingPlanParser() {
    }

    public static Optional<RoutingPlan> parse(VirtualService vs, DestinationRule dr, TargetService target) {
        if (vs == null || dr == null || vs.getSpec() == null || dr.getSpec() == null
                || !target.fqdn().equals(dr.getSpec().getHost())) {
            return Optional.empty();
        }
        Map<String, String> versionBySubset = new HashMap<>();
        for (Subset subset : nullSafe(dr.getSpec().getSubsets())) {
            String version = subset.getLabels() == null ? null : subset.getLabels().get(target.versionLabel());
            if (version == null || subset.getLabels().size() != 1 || subset.getTrafficPolicy() != null) {
                return Optional.empty();
            }
            versionBySubset.put(subset.getName(), version);
        }
        if (dr.getSpec().getTrafficPolicy() != null || !isPlainVirtualService(vs)) {
            return Optional.empty();
        }
        List<Rule> rules = new ArrayList<>();
        for (HTTPRoute http : vs.getSpec().getHttp()) {
            Optional<Rule> rule = parseRule(http, versionBySubset, target);
            if (rule.isEmpty()) {
                return Optional.empty();
            }
            rules.add(rule.get());
        }
        List<String> hosts = vs.getSpec().getHosts();
        List<String> planHosts = hosts.equals(List.of(target.fqdn())) ? List.of() : hosts;
        return Optional.of(new RoutingPlan(target.namespace(), target.name(), planHosts, null, rules, null));
    }

    private static boolean isPlainVirtualService(VirtualService vs) {
        var spec = vs.getSpec();
        return nullSafe(spec.getGateways()).isEmpty() && nullSafe(spec.getTcp()).isEmpty()
                && nullSafe(spec.getTls()).isEmpty() && nullSafe(spec.getExportTo()).isEmpty()
                && !nullSafe(spec.getHttp()).isEmpty() && !nullSafe(spec.getHosts()).isEmpty();
    }

    private static Optional<Rule> parseRule(HTTPRoute http, Map<String, String> versionBySubset, TargetService target) {
        if (!nullSafe(http.getMatch()).isEmpty() || http.getRedirect() != null || http.getRewrite() != null
                || http.getFault() != null || http.getMirror() != null || http.getHeaders() != null
                || http.getDirectResponse() != null || http.getRetries() != null || http.getTimeout() != null) {
            return Optional.empty();
        }
        List<WeightedDestination> route = new ArrayList<>();
        for (HTTPRouteDestination d : nullSafe(http.getRoute())) {
            if (d.getDestination() == null || !target.fqdn().equals(d.getDestination().getHost())
                    || d.getDestination().getPort() != null || d.getHeaders() != null) {
                return Optional.empty();
            }
            String version = versionBySubset.get(d.getDestination().getSubset());
            if (version == null) {
                return Optional.empty();
            }
            route.add(new WeightedDestination(version, d.getWeight() == null ? 100 : d.getWeight()));
        }
        return route.isEmpty() ? Optional.empty() : Optional.of(new Rule(List.of(), route));
    }

    private static <T> List<T> nullSafe(List<T> list) {
        return list == null ? List.of() : list;
    }
}
