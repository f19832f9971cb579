package dev.trafficwizard.istio;

import dev.trafficwizard.istio.Resolution.FixedResponse;
import dev.trafficwizard.istio.Resolution.Share;
import dev.trafficwizard.routing.EffectiveHosts;
import dev.trafficwizard.routing.Hosts;
import dev.trafficwizard.routing.TargetService;
import io.fabric8.istio.api.api.networking.v1alpha3.HTTPMatchRequest;
import io.fabric8.istio.api.api.networking.v1alpha3.HTTPRoute;
import io.fabric8.istio.api.api.networking.v1alpha3.Server;
import io.fabric8.istio.api.networking.v1.DestinationRule;
import io.fabric8.istio.api.networking.v1.Gateway;
import io.fabric8.istio.api.networking.v1.VirtualService;
import io.fabric8.kubernetes.api.model.HasMetadata;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The one model of where traffic goes, from a set of VirtualServices, DestinationRules and
 * Gateways (live, or live with a plan's objects swapped in): which VirtualService serves a host at
 * an entry point (the mesh, or a Gateway), its rules in order, and the share of matching requests
 * each version gets. The request simulator, every summary and diagram, and the "what changes" list
 * of a preview read it; nothing else computes shares. A pure function of its inputs.
 */
public final class RoutingModel {

    static final String MESH = EffectiveHosts.MESH;

    private final List<VirtualService> virtualServices;
    private final List<DestinationRule> destinationRules;
    private final List<Gateway> gateways;
    private final TargetService target;
    private final String namespace;

    private RoutingModel(List<VirtualService> virtualServices, List<DestinationRule> destinationRules,
                         List<Gateway> gateways, TargetService target, String namespace) {
        this.namespace = namespace != null ? namespace : target != null ? target.namespace() : "default";
        this.virtualServices = sorted(virtualServices, this.namespace).stream().filter(v -> v.getSpec() != null).toList();
        this.destinationRules = sorted(destinationRules, this.namespace);
        this.gateways = sorted(gateways, this.namespace);
        this.target = target;
    }

    /**
     * @param target    the service looked at: its ready pods give plain Kubernetes shares, its version
     *                  label turns subsets into versions (may be null)
     * @param namespace where short host names of requests resolve; null = the target's namespace
     */
    public static RoutingModel of(List<VirtualService> virtualServices, List<DestinationRule> destinationRules,
                                  List<Gateway> gateways, TargetService target, String namespace) {
        return new RoutingModel(virtualServices, destinationRules, gateways, target, namespace);
    }

    public static RoutingModel of(List<VirtualService> virtualServices, List<DestinationRule> destinationRules,
                                  List<Gateway> gateways, TargetService target) {
        return of(virtualServices, destinationRules, gateways, target, null);
    }

    TargetService target() {
        return target;
    }

    String namespace() {
        return namespace;
    }

    /**
     * The VirtualService(s) that serve a host at an entry point: the most specific host wins, ties
     * go to the first by namespace/name.
     *
     * @param top      every VirtualService with the winning host (more than one = ambiguous)
     * @param contexts where its rules are evaluated: {@code mesh} or the accepting gateways
     * @param pattern  the winning host as written, resolved
     */
    record Choice(VirtualService vs, List<VirtualService> top, Set<String> contexts, String pattern) {

        boolean ambiguous() {
            return top.size() > 1;
        }

        String gateway() {
            return contexts.contains(MESH) ? null : contexts.iterator().next();
        }
    }

    /** The Gateways ({@code ns/name}) with a server that accepts {@code host}, and the server host that did. */
    Map<String, String> gatewaysAccepting(String host) {
        Map<String, String> out = new LinkedHashMap<>();
        gatewaysAccepting(host, null).forEach((gw, a) -> out.put(gw, a.serverHost()));
        return out;
    }

    /** A gateway server that accepts a host: its host as written and its port number (null if not written). */
    record Accepting(String serverHost, Integer port) {
    }

    /**
     * The Gateways ({@code ns/name}) with a server on {@code port} (any port when null) that accepts
     * {@code host}, with the first such server's host and port.
     */
    Map<String, Accepting> gatewaysAccepting(String host, Integer port) {
        Map<String, Accepting> out = new LinkedHashMap<>();
        for (Gateway gw : gateways) {
            for (Server s : servers(gw).toList()) {
                Integer number = s.getPort() == null || s.getPort().getNumber() == null ? null
                        : s.getPort().getNumber().intValue();
                if (port != null && number != null && !port.equals(number)) {
                    continue;
                }
                String h = nullSafe(s.getHosts()).stream()
                        .filter(x -> x != null && Hosts.specificity(Hosts.withoutNamespace(x), host) != Hosts.NO_MATCH)
                        .findFirst().orElse(null);
                if (h != null) {
                    out.putIfAbsent(ref(gw, namespace), new Accepting(h, number));
                }
            }
        }
        return out;
    }

    /** The pod labels a Gateway selects ({@code spec.selector}): the labels its proxies carry, as far as known. */
    Map<String, String> gatewayLabels(String gatewayRef) {
        return gateways.stream().filter(g -> ref(g, namespace).equals(gatewayRef)).findFirst()
                .map(g -> g.getSpec() == null || g.getSpec().getSelector() == null ? Map.<String, String>of()
                        : g.getSpec().getSelector())
                .orElse(Map.of());
    }

    /** The VirtualService serving {@code host} through one of {@code accepting}; null if none. */
    Choice throughGateways(Set<String> accepting, String host) {
        List<Candidate> candidates = new ArrayList<>();
        for (VirtualService vs : virtualServices) {
            String vsNs = namespaceOf(vs, namespace);
            Set<String> via = boundGateways(vs, vsNs).stream().filter(accepting::contains)
                    .collect(Collectors.toCollection(LinkedHashSet::new));
            if (!via.isEmpty()) {
                best(vs, vsNs, host).ifPresent(b -> candidates.add(new Candidate(vs, b.specificity, b.pattern, via)));
            }
        }
        return choose(candidates);
    }

    /** The VirtualService bound to the mesh serving the FQDN {@code fqdn}; null if none. */
    Choice insideMesh(String fqdn, List<Reason> notes) {
        List<Candidate> candidates = new ArrayList<>();
        for (VirtualService vs : virtualServices) {
            String vsNs = namespaceOf(vs, namespace);
            var b = best(vs, vsNs, fqdn);
            if (b.isEmpty()) {
                continue;
            }
            Set<String> bound = boundGateways(vs, vsNs);
            if (bound.contains(MESH)) {
                candidates.add(new Candidate(vs, b.get().specificity, b.get().pattern, Set.of(MESH)));
            } else if (notes != null) {
                notes.add(Reason.of("sim.why.mesh.boundElsewhere", ref(vs, namespace), String.join(", ", bound)));
            }
        }
        return choose(candidates);
    }

    private record Candidate(VirtualService vs, int specificity, String pattern, Set<String> contexts) {
    }

    private record Best(int specificity, String pattern) {
    }

    private static java.util.Optional<Best> best(VirtualService vs, String vsNs, String host) {
        Best best = null;
        for (String h : nullSafe(vs.getSpec().getHosts())) {
            String resolved = Hosts.resolve(h, vsNs);
            int s = Hosts.specificity(resolved, host);
            if (s != Hosts.NO_MATCH && (best == null || s > best.specificity)) {
                best = new Best(s, resolved);
            }
        }
        return java.util.Optional.ofNullable(best);
    }

    private static Choice choose(List<Candidate> candidates) {
        if (candidates.isEmpty()) {
            return null;
        }
        int top = candidates.stream().mapToInt(Candidate::specificity).max().orElseThrow();
        List<Candidate> winners = candidates.stream().filter(c -> c.specificity() == top).toList();
        Candidate first = winners.get(0);
        return new Choice(first.vs(), winners.stream().map(Candidate::vs).toList(), first.contexts(), first.pattern());
    }

    /** The entry point a choice stands for, with its rules and their shares. */
    EntryPoint entry(Choice choice, String host) {
        if (choice == null) {
            return new EntryPoint(null, host, null, false, List.of(), RouteShares.roundRobin(target));
        }
        VirtualService vs = choice.vs();
        String vsNs = namespaceOf(vs, namespace);
        List<HTTPRoute> http = nullSafe(vs.getSpec().getHttp());
        List<EntryPoint.Rule> rules = new ArrayList<>();
        boolean afterCatchAll = false;
        for (int i = 0; i < http.size(); i++) {
            HTTPRoute rule = http.get(i);
            List<HTTPMatchRequest> match = nullSafe(rule.getMatch()).stream().filter(Objects::nonNull)
                    .filter(m -> appliesIn(m, choice.contexts(), vsNs)).toList();
            if (!nullSafe(rule.getMatch()).isEmpty() && match.isEmpty()) {
                continue;
            }
            rules.add(rule(rule, i, match, vsNs, afterCatchAll));
            afterCatchAll |= match.isEmpty();
        }
        return new EntryPoint(choice.gateway(), host, ref(vs, namespace), choice.ambiguous(), rules, List.of());
    }

    /** The shares of the chosen VirtualService's rule {@code index}, and how they were read: what a request that rule took gets. */
    EntryPoint.Rule winner(Choice choice, int index) {
        HTTPRoute rule = nullSafe(choice.vs().getSpec().getHttp()).get(index);
        return rule(rule, index, nullSafe(rule.getMatch()), namespaceOf(choice.vs(), namespace), false);
    }

    private EntryPoint.Rule rule(HTTPRoute rule, int index, List<HTTPMatchRequest> match, String vsNs,
                                 boolean shadowed) {
        List<Reason> notes = new ArrayList<>();
        List<Share> shares = rule.getRedirect() != null || rule.getDirectResponse() != null
                || rule.getDelegate() != null || nullSafe(rule.getRoute()).isEmpty() ? List.of()
                : RouteShares.route(rule.getRoute(), vsNs, destinationRules, namespace, target, notes);
        boolean forwards = fixed(rule) == null && rule.getDelegate() == null;
        RuleEffects effects = RuleEffects.of(rule, vsNs, destinationRules, namespace, target, notes);
        if (!forwards) {
            // A redirect or direct response forwards nothing: nothing to mirror, retry or time out; faults still apply.
            effects = new RuleEffects(List.of(), effects.fault(), null, null);
        }
        return new EntryPoint.Rule(index, rule.getName(), match.stream().filter(Objects::nonNull)
                .map(MatchNotation::of).toList(), shares, fixed(rule), rule.getDelegate() != null, shadowed, notes,
                effects);
    }

    private static boolean appliesIn(HTTPMatchRequest m, Set<String> contexts, String vsNamespace) {
        if (m.getGateways() == null || m.getGateways().isEmpty()) {
            return true;
        }
        return m.getGateways().stream().map(g -> RequestMatcher.gatewayRef(g, vsNamespace)).anyMatch(contexts::contains);
    }

    private static FixedResponse fixed(HTTPRoute rule) {
        if (rule.getRedirect() != null) {
            var r = rule.getRedirect();
            String to = (r.getAuthority() == null ? "" : r.getAuthority()) + (r.getUri() == null ? "" : r.getUri());
            return new FixedResponse(FixedResponse.Kind.REDIRECT,
                    r.getRedirectCode() == null ? 301 : r.getRedirectCode().intValue(), to);
        }
        if (rule.getDirectResponse() != null) {
            var d = rule.getDirectResponse();
            return new FixedResponse(FixedResponse.Kind.DIRECT_RESPONSE,
                    d.getStatus() == null ? 200 : d.getStatus().intValue(), "");
        }
        return null;
    }

    /**
     * Every entry point that reaches the target service: the mesh (always, round robin included),
     * each Gateway × host of a VirtualService bound to that Gateway whose rules send requests to the
     * service, and other mesh hosts whose VirtualService forwards to it.
     */
    public ServiceRoutes service() {
        String fqdn = target.fqdn();
        Map<String, EntryPoint> entries = new LinkedHashMap<>();
        EntryPoint mesh = entry(insideMesh(fqdn, null), fqdn);
        entries.put(mesh.key(), mesh);
        for (VirtualService vs : virtualServices) {
            if (!routesTo(vs, fqdn)) {
                continue;
            }
            String vsNs = namespaceOf(vs, namespace);
            for (String bound : boundGateways(vs, vsNs)) {
                for (String written : nullSafe(vs.getSpec().getHosts())) {
                    String host = Hosts.resolve(written, vsNs);
                    EntryPoint e = bound.equals(MESH) ? meshEntry(host) : gatewayEntry(bound, host, vsNs);
                    if (e != null && !entries.containsKey(e.key()) && e.reaches(fqdn)) {
                        entries.put(e.key(), e);
                    }
                }
            }
        }
        return new ServiceRoutes(target, List.copyOf(entries.values()));
    }

    private EntryPoint meshEntry(String host) {
        if (host.startsWith("*")) {
            return null;
        }
        Choice choice = insideMesh(host, null);
        return choice == null ? null : entry(choice, host);
    }

    /** The entry point {@code gateway} × the part of {@code vsHost} its servers accept, if any. */
    private EntryPoint gatewayEntry(String gatewayRef, String vsHost, String vsNamespace) {
        Gateway gw = gateways.stream().filter(g -> ref(g, namespace).equals(gatewayRef)).findFirst().orElse(null);
        if (gw == null) {
            return null;
        }
        String gwNs = namespaceOf(gw, namespace);
        String host = servers(gw).flatMap(s -> nullSafe(s.getHosts()).stream()).filter(Objects::nonNull)
                .filter(h -> Hosts.admits(h, gwNs, vsHost, vsNamespace))
                .map(h -> Hosts.covers(Hosts.withoutNamespace(h), vsHost) ? vsHost : Hosts.withoutNamespace(h))
                .findFirst().orElse(null);
        if (host == null) {
            return null;
        }
        Choice choice = throughGateways(Set.of(gatewayRef), host);
        return choice == null ? null : entry(new Choice(choice.vs(), choice.top(), Set.of(gatewayRef),
                choice.pattern()), host);
    }

    private boolean routesTo(VirtualService vs, String fqdn) {
        String vsNs = namespaceOf(vs, namespace);
        return nullSafe(vs.getSpec().getHttp()).stream().flatMap(r -> nullSafe(r.getRoute()).stream())
                .anyMatch(d -> d != null && d.getDestination() != null
                        && fqdn.equals(Hosts.resolve(d.getDestination().getHost(), vsNs)));
    }

    /** The gateways a VirtualService is bound to, as {@code mesh} or {@code ns/name}; none listed = mesh. */
    public static Set<String> boundGateways(VirtualService vs, String vsNamespace) {
        List<String> listed = vs.getSpec().getGateways();
        if (listed == null || listed.isEmpty()) {
            return Set.of(MESH);
        }
        return listed.stream().filter(Objects::nonNull).map(g -> RequestMatcher.gatewayRef(g, vsNamespace))
                .collect(Collectors.toCollection(LinkedHashSet::new));
    }

    /** Whether the VirtualService is bound to the gateway {@code ns/name}. */
    public static boolean bindsTo(VirtualService vs, String gatewayRef) {
        return vs.getSpec() != null && boundGateways(vs, namespaceOf(vs, "default")).contains(gatewayRef);
    }

    private static Stream<Server> servers(Gateway gw) {
        return gw.getSpec() == null || gw.getSpec().getServers() == null ? Stream.empty()
                : gw.getSpec().getServers().stream().filter(Objects::nonNull);
    }

    static String ref(HasMetadata object, String defaultNamespace) {
        return namespaceOf(object, defaultNamespace) + "/" + object.getMetadata().getName();
    }

    static String namespaceOf(HasMetadata object, String defaultNamespace) {
        String ns = object.getMetadata() == null ? null : object.getMetadata().getNamespace();
        return ns == null || ns.isBlank() ? defaultNamespace : ns;
    }

    private static <T extends HasMetadata> List<T> sorted(List<T> objects, String defaultNamespace) {
        return objects == null ? List.of() : objects.stream()
                .filter(o -> o != null && o.getMetadata() != null && o.getMetadata().getName() != null)
                .sorted(Comparator.comparing((T o) -> namespaceOf(o, defaultNamespace))
                        .thenComparing(o -> o.getMetadata().getName()))
                .toList();
    }

    private static <T> List<T> nullSafe(List<T> list) {
        return list == null ? List.of() : list;
    }
}
