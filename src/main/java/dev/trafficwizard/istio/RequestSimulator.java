package dev.trafficwizard.istio;

import dev.trafficwizard.istio.Resolution.FixedResponse;
import dev.trafficwizard.istio.Resolution.Outcome;
import dev.trafficwizard.istio.Resolution.Share;
import dev.trafficwizard.routing.TargetService;
import io.fabric8.istio.api.api.networking.v1alpha3.HTTPBodyString;
import io.fabric8.istio.api.api.networking.v1alpha3.HTTPDirectResponse;
import io.fabric8.istio.api.api.networking.v1alpha3.HTTPRedirect;
import io.fabric8.istio.api.api.networking.v1alpha3.HTTPRedirectPort;
import io.fabric8.istio.api.api.networking.v1alpha3.HTTPRoute;
import io.fabric8.istio.api.networking.v1.DestinationRule;
import io.fabric8.istio.api.networking.v1.Gateway;
import io.fabric8.istio.api.networking.v1.VirtualService;
import io.fabric8.kubernetes.api.model.HasMetadata;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * "Where does this request go?": follows a request through Istio objects (proposed or live) the
 * way the ingress gateway or a sidecar would, and explains each step. A pure function of its inputs.
 *
 * <p>From outside: a Gateway must accept the host, then a VirtualService bound to that gateway must
 * serve it. Inside the mesh: a VirtualService bound to the mesh must serve the host, otherwise plain
 * Kubernetes load balancing applies. Then the first HTTP rule that fits decides, and its weighted
 * destinations become shares through the DestinationRules' subsets.
 */
public final class RequestSimulator {

    private RequestSimulator() {
    }

    /**
     * @param request   the request to follow
     * @param target    the service the request is aimed at in the mesh: its ready pods give the plain
     *                  Kubernetes split, its version label turns subsets into versions (may be null)
     * @param namespace where short host names of the request resolve; null = the target's namespace
     */
    public static Resolution simulate(SimulatedRequest request, List<VirtualService> virtualServices,
                                      List<DestinationRule> destinationRules, List<Gateway> gateways,
                                      TargetService target, String namespace) {
        String ns = namespace != null ? namespace : target != null ? target.namespace() : "default";
        Inputs in = new Inputs(request, sorted(virtualServices, ns), sorted(destinationRules, ns), ns, target);
        return request.viaGateway() ? throughGateway(in, sorted(gateways, ns)) : insideMesh(in);
    }

    private record Inputs(SimulatedRequest request, List<VirtualService> virtualServices,
                          List<DestinationRule> destinationRules, String namespace, TargetService target) {
    }

    private static Resolution throughGateway(Inputs in, List<Gateway> gateways) {
        List<String> notes = new ArrayList<>();
        String host = in.request().hostName();
        Set<String> accepting = new LinkedHashSet<>();
        for (Gateway gw : gateways) {
            if (gw.getSpec() == null || gw.getSpec().getServers() == null) {
                continue;
            }
            gw.getSpec().getServers().stream().filter(Objects::nonNull)
                    .flatMap(s -> s.getHosts() == null ? Stream.<String>empty() : s.getHosts().stream())
                    .filter(h -> Hosts.specificity(Hosts.withoutNamespace(h), host) != Hosts.NO_MATCH)
                    .findFirst()
                    .ifPresent(h -> {
                        accepting.add(ref(gw, in.namespace()));
                        notes.add("Gateway " + ref(gw, in.namespace()) + " accepts the host " + host
                                + " (server host \"" + h + "\").");
                    });
        }
        if (accepting.isEmpty()) {
            notes.add("No Gateway accepts the host " + host + ", so the ingress gateway answers 404 (Not Found).");
            return new Resolution(Outcome.NO_GATEWAY, null, null, -1, -1, false, List.of(), null, notes);
        }
        List<Candidate> candidates = new ArrayList<>();
        for (VirtualService vs : in.virtualServices()) {
            String vsNs = namespaceOf(vs, in.namespace());
            Set<String> via = boundGateways(vs, vsNs).stream().filter(accepting::contains)
                    .collect(Collectors.toCollection(LinkedHashSet::new));
            int s = hostSpecificity(vs, h -> Hosts.istioFqdn(h, vsNs), host);
            if (!via.isEmpty() && s != Hosts.NO_MATCH) {
                candidates.add(new Candidate(vs, s, via));
            }
        }
        if (candidates.isEmpty()) {
            notes.add("No VirtualService bound to " + String.join(", ", accepting) + " serves the host " + host
                    + ", so the ingress gateway answers 404 (Not Found).");
            return new Resolution(Outcome.NOT_FOUND, accepting.iterator().next(), null, -1, -1, false, List.of(),
                    null, notes);
        }
        return decide(in, candidates, host, notes);
    }

