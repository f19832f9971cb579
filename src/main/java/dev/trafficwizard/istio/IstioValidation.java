package dev.trafficwizard.istio;

import dev.trafficwizard.routing.EffectiveHosts;
import dev.trafficwizard.routing.Names;
import dev.trafficwizard.routing.Hosts;
import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;
import io.fabric8.istio.api.api.networking.v1alpha3.Destination;
import io.fabric8.istio.api.api.networking.v1alpha3.HTTPMatchRequest;
import io.fabric8.istio.api.api.networking.v1alpha3.HTTPRoute;
import io.fabric8.istio.api.api.networking.v1alpha3.HTTPRouteDestination;
import io.fabric8.istio.api.api.networking.v1alpha3.StringMatch;
import io.fabric8.istio.api.api.networking.v1alpha3.StringMatchPrefix;
import io.fabric8.istio.api.api.networking.v1alpha3.StringMatchRegex;
import io.fabric8.istio.api.networking.v1.DestinationRule;
import io.fabric8.istio.api.networking.v1.Gateway;
import io.fabric8.istio.api.networking.v1.VirtualService;
import io.fabric8.kubernetes.api.model.HasMetadata;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What Istio's admission webhook refuses in the objects Traffic Wizard writes (VirtualService,
 * DestinationRule, Gateway), ported as facts from istio/istio {@code pkg/config/validation}: the
 * same rules, our own code. Only errors, no warnings (Istio only warns about rules after a
 * catch-all and duplicate matches; the plan checks report those); each with the YAML path of the
 * field. The Gateway and DestinationRule rules are in {@link IstioResourceValidation}. Pure: no Spring.
 */
public final class IstioValidation {

    private static final String MESH = EffectiveHosts.MESH;
    private static final String RE2_HINT = "; Istio uses RE2 regular expressions";

    private IstioValidation() {
    }

    /** The violations of one object; empty when Istio would accept it (or for kinds it does not cover). */
    public static List<Violation> validate(HasMetadata object) {
        List<Violation> out = new ArrayList<>();
        if (object instanceof VirtualService vs) {
            virtualService(vs, out);
        } else if (object instanceof DestinationRule dr) {
            IstioResourceValidation.destinationRule(dr, out);
        } else if (object instanceof Gateway gw) {
            IstioResourceValidation.gateway(gw, out);
        }
        return out;
    }

    private static void virtualService(VirtualService vs, List<Violation> out) {
        var spec = vs.getSpec();
        if (spec == null) {
            out.add(new Violation("spec", "a VirtualService needs a spec"));
            return;
        }
        List<String> hosts = nullSafe(spec.getHosts());
        List<String> gateways = nullSafe(spec.getGateways());
        if (hosts.isEmpty() && !gateways.isEmpty()) {
            out.add(new Violation("spec.gateways", "a delegate VirtualService (no hosts) cannot name gateways"));
        }
        for (int g = 0; g < gateways.size(); g++) {
            String problem = IstioNames.gatewayName(gateways.get(g));
            if (problem != null) {
                out.add(new Violation("spec.gateways[" + g + "]", problem));
            }
        }
        boolean toGateway = !gateways.isEmpty() && !gateways.contains(MESH);
        boolean toMesh = !toGateway;
        boolean allValid = true;
        for (int k = 0; k < hosts.size(); k++) {
            String host = hosts.get(k);
            String problem = host == null ? "a host cannot be empty" : IstioNames.wildcardDomain(host);
            if (problem != null && !IstioNames.isIp(host)) {
                out.add(new Violation("spec.hosts[" + k + "]", problem));
                allValid = false;
            } else if (problem == null && toMesh && "*".equals(host)) {
                out.add(new Violation("spec.hosts[" + k + "]",
                        "the wildcard host * is not allowed for a VirtualService bound to the mesh"));
                allValid = false;
            }
        }
        if (allValid) {
            for (int i = 0; i < hosts.size(); i++) {
                for (int j = i + 1; j < hosts.size(); j++) {
                    if (Hosts.overlap(hosts.get(i), hosts.get(j))) {
                        out.add(new Violation("spec.hosts[" + j + "]",
                                "duplicate hosts in virtual service: " + hosts.get(i) + " & " + hosts.get(j)));
                    }
                }
            }
        }
        List<HTTPRoute> http = nullSafe(spec.getHttp());
        if (http.isEmpty() && nullSafe(spec.getTcp()).isEmpty() && nullSafe(spec.getTls()).isEmpty()) {
            out.add(new Violation("spec", "http, tcp or tls must be provided in a VirtualService"));
        }
        for (int i = 0; i < http.size(); i++) {
            String at = "spec.http[" + i + "]";
            if (http.get(i) == null) {
                out.add(new Violation(at, "an http route may not be null"));
            } else {
                httpRoute(http.get(i), at, toMesh, out);
            }
        }
    }

