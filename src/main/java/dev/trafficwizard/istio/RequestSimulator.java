package dev.trafficwizard.istio;

import dev.trafficwizard.istio.Resolution.FixedResponse;
import dev.trafficwizard.istio.Resolution.Outcome;
import dev.trafficwizard.istio.Resolution.Share;
import dev.trafficwizard.routing.Hosts;
import dev.trafficwizard.routing.TargetService;
import io.fabric8.istio.api.api.networking.v1alpha3.HTTPBodyString;
import io.fabric8.istio.api.api.networking.v1alpha3.HTTPDirectResponse;
import io.fabric8.istio.api.api.networking.v1alpha3.HTTPRedirect;
import io.fabric8.istio.api.api.networking.v1alpha3.HTTPRedirectPort;
import io.fabric8.istio.api.api.networking.v1alpha3.HTTPRoute;
import io.fabric8.istio.api.networking.v1.DestinationRule;
import io.fabric8.istio.api.networking.v1.Gateway;
import io.fabric8.istio.api.networking.v1.VirtualService;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

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
        return simulate(request, RoutingModel.of(virtualServices, destinationRules, gateways, target, namespace));
    }

    /** Follows the request through the objects of {@code model}. */
    public static Resolution simulate(SimulatedRequest request, RoutingModel model) {
        return request.viaGateway() ? throughGateway(request, model) : insideMesh(request, model);
    }

    private static Resolution throughGateway(SimulatedRequest request, RoutingModel model) {
        List<String> notes = new ArrayList<>();
        String host = request.hostName();
        Map<String, String> accepting = model.gatewaysAccepting(host);
        accepting.forEach((gw, serverHost) -> notes.add("Gateway " + gw + " accepts the host " + host
                + " (server host \"" + serverHost + "\")."));
        if (accepting.isEmpty()) {
            notes.add("No Gateway accepts the host " + host + ", so the ingress gateway answers 404 (Not Found).");
            return new Resolution(Outcome.NO_GATEWAY, null, null, -1, -1, false, List.of(), null, notes);
        }
        RoutingModel.Choice choice = model.throughGateways(accepting.keySet(), host);
        if (choice == null) {
            notes.add("No VirtualService bound to " + String.join(", ", accepting.keySet()) + " serves the host "
                    + host + ", so the ingress gateway answers 404 (Not Found).");
            return new Resolution(Outcome.NOT_FOUND, accepting.keySet().iterator().next(), null, -1, -1, false,
                    List.of(), null, notes);
        }
        return decide(request, model, choice, host, notes);
    }

    private static Resolution insideMesh(SimulatedRequest request, RoutingModel model) {
        List<String> notes = new ArrayList<>();
        String fqdn = Hosts.dnsName(request.hostName(), model.namespace());
        notes.add("Inside the mesh, the host " + request.hostName() + " means " + fqdn + ".");
        RoutingModel.Choice choice = model.insideMesh(fqdn, notes);
        if (choice != null) {
            return decide(request, model, choice, fqdn, notes);
        }
        TargetService target = model.target();
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
        List<Share> shares = model.entry(null, fqdn).roundRobin();
        if (target != null && shares.stream().allMatch(s -> s.percent() == 0)) {
            notes.add("No pod is ready, so the requests fail with 503 (Service Unavailable).");
        }
        return new Resolution(Outcome.ROUND_ROBIN, null, null, -1, -1, false, shares, null, notes);
    }

    private static Resolution decide(SimulatedRequest request, RoutingModel model, RoutingModel.Choice choice,
                                     String host, List<String> notes) {
        VirtualService vs = choice.vs();
        String vsRef = RoutingModel.ref(vs, model.namespace());
        String gateway = choice.gateway();
        if (choice.ambiguous()) {
            notes.add("Several VirtualServices serve " + host + " (" + choice.top().stream()
                    .map(v -> RoutingModel.ref(v, model.namespace())).collect(Collectors.joining(", "))
                    + "); the simulator takes " + vsRef
                    + ", the first by namespace and name. Istio's choice is not guaranteed: keep one per host.");
        } else {
            notes.add("VirtualService " + vsRef + " serves the host " + host + ".");
        }
        RuleEvaluation rules = new RuleEvaluation(request, vs, RoutingModel.namespaceOf(vs, model.namespace()),
                choice.contexts());
        if (!rules.evaluate(notes)) {
            notes.add(rules.httpRuleCount() == 0
                    ? "VirtualService " + vsRef + " has no HTTP rules, so Envoy answers 404 (Not Found)."
                    : "No rule of " + vsRef + " fits the request, so Envoy answers 404 (no route, \"NR\").");
            return new Resolution(Outcome.NOT_FOUND, gateway, vsRef, -1, -1, choice.ambiguous(), List.of(), null, notes);
        }
        HTTPRoute rule = rules.winner();
        FixedResponse fixed = fixedResponse(rule, request, notes);
        List<Share> shares = List.of();
        if (fixed == null && rule.getDelegate() != null) {
            notes.add("The rule delegates to VirtualService " + rule.getDelegate().getNamespace() + "/"
                    + rule.getDelegate().getName() + "; the simulator does not follow delegation.");
        } else if (fixed == null) {
            EntryPoint.Rule modelled = model.winner(choice, rules.ruleIndex());
            if (modelled.shares().isEmpty()) {
                notes.add("The rule has no destinations.");
            } else {
                shares = modelled.shares();
                notes.addAll(modelled.notes());
                notes.add("Result: " + shares.stream().map(RequestSimulator::describe)
                        .collect(Collectors.joining("; ")) + ".");
            }
        }
        extras(rule, notes);
        return new Resolution(Outcome.ROUTED, gateway, vsRef, rules.ruleIndex(), rules.matchIndex(), choice.ambiguous(),
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

}