    private static Resolution insideMesh(Inputs in) {
        List<String> notes = new ArrayList<>();
        String fqdn = Hosts.meshFqdn(in.request().hostName(), in.namespace());
        notes.add("Inside the mesh, the host " + in.request().hostName() + " means " + fqdn + ".");
        List<Candidate> candidates = new ArrayList<>();
        for (VirtualService vs : in.virtualServices()) {
            String vsNs = namespaceOf(vs, in.namespace());
            int s = hostSpecificity(vs, h -> Hosts.meshFqdn(h, vsNs), fqdn);
            if (s == Hosts.NO_MATCH) {
                continue;
            }
            Set<String> bound = boundGateways(vs, vsNs);
            if (bound.contains("mesh")) {
                candidates.add(new Candidate(vs, s, Set.of("mesh")));
            } else {
                notes.add("VirtualService " + ref(vs, in.namespace()) + " serves this host but is bound only to "
                        + String.join(", ", bound) + ", so it does not apply inside the mesh.");
            }
        }
        if (!candidates.isEmpty()) {
            return decide(in, candidates, fqdn, notes);
        }
        TargetService target = in.target();
        notes.add("No VirtualService applies to " + fqdn + " inside the mesh, so the Kubernetes Service spreads"
                + " the requests round robin over all ready pods.");
        if (target == null) {
            notes.add("The service is not known, so the simulator cannot tell how its pods are split.");
        } else {
            if (!target.fqdn().equals(fqdn)) {
                notes.add("The shares shown are those of " + target.fqdn() + ", the service the request is aimed at.");
            }
            notes.add("Ready pods: " + target.versions().stream().map(v -> v.version() + " " + v.readyPods())
                    .collect(Collectors.joining(", ")) + ".");
        }
        List<Share> shares = RouteShares.roundRobin(target);
        if (target != null && shares.stream().allMatch(s -> s.percent() == 0)) {
            notes.add("No pod is ready, so the requests fail with 503 (Service Unavailable).");
        }
        return new Resolution(Outcome.ROUND_ROBIN, null, null, -1, -1, false, shares, null, notes);
    }

    /** A VirtualService that serves the host: how specifically, and through which gateways (or mesh). */
    private record Candidate(VirtualService vs, int specificity, Set<String> contexts) {
    }

    private static Resolution decide(Inputs in, List<Candidate> candidates, String host, List<String> notes) {
        int best = candidates.stream().mapToInt(Candidate::specificity).max().orElseThrow();
        List<Candidate> top = candidates.stream().filter(c -> c.specificity() == best).toList();
        Candidate winner = top.get(0);
        VirtualService vs = winner.vs();
        String vsRef = ref(vs, in.namespace());
        String gateway = winner.contexts().contains("mesh") ? null : winner.contexts().iterator().next();
        boolean ambiguous = top.size() > 1;
        if (ambiguous) {
            notes.add("Several VirtualServices serve " + host + " (" + top.stream().map(c -> ref(c.vs(), in.namespace()))
                    .collect(Collectors.joining(", ")) + "); the simulator takes " + vsRef
                    + ", the first by namespace and name. Istio's choice is not guaranteed: keep one per host.");
        } else {
            notes.add("VirtualService " + vsRef + " serves the host " + host + ".");
        }
        RuleEvaluation rules = new RuleEvaluation(in.request(), vs, namespaceOf(vs, in.namespace()), winner.contexts());
        if (!rules.evaluate(notes)) {
            notes.add(rules.httpRuleCount() == 0
                    ? "VirtualService " + vsRef + " has no HTTP rules, so Envoy answers 404 (Not Found)."
                    : "No rule of " + vsRef + " fits the request, so Envoy answers 404 (no route, \"NR\").");
            return new Resolution(Outcome.NOT_FOUND, gateway, vsRef, -1, -1, ambiguous, List.of(), null, notes);
        }
        HTTPRoute rule = rules.winner();
        FixedResponse fixed = fixedResponse(rule, in.request(), notes);
        List<Share> shares = List.of();
        if (fixed == null && rule.getDelegate() != null) {
            notes.add("The rule delegates to VirtualService " + rule.getDelegate().getNamespace() + "/"
                    + rule.getDelegate().getName() + "; the simulator does not follow delegation.");
        } else if (fixed == null) {
            List<?> route = rule.getRoute();
            if (route == null || route.isEmpty()) {
                notes.add("The rule has no destinations.");
            } else {
                shares = RouteShares.route(rule.getRoute(), namespaceOf(vs, in.namespace()), in.destinationRules(),
                        in.namespace(), in.target(), notes);
                notes.add("Result: " + shares.stream().map(RequestSimulator::describe)
                        .collect(Collectors.joining("; ")) + ".");
            }
        }
        extras(rule, notes);
        return new Resolution(Outcome.ROUTED, gateway, vsRef, rules.ruleIndex(), rules.matchIndex(), ambiguous,
                shares, fixed, notes);
    }