    private static void httpRoute(HTTPRoute route, String at, boolean toMesh, List<Violation> out) {
        if (route.getRedirect() == null && route.getDirectResponse() == null && route.getDelegate() == null
                && nullSafe(route.getRoute()).isEmpty()) {
            out.add(new Violation(at, "an HTTP route needs route, redirect or directResponse"));
        }
        List<HTTPMatchRequest> matches = nullSafe(route.getMatch());
        for (int j = 0; j < matches.size(); j++) {
            HTTPMatchRequest m = matches.get(j);
            if (m != null) {
                match(m, at + ".match[" + j + "]", toMesh, out);
            }
        }
        RouteValidation.route(route, at, out);
        List<HTTPRouteDestination> destinations = nullSafe(route.getRoute());
        int total = 0;
        for (int d = 0; d < destinations.size(); d++) {
            String dat = at + ".route[" + d + "]";
            HTTPRouteDestination destination = destinations.get(d);
            if (destination == null) {
                out.add(new Violation(dat, "a destination may not be null"));
                continue;
            }
            if (destination.getDestination() == null) {
                out.add(new Violation(dat + ".destination", "a destination is required"));
            } else {
                destination(destination.getDestination(), dat + ".destination", out);
            }
            int weight = destination.getWeight() == null ? 0 : destination.getWeight();
            if (weight < 0) {
                out.add(new Violation(dat + ".weight", "weight " + weight + " < 0"));
            }
            total += weight;
        }
        if (destinations.size() > 1 && total == 0) {
            out.add(new Violation(at + ".route", "the total destination weight is 0"));
        }
    }

    /** A header name of a match: Istio's name rules, and JWT claims only on gateways. */
    private static void headerName(String name, String at, boolean toMesh, List<Violation> out) {
        String problem = IstioNames.headerName(name);
        if (problem != null) {
            out.add(new Violation(at, problem));
        } else if (toMesh && Names.isJwtClaim(name)) {
            out.add(new Violation(at, "JWT claim based routing (" + name
                    + ") is only supported on gateways, not on a VirtualService bound to the mesh"));
        }
    }

    private static void match(HTTPMatchRequest m, String at, boolean toMesh, List<Violation> out) {
        for (Map.Entry<String, StringMatch> h : new TreeMap<>(nullSafe(m.getHeaders())).entrySet()) {
            String hat = at + ".headers." + h.getKey();
            headerName(h.getKey(), hat, toMesh, out);
            if (h.getValue() == null) {
                out.add(new Violation(hat, "a header match cannot be null"));
            } else {
                stringMatch(h.getValue(), hat, true, out);
            }
        }
        for (Map.Entry<String, StringMatch> h : new TreeMap<>(nullSafe(m.getWithoutHeaders())).entrySet()) {
            String hat = at + ".withoutHeaders." + h.getKey();
            headerName(h.getKey(), hat, toMesh, out);
            boolean anything = h.getValue() != null && h.getValue().getMatchType() instanceof StringMatchRegex r
                    && "*".equals(r.getRegex());
            if (h.getValue() != null && !anything) {
                stringMatch(h.getValue(), hat, true, out);
            }
        }
        stringMatch(m.getUri(), at + ".uri", false, out);
        stringMatch(m.getScheme(), at + ".scheme", true, out);
        stringMatch(m.getMethod(), at + ".method", true, out);
        stringMatch(m.getAuthority(), at + ".authority", true, out);
        new TreeMap<>(nullSafe(m.getQueryParams())).forEach((name, value) ->
                stringMatch(value, at + ".queryParams." + name, true, out));
        if (m.getPort() != null && (m.getPort() < 1 || m.getPort() > 65535)) {
            out.add(new Violation(at + ".port", "port number " + m.getPort() + " must be in the range 1..65535"));
        }
        String labels = IstioNames.labels(m.getSourceLabels());
        if (labels != null) {
            out.add(new Violation(at + ".sourceLabels", labels));
        }
        List<String> gateways = nullSafe(m.getGateways());
        for (int g = 0; g < gateways.size(); g++) {
            String problem = IstioNames.gatewayName(gateways.get(g));
            if (problem != null) {
                out.add(new Violation(at + ".gateways[" + g + "]", problem));
            }
        }
        if (m.getSourceNamespace() != null && !m.getSourceNamespace().isEmpty()
                && !IstioNames.isDnsLabel(m.getSourceNamespace())) {
            out.add(new Violation(at + ".sourceNamespace", "invalid sourceNamespace " + m.getSourceNamespace()));
        }
    }

    /** Prefixes may not be empty (except on uri); regexes must compile with RE2, at most 1024 characters. */
    private static void stringMatch(StringMatch sm, String at, boolean emptyPrefixRefused, List<Violation> out) {
        if (sm == null) {
            return;
        }
        if (sm.getMatchType() instanceof StringMatchPrefix p && emptyPrefixRefused
                && (p.getPrefix() == null || p.getPrefix().isEmpty())) {
            out.add(new Violation(at, "a prefix match should not be empty"));
        } else if (sm.getMatchType() instanceof StringMatchRegex r) {
            String regex = r.getRegex() == null ? "" : r.getRegex();
            String problem = regexProblem(regex);
            if (problem != null) {
                out.add(new Violation(at, problem));
            }
        }
    }

    static String regexProblem(String regex) {
        if (regex.isEmpty()) {
            return "a regex match should not be empty";
        }
        if (regex.length() > 1024) {
            return "the regex is too large: at most 1024 characters";
        }
        try {
            Pattern.compile(regex);
            return null;
        } catch (PatternSyntaxException e) {
            return e.getDescription() + RE2_HINT;
        }
    }

    static void destination(Destination d, String at, List<Violation> out) {
        String host = d.getHost();
        String problem = "*".equals(host) ? "invalid destination host *" : IstioNames.wildcardDomain(host);
        if (problem != null) {
            out.add(new Violation(at + ".host", problem));
        }
        if (d.getSubset() != null && !d.getSubset().isEmpty() && !IstioNames.isDnsLabel(d.getSubset())) {
            out.add(new Violation(at + ".subset", "subset name is invalid: " + d.getSubset()));
        }
    }

    static <T> List<T> nullSafe(List<T> list) {
        return list == null ? List.of() : list;
    }

    static <K, V> Map<K, V> nullSafe(Map<K, V> map) {
        return map == null ? Map.of() : map;
    }
}
