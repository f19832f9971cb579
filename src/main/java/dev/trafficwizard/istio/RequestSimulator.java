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
 * way the ingress gateway or a sidecar would, and explains each step ({@link Reason}s: message keys and
 * arguments, rendered in the reader's language by the web layer). A pure function of its inputs.
 *
 * <p>From outside: a Gateway must accept the host, then a VirtualService bound to that gateway must
 * serve it. Inside the mesh: a VirtualService bound to the mesh must serve the host, otherwise plain
 * Kubernetes load balancing applies. Then the first HTTP rule that fits decides (its match entries
 * checked as istiod and Envoy do, including {@code withoutHeaders}, the request's port and the
 * labels of the proxy it leaves from), and its weighted destinations become shares through the
 * DestinationRules' subsets. What the rule also does is part of the answer ({@link Resolution#effects()}):
 * faults answer or delay a share before routing, mirrors get copies whose answers are ignored,
 * timeout and retries bound the request.
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
        List<Reason> notes = new ArrayList<>();
        String host = request.hostName();
        Map<String, RoutingModel.Accepting> accepting = model.gatewaysAccepting(host, request.port());
        accepting.forEach((gw, a) -> notes.add(Reason.of("sim.why.gateway.accepts", gw, host, a.serverHost())));
        if (accepting.isEmpty()) {
            boolean otherPort = request.port() != null && !model.gatewaysAccepting(host, null).isEmpty();
            notes.add(otherPort ? Reason.of("sim.why.gateway.nonePort", host, String.valueOf(request.port()))
                    : Reason.of("sim.why.gateway.none", host));
            return new Resolution(Outcome.NO_GATEWAY, null, null, -1, -1, false, List.of(), null, notes);
        }
        RoutingModel.Choice choice = model.throughGateways(accepting.keySet(), host);
        if (choice == null) {
            notes.add(Reason.of("sim.why.gateway.noVirtualService", String.join(", ", accepting.keySet()), host));
            return new Resolution(Outcome.NOT_FOUND, accepting.keySet().iterator().next(), null, -1, -1, false,
                    List.of(), null, notes);
        }
        // At a gateway the request leaves from the gateway's proxy: its server's port and its labels count.
        String gateway = choice.gateway();
        Integer port = request.port() != null ? request.port() : accepting.get(gateway).port();
        Map<String, String> labels = model.gatewayLabels(gateway);
        if (!request.sourceLabels().isEmpty() && !request.sourceLabels().equals(labels)) {
            notes.add(Reason.of("sim.why.gateway.labels", gateway, labels.isEmpty() ? "-" : RequestMatcher.labels(labels)));
        }
        return decide(request.withPort(port).withSourceLabels(labels), model, choice, host, notes);
    }

    private static Resolution insideMesh(SimulatedRequest request, RoutingModel model) {
        List<Reason> notes = new ArrayList<>();
        String fqdn = Hosts.dnsName(request.hostName(), model.namespace());
        notes.add(Reason.of("sim.why.mesh.host", request.hostName(), fqdn));
        RoutingModel.Choice choice = model.insideMesh(fqdn, notes);
        if (choice != null) {
            return decide(request, model, choice, fqdn, notes);
        }
        TargetService target = model.target();
        notes.add(Reason.of("sim.why.mesh.none", fqdn));
        if (target == null) {
            notes.add(Reason.of("sim.why.mesh.unknownService"));
        } else {
            if (!target.fqdn().equals(fqdn)) {
                notes.add(Reason.of("sim.why.mesh.sharesOf", target.fqdn()));
            }
            notes.add(Reason.of("sim.why.mesh.readyPods", Reason.joined("sim.why.comma", target.versions().stream()
                    .map(v -> v.version() + " " + v.readyPods()).toList())));
        }
        List<Share> shares = model.entry(null, fqdn).roundRobin();
        if (target != null && shares.stream().allMatch(s -> s.percent() == 0)) {
            notes.add(Reason.of("sim.why.mesh.noPod"));
        }
        return new Resolution(Outcome.ROUND_ROBIN, null, null, -1, -1, false, shares, null, notes);
    }

    private static Resolution decide(SimulatedRequest request, RoutingModel model, RoutingModel.Choice choice,
                                     String host, List<Reason> notes) {
        VirtualService vs = choice.vs();
        String vsRef = RoutingModel.ref(vs, model.namespace());
        String gateway = choice.gateway();
        if (choice.ambiguous()) {
            notes.add(Reason.of("sim.why.vs.ambiguous", host, choice.top().stream()
                    .map(v -> RoutingModel.ref(v, model.namespace())).collect(Collectors.joining(", ")), vsRef));
        } else {
            notes.add(Reason.of("sim.why.vs.serves", vsRef, host));
        }
        RuleEvaluation rules = new RuleEvaluation(request, vs, RoutingModel.namespaceOf(vs, model.namespace()),
                choice.contexts());
        if (!rules.evaluate(notes)) {
            notes.add(Reason.of(rules.httpRuleCount() == 0 ? "sim.why.vs.noRules" : "sim.why.vs.noFit", vsRef));
            return new Resolution(Outcome.NOT_FOUND, gateway, vsRef, -1, -1, choice.ambiguous(), List.of(), null, notes);
        }
        HTTPRoute rule = rules.winner();
        FixedResponse fixed = fixedResponse(rule, request, notes);
        List<Share> shares = List.of();
        EntryPoint.Rule modelled = model.winner(choice, rules.ruleIndex());
        double aborted = modelled.abortedPercent();
        if (fixed == null && rule.getDelegate() != null) {
            notes.add(Reason.of("sim.why.delegate", rule.getDelegate().getNamespace() + "/"
                    + rule.getDelegate().getName()));
        } else if (fixed == null) {
            if (modelled.shares().isEmpty()) {
                notes.add(Reason.of("sim.why.noDestinations"));
            } else {
                shares = modelled.shares();
                notes.addAll(modelled.notes());
                Reason.Joined described = Reason.joined("sim.why.semicolon",
                        shares.stream().map(RequestSimulator::describe).toList());
                notes.add(aborted > 0 ? Reason.of("sim.why.result.forwarded", RuleEffects.percent(100 - aborted), described)
                        : Reason.of("sim.why.result", described));
            }
        }
        if (rule.getRewrite() != null) {
            notes.add(Reason.of("sim.why.rewrite"));
        }
        RuleEffects effects = modelled.effects();
        return new Resolution(Outcome.ROUTED, gateway, vsRef, rules.ruleIndex(), rules.matchIndex(), choice.ambiguous(),
                shares, fixed, notes, effects, EffectLines.of(effects, fixed != null || rule.getDelegate() != null));
    }

    private static FixedResponse fixedResponse(HTTPRoute rule, SimulatedRequest request, List<Reason> notes) {
        HTTPRedirect r = rule.getRedirect();
        if (r != null) {
            int status = r.getRedirectCode() == null ? 301 : r.getRedirectCode().intValue();
            String port = r.getRedirectPort() instanceof HTTPRedirectPort p && p.getPort() != null ? ":" + p.getPort() : "";
            String location = (r.getScheme() == null ? "" : r.getScheme() + "://")
                    + (r.getAuthority() == null ? request.hostName() : r.getAuthority()) + port
                    + (r.getUri() == null ? request.uriPath() : r.getUri());
            notes.add(Reason.of("sim.why.redirect", String.valueOf(status), location));
            return new FixedResponse(FixedResponse.Kind.REDIRECT, status, location);
        }
        HTTPDirectResponse d = rule.getDirectResponse();
        if (d != null) {
            int status = d.getStatus() == null ? 200 : d.getStatus().intValue();
            String body = d.getBody() != null && d.getBody().getSpecifier() instanceof HTTPBodyString s ? s.getString() : "";
            notes.add(body.isEmpty() ? Reason.of("sim.why.direct", String.valueOf(status))
                    : Reason.of("sim.why.directBody", String.valueOf(status), body));
            return new FixedResponse(FixedResponse.Kind.DIRECT_RESPONSE, status, body);
        }
        return null;
    }

    private static Reason describe(Share s) {
        String percent = String.valueOf(s.percent());
        if (s.subsetMissing()) {
            return Reason.of("sim.why.share.missing", percent, s.subset());
        }
        if (s.version() != null) {
            return s.subset() != null ? Reason.of("sim.why.share.versionVia", percent, s.version(), s.subset())
                    : Reason.of("sim.why.share.version", percent, s.version());
        }
        return s.subset() != null ? Reason.of("sim.why.share.subset", percent, s.subset())
                : Reason.of("sim.why.share.host", percent, s.host());
    }

}