    private static FixedResponse fixedResponse(HTTPRoute rule, SimulatedRequest request, List<String> notes) {
        HTTPRedirect r = rule.getRedirect();
        if (r != null) {
            int status = r.getRedirectCode() == null ? 301 : r.getRedirectCode().intValue();
            String port = r.getRedirectPort() instanceof HTTPRedirectPort p && p.getPort() != null ? ":" + p.getPort() : "";
            String location = (r.getScheme() == null ? "" : r.getScheme() + "://")
                    + (r.getAuthority() == null ? request.hostName() : r.getAuthority()) + port
                    + (r.getUri() == null ? request.uriPath() : r.getUri());
            notes.add("The rule answers with a redirect (" + status + ") to " + location + ".");
            return new FixedResponse(FixedResponse.Kind.REDIRECT, status, location);
        }
        HTTPDirectResponse d = rule.getDirectResponse();
        if (d != null) {
            int status = d.getStatus() == null ? 200 : d.getStatus().intValue();
            String body = d.getBody() != null && d.getBody().getSpecifier() instanceof HTTPBodyString s ? s.getString() : "";
            notes.add("The rule answers by itself with status " + status + (body.isEmpty() ? "" : " and body \"" + body + "\"")
                    + "; no service receives the request.");
            return new FixedResponse(FixedResponse.Kind.DIRECT_RESPONSE, status, body);
        }
        return null;
    }

    private static void extras(HTTPRoute rule, List<String> notes) {
        if (rule.getRewrite() != null) {
            notes.add("The rule rewrites the path or host before forwarding.");
        }
        if (rule.getFault() != null) {
            notes.add("The rule injects faults: some requests are delayed or aborted on purpose.");
        }
        if (rule.getMirror() != null || (rule.getMirrors() != null && !rule.getMirrors().isEmpty())) {
            notes.add("The rule also sends a copy of the requests elsewhere (mirroring); those answers are dropped.");
        }
    }

    private static String describe(Share s) {
        String what = s.version() != null ? "version " + s.version() : s.subset() != null ? "subset " + s.subset() : s.host();
        String via = s.subset() != null && s.version() != null ? " (subset " + s.subset() + ")" : "";
        return s.percent() + " % " + (s.subsetMissing() ? "fail with 503 (subset " + s.subset() + " is not defined)"
                : "to " + what + via);
    }

    /** The gateways a VirtualService is bound to, as {@code mesh} or {@code ns/name}; none listed = mesh. */
    static Set<String> boundGateways(VirtualService vs, String vsNamespace) {
        List<String> listed = vs.getSpec().getGateways();
        if (listed == null || listed.isEmpty()) {
            return Set.of("mesh");
        }
        return listed.stream().map(g -> RequestMatcher.gatewayRef(g, vsNamespace))
                .collect(Collectors.toCollection(LinkedHashSet::new));
    }

    private static int hostSpecificity(VirtualService vs, UnaryOperator<String> resolve, String host) {
        List<String> hosts = vs.getSpec().getHosts();
        return hosts == null ? Hosts.NO_MATCH
                : hosts.stream().mapToInt(h -> Hosts.specificity(resolve.apply(h), host)).max().orElse(Hosts.NO_MATCH);
    }

    static String ref(HasMetadata object, String defaultNamespace) {
        return namespaceOf(object, defaultNamespace) + "/" + object.getMetadata().getName();
    }

    private static String namespaceOf(HasMetadata object, String defaultNamespace) {
        String ns = object.getMetadata() == null ? null : object.getMetadata().getNamespace();
        return ns == null || ns.isBlank() ? defaultNamespace : ns;
    }

    private static <T extends HasMetadata> List<T> sorted(List<T> objects, String defaultNamespace) {
        return objects == null ? List.of() : objects.stream()
                .filter(o -> o != null && o.getMetadata() != null && o.getMetadata().getName() != null)
                .filter(o -> !(o instanceof VirtualService v) || v.getSpec() != null)
                .sorted(Comparator.comparing((T o) -> namespaceOf(o, defaultNamespace))
                        .thenComparing(o -> o.getMetadata().getName()))
                .toList();
    }
}
