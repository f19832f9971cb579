package dev.trafficwizard.gatewayapi;

import dev.trafficwizard.routing.Hosts;
import dev.trafficwizard.routing.TargetService;
import io.fabric8.istio.api.api.networking.v1alpha3.HTTPRoute;
import io.fabric8.istio.api.api.networking.v1alpha3.Subset;
import io.fabric8.istio.api.api.networking.v1alpha3.SubsetBuilder;
import io.fabric8.istio.api.networking.v1.DestinationRule;
import io.fabric8.istio.api.networking.v1.DestinationRuleBuilder;
import io.fabric8.istio.api.networking.v1.VirtualService;
import io.fabric8.istio.api.networking.v1.VirtualServiceBuilder;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.Gateway;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRouteMatch;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRouteRule;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.ParentReference;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * HTTPRoutes as the Istio objects Istio itself turns them into (pilot's gateway conversion), so the one
 * routing model (shares, diagram, simulator) answers Gateway API semantics: first match in list order
 * over rules sorted by {@link HttpRoutePrecedence}'s order is Gateway API precedence.
 * <ul>
 * <li>One VirtualService per parent and host: a Service parentRef (GAMMA) gives one bound to {@code mesh}
 * for the Service's FQDN (route hostnames do not apply there, as in Istio); a Gateway parentRef one bound
 * to {@code <ns>/<gateway>} per route hostname narrowed to the listeners it attaches to. Routes sharing a
 * parent and host share the VirtualService, named after them ({@code a+b}).</li>
 * <li>One HTTP rule per (rule, match), sorted by precedence across those routes, named
 * {@code <ns>/<route>#rule<i>.match<j>} so a rule maps back to its origin ({@link #origin}).</li>
 * <li>A DestinationRule for the target whose subsets are the versions that have a version Service, and an
 * Istio Gateway per Gateway API Gateway.</li>
 * </ul>
 */
public final class GatewayApiModel {

    private static final Pattern RULE_NAME = Pattern.compile("^([^/]*)/([^#]+)#rule(\\d+)\\.match(\\d+)$");

    /** Where a generated Istio HTTP rule comes from: an HTTPRoute, its rule and the match in that rule. */
    public record Origin(String namespace, String route, int ruleIndex, int matchIndex) {
    }

    private GatewayApiModel() {
    }

    private record Group(String parent, String host, List<io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRoute> routes) {
    }

    /**
     * @param routes          the HTTPRoutes to model (any parents; those attached to nothing given are ignored)
     * @param versionServices Services that may be versions of the target ({@link BackendHosts})
     * @param gateways        the Gateway API Gateways that routes may attach to
     * @param target          the service looked at: its version Services become subsets of its host
     */
    public static IstioEquivalent toIstio(List<io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRoute> routes,
                                          List<Service> versionServices, List<Gateway> gateways,
                                          TargetService target) {
        BackendHosts backends = new BackendHosts(target, versionServices);
        List<Gateway> known = gateways == null ? List.of() : gateways.stream()
                .filter(g -> g != null && g.getMetadata() != null && g.getMetadata().getName() != null).toList();
        Map<String, Group> groups = new LinkedHashMap<>();
        for (var route : sorted(routes)) {
            String routeNs = route.getMetadata().getNamespace();
            for (ParentReference parent : HttpRouteMatches.nullSafe(route.getSpec().getParentRefs())) {
                String parentNs = parent.getNamespace() != null ? parent.getNamespace() : routeNs;
                if (isService(parent)) {
                    add(groups, "mesh", Hosts.serviceFqdn(parent.getName(), parentNs), route);
                } else if (isGateway(parent)) {
                    known.stream().filter(g -> Objects.equals(g.getMetadata().getName(), parent.getName())
                                    && Objects.equals(g.getMetadata().getNamespace(), parentNs)).findFirst()
                            .ifPresent(g -> IstioGateways.hosts(g, parent, route).forEach(h ->
                                    add(groups, parentNs + "/" + parent.getName(), h, route)));
                }
            }
        }
        List<VirtualService> virtualServices = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (Group group : groups.values()) {
            virtualServices.add(virtualService(group, backends, names));
        }
        List<DestinationRule> rules = target == null || backends.versions().isEmpty() ? List.of()
                : List.of(destinationRule(target, backends.versions()));
        return new IstioEquivalent(virtualServices, rules, known.stream().map(IstioGateways::toIstio).toList());
    }

    /** The origin of a generated HTTP rule by its name; empty for a name this class did not give. */
    public static Optional<Origin> origin(String httpRuleName) {
        Matcher m = httpRuleName == null ? null : RULE_NAME.matcher(httpRuleName);
        if (m == null || !m.matches()) {
            return Optional.empty();
        }
        return Optional.of(new Origin(m.group(1), m.group(2), Integer.parseInt(m.group(3)),
                Integer.parseInt(m.group(4))));
    }

    static String ruleName(io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRoute route, int rule, int match) {
        return route.getMetadata().getNamespace() + "/" + route.getMetadata().getName() + "#rule" + rule
                + ".match" + match;
    }

    private static void add(Map<String, Group> groups, String parent, String host,
                            io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRoute route) {
        Group group = groups.computeIfAbsent(parent + "|" + host, k -> new Group(parent, host, new ArrayList<>()));
        if (!group.routes().contains(route)) {
            group.routes().add(route);
        }
    }

    private static VirtualService virtualService(Group group, BackendHosts backends,
                                                 Set<String> names) {
        boolean mesh = group.parent().equals("mesh");
        List<HttpRoutePrecedence.Candidate> candidates = new ArrayList<>();
        for (var route : group.routes()) {
            long score = mesh ? 0 : Math.max(0, HttpRouteMatching.hostnameScore(route.getSpec().getHostnames(),
                    group.host()));
            List<HTTPRouteRule> rules = HttpRouteMatches.nullSafe(route.getSpec().getRules());
            for (int r = 0; r < rules.size(); r++) {
                List<HTTPRouteMatch> matches = HttpRouteMatches.nullSafe(rules.get(r).getMatches());
                for (int m = 0; m < Math.max(1, matches.size()); m++) {
                    candidates.add(new HttpRoutePrecedence.Candidate(route, r, m,
                            matches.isEmpty() ? new HTTPRouteMatch() : matches.get(m), score));
                }
            }
        }
        candidates.sort(HttpRoutePrecedence.ORDER);
        List<HTTPRoute> http = candidates.stream().map(c -> IstioHttpRules.of(c, backends)).toList();
        var first = group.routes().get(0).getMetadata();
        String name = String.join("+", group.routes().stream().map(r -> r.getMetadata().getName()).toList());
        if (!names.add(first.getNamespace() + "/" + name)) {
            name = name + "~" + group.host().replace('*', '_');
            names.add(first.getNamespace() + "/" + name);
        }
        return new VirtualServiceBuilder()
                .withNewMetadata().withName(name).withNamespace(first.getNamespace()).endMetadata()
                .withNewSpec()
                .withHosts(group.host())
                .withGateways(group.parent())
                .withHttp(http)
                .endSpec()
                .build();
    }

    private static DestinationRule destinationRule(TargetService target, List<String> versions) {
        List<Subset> subsets = versions.stream().map(v -> new SubsetBuilder().withName(v)
                .withLabels(Map.of(target.versionLabel(), v)).build()).toList();
        return new DestinationRuleBuilder()
                .withNewMetadata().withName(target.name()).withNamespace(target.namespace()).endMetadata()
                .withNewSpec().withHost(target.fqdn()).withSubsets(subsets).endSpec()
                .build();
    }

    private static boolean isService(ParentReference p) {
        return "Service".equals(p.getKind()) && (p.getGroup() == null || p.getGroup().isEmpty());
    }

    private static boolean isGateway(ParentReference p) {
        return (p.getKind() == null || "Gateway".equals(p.getKind()))
                && (p.getGroup() == null || "gateway.networking.k8s.io".equals(p.getGroup()));
    }

    /** Oldest first, then namespace/name: the order Istio merges routes of one parent and host in. */
    private static List<io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRoute> sorted(
            List<io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRoute> routes) {
        return routes == null ? List.of() : routes.stream()
                .filter(r -> r != null && r.getMetadata() != null && r.getMetadata().getName() != null
                        && r.getSpec() != null)
                .sorted(java.util.Comparator.comparing(HttpRoutePrecedence::created,
                                java.util.Comparator.nullsLast(java.util.Comparator.naturalOrder()))
                        .thenComparing(HttpRoutePrecedence::key))
                .toList();
    }
}
