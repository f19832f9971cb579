package dev.trafficwizard.istio;

import dev.trafficwizard.routing.GatewayPlan;
import dev.trafficwizard.routing.MatchCondition;
import dev.trafficwizard.routing.RoutingPlan;
import dev.trafficwizard.routing.Rule;
import dev.trafficwizard.routing.StringMatch;
import dev.trafficwizard.routing.WeightedDestination;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * What a plan says should happen to a request, worked out from the plan alone and written apart
 * from the product's matcher and host code: which entry point takes the request, the first rule
 * whose match entry fits (entries OR'd, fields AND'ed, regexes with Java's engine), and its
 * weighted versions. Also the version pin: with a pin cookie, a request carrying
 * {@code cookie: <pin>=<version>} that falls through to the splitting catch-all goes to that version.
 * <p>
 * The port and the caller, as Istio documents {@code port} and {@code sourceLabels}: through a gateway
 * the request must reach a server on its port (the server's port when the request names none), and
 * it leaves from the gateway's proxy, so the gateway's labels (its selector, {@link #GATEWAY_LABELS})
 * are what {@code sourceLabels} are compared with; inside the mesh the calling pod's labels are, and
 * an entry's labels must all be among them. A request in the mesh naming no port fits any port
 * entry (the port of the service is not known: the simulator says it assumes a fit).
 */
final class ExpectedRouting {

    static final String SUFFIX = ".svc.cluster.local";

    /** The labels of the ingress gateway's proxy: the selector of every gateway in the property test. */
    static final Map<String, String> GATEWAY_LABELS = Map.of("istio", "ingressgateway");
    /** The port of the gateways the test declares (a created gateway's is the plan's). */
    static final int EXISTING_GATEWAY_PORT = 80;

    /** The outcome as the simulator names it, the percent per version and the rule taking the request when routed. */
    record Expectation(Resolution.Outcome outcome, Map<String, Integer> versions, Rule rule) {
        Expectation(Resolution.Outcome outcome) {
            this(outcome, Map.of(), null);
        }
    }

    private ExpectedRouting() {
    }

    static Expectation of(RoutingPlan plan, SimulatedRequest request, List<String> existingGatewayHosts) {
        String host = request.host().toLowerCase(Locale.ROOT);
        List<String> vsHosts = vsHosts(plan);
        Integer port = request.port();
        Map<String, String> caller = request.sourceLabels();
        if (request.viaGateway()) {
            GatewayPlan gateway = plan.gateway();
            List<String> gatewayHosts = gateway.create() ? gateway.hosts() : existingGatewayHosts;
            int serverPort = gateway.create() ? gateway.portOrDefault() : EXISTING_GATEWAY_PORT;
            if (port != null && port != serverPort
                    || gatewayHosts.stream().noneMatch(g -> covers(stripNamespace(g), host))) {
                return new Expectation(Resolution.Outcome.NO_GATEWAY);
            }
            port = serverPort;
            caller = GATEWAY_LABELS;
            boolean served = vsHosts.stream().map(v -> v.contains(".") || v.equals("*") ? v
                    : v + "." + plan.namespace() + SUFFIX).anyMatch(v -> covers(v, host));
            if (!served) {
                return new Expectation(Resolution.Outcome.NOT_FOUND);
            }
        } else {
            boolean inMesh = gatewayPlanAbsentOrMesh(plan);
            String fqdn = meshFqdn(host, plan.namespace());
            if (!inMesh || vsHosts.stream().noneMatch(v -> covers(meshFqdn(v, plan.namespace()), fqdn))) {
                return new Expectation(Resolution.Outcome.ROUND_ROBIN);
            }
        }
        return rules(plan, request, host, port, caller);
    }

    /** The VirtualService hosts the plan asks for, by the rule the API documents. */
    static List<String> vsHosts(RoutingPlan plan) {
        if (!plan.hosts().isEmpty()) {
            return plan.hosts();
        }
        String fqdn = plan.service() + "." + plan.namespace() + SUFFIX;
        List<String> out = new ArrayList<>();
        if (plan.gateway() != null && !plan.gateway().hosts().isEmpty()) {
            plan.gateway().hosts().forEach(h -> out.add(stripNamespace(h)));
            if (plan.gateway().includeMesh()) {
                out.add(fqdn);
            }
        } else {
            out.add(fqdn);
        }
        return out;
    }

    private static boolean gatewayPlanAbsentOrMesh(RoutingPlan plan) {
        return plan.gateway() == null || plan.gateway().includeMesh();
    }

    private static Expectation rules(RoutingPlan plan, SimulatedRequest request, String host, Integer port,
                                     Map<String, String> caller) {
        String pin = plan.stickySession() == null ? null : plan.stickySession().keepVersionCookie();
        for (Rule rule : plan.rules()) {
            Map<String, Integer> split = split(rule);
            if (rule.catchAll()) {
                if (pin != null && split.size() > 1) {
                    String pinned = cookie(request.headers().get("cookie"), pin);
                    if (pinned != null && split.containsKey(pinned)) {
                        return new Expectation(Resolution.Outcome.ROUTED, Map.of(pinned, 100), rule);
                    }
                }
                return new Expectation(Resolution.Outcome.ROUTED, split, rule);
            }
            if (rule.match().stream().anyMatch(m -> fits(m, request, host) && fitsPort(m, port)
                    && fitsCaller(m, caller))) {
                return new Expectation(Resolution.Outcome.ROUTED, split, rule);
            }
        }
        return new Expectation(Resolution.Outcome.NOT_FOUND);
    }

    /** {@code port}: the request must be sent to that port; an unknown port (mesh, none given) is assumed to fit. */
    private static boolean fitsPort(MatchCondition m, Integer port) {
        return m.port() == null || port == null || m.port().equals(port);
    }

    /** {@code sourceLabels}: every label of the entry is a label of the proxy the request leaves from. */
    private static boolean fitsCaller(MatchCondition m, Map<String, String> caller) {
        for (var label : m.sourceLabels().entrySet()) {
            if (!label.getValue().equals(caller.get(label.getKey()))) {
                return false;
            }
        }
        return true;
    }

    private static Map<String, Integer> split(Rule rule) {
        Map<String, Integer> out = new LinkedHashMap<>();
        for (WeightedDestination d : rule.route()) {
            int w = d.weight() == null ? 100 : d.weight();
            if (w > 0) {
                out.merge(d.version(), w, Integer::sum);
            }
        }
        return out;
    }

    private static boolean fits(MatchCondition m, SimulatedRequest r, String host) {
        if (m.uri() != null && !fits(m.uri(), r.uriPath())) {
            return false;
        }
        if (m.authority() != null && !fits(m.authority(), host)) {
            return false;
        }
        if (m.method() != null && !fits(m.method(), r.method())) {
            return false;
        }
        for (var h : m.headers().entrySet()) {
            String name = h.getKey().toLowerCase(Locale.ROOT);
            String value = name.equals(":authority") ? host : r.headers().get(name);
            if (!fits(h.getValue(), value)) {
                return false;
            }
        }
        for (var q : m.queryParams().entrySet()) {
            if (!fits(q.getValue(), r.queryParams().get(q.getKey()))) {
                return false;
            }
        }
        // withoutHeaders: the request lacks the header, or its value does not match
        for (var h : m.withoutHeaders().entrySet()) {
            if (fits(h.getValue(), r.headers().get(h.getKey().toLowerCase(Locale.ROOT)))) {
                return false;
            }
        }
        return true;
    }

    private static boolean fits(StringMatch m, String value) {
        if (value == null) {
            return false;
        }
        if (m.exact() != null) {
            return value.equals(m.exact());
        }
        if (m.prefix() != null) {
            return value.startsWith(m.prefix());
        }
        if (m.regex() != null) {
            return Pattern.matches(m.regex(), value);
        }
        return true;
    }

    private static String cookie(String header, String name) {
        if (header == null) {
            return null;
        }
        for (String part : header.split(";")) {
            String p = part.trim();
            if (p.startsWith(name + "=")) {
                return p.substring(name.length() + 1);
            }
        }
        return null;
    }

    static String stripNamespace(String host) {
        int slash = host.indexOf('/');
        return slash < 0 ? host : host.substring(slash + 1);
    }

    /** Whether a host pattern ({@code *}, {@code *.d}, or a name) covers a concrete host, ignoring case. */
    static boolean covers(String pattern, String host) {
        String p = pattern.toLowerCase(Locale.ROOT);
        if (p.equals("*")) {
            return true;
        }
        if (p.startsWith("*.")) {
            return host.endsWith(p.substring(1)) && host.length() > p.length() - 1;
        }
        return p.equals(host);
    }

    static String meshFqdn(String host, String namespace) {
        String h = host.toLowerCase(Locale.ROOT);
        if (h.startsWith("*")) {
            return h;
        }
        long dots = h.chars().filter(c -> c == '.').count();
        return dots == 0 ? h + "." + namespace + SUFFIX : dots == 1 ? h + SUFFIX
                : h.endsWith(".svc") ? h + ".cluster.local" : h;
    }
}
