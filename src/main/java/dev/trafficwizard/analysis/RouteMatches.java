package dev.trafficwizard.analysis;

import dev.trafficwizard.routing.MatchShape;
import dev.trafficwizard.routing.RuleReachability;
import io.fabric8.istio.api.api.networking.v1alpha3.HTTPMatchRequest;
import io.fabric8.istio.api.api.networking.v1alpha3.HTTPRoute;
import io.fabric8.istio.api.api.networking.v1alpha3.StringMatch;
import io.fabric8.istio.api.api.networking.v1alpha3.StringMatchExact;
import io.fabric8.istio.api.api.networking.v1alpha3.StringMatchPrefix;
import io.fabric8.istio.api.api.networking.v1alpha3.TCPRoute;
import io.fabric8.istio.api.api.networking.v1alpha3.TLSRoute;
import io.fabric8.istio.api.networking.v1.VirtualService;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * A VirtualService's HTTP, TCP and TLS route lists as {@link RuleReachability} reads them, with the
 * YAML path and the label of each rule and match entry (its index, and its name when it has one).
 * HTTP entries are compared without their names (as Istio does) and by prefix shape; TCP and TLS
 * entries only whole.
 */
final class RouteMatches {

    /** One route list of a VirtualService: {@code http}, {@code tcp} or {@code tls}. */
    record Routes(String field, List<List<RuleReachability.Entry>> rules, List<String> ruleNames,
                  List<List<String>> matchNames) {

        String rulePath(int rule) {
            return "spec." + field + "[" + rule + "]";
        }

        String matchPath(int rule, int match) {
            return rulePath(rule) + ".match[" + match + "]";
        }

        String ruleLabel(int rule) {
            return label(rule, ruleNames.get(rule));
        }

        String matchLabel(int rule, int match) {
            List<String> names = matchNames.get(rule);
            return label(match, names == null ? null : names.get(match));
        }

        String prefix(int rule, int match) {
            RuleReachability.Entry entry = rules.get(rule).get(match);
            return entry.shape() == null ? "" : entry.shape().prefix();
        }
    }

    private RouteMatches() {
    }

    /** The VirtualService's route lists that it has. */
    static List<Routes> of(VirtualService vs) {
        List<Routes> out = new ArrayList<>();
        if (vs.getSpec() == null) {
            return out;
        }
        if (vs.getSpec().getHttp() != null) {
            out.add(http(vs.getSpec().getHttp()));
        }
        if (vs.getSpec().getTcp() != null) {
            out.add(plain("tcp", vs.getSpec().getTcp(), TCPRoute::getMatch));
        }
        if (vs.getSpec().getTls() != null) {
            out.add(plain("tls", vs.getSpec().getTls(), TLSRoute::getMatch));
        }
        return out;
    }

    private static Routes http(List<HTTPRoute> routes) {
        List<List<RuleReachability.Entry>> rules = new ArrayList<>();
        List<String> ruleNames = new ArrayList<>();
        List<List<String>> matchNames = new ArrayList<>();
        for (HTTPRoute route : routes) {
            ruleNames.add(route == null ? null : route.getName());
            if (route == null) {
                rules.add(null);
                matchNames.add(null);
                continue;
            }
            List<RuleReachability.Entry> entries = new ArrayList<>();
            List<String> names = new ArrayList<>();
            for (HTTPMatchRequest m : route.getMatch() == null ? List.<HTTPMatchRequest>of() : route.getMatch()) {
                names.add(m == null ? null : m.getName());
                entries.add(m == null ? null : new RuleReachability.Entry(m.toBuilder().withName(null).build(), shape(m)));
            }
            rules.add(entries);
            matchNames.add(names);
        }
        return new Routes("http", rules, ruleNames, matchNames);
    }

    private static <R, M> Routes plain(String field, List<R> routes, Function<R, List<M>> matches) {
        List<List<RuleReachability.Entry>> rules = new ArrayList<>();
        List<String> ruleNames = new ArrayList<>();
        List<List<String>> matchNames = new ArrayList<>();
        for (R route : routes) {
            ruleNames.add(null);
            matchNames.add(null);
            rules.add(route == null ? null : (matches.apply(route) == null ? List.<M>of() : matches.apply(route))
                    .stream().map(m -> m == null ? null : new RuleReachability.Entry(m, null)).toList());
        }
        return new Routes(field, rules, ruleNames, matchNames);
    }

    /** Istio's prefix shape of an HTTP match entry, or null when it does not match the URI by a non-empty prefix. */
    static MatchShape shape(HTTPMatchRequest m) {
        String prefix = prefix(m.getUri());
        if (prefix == null || prefix.isEmpty()) {
            return null;
        }
        return new MatchShape(prefix, m.getPort() == null ? 0 : m.getPort(), tagged(m.getMethod()),
                tagged(m.getAuthority()), tagged(m.getHeaders()), tagged(m.getQueryParams()),
                tagged(m.getWithoutHeaders()));
    }

    private static String prefix(StringMatch s) {
        return s != null && s.getMatchType() instanceof StringMatchPrefix p ? p.getPrefix() : null;
    }

    private static String tagged(StringMatch s) {
        if (s == null) {
            return "";
        }
        String exact = s.getMatchType() instanceof StringMatchExact e ? e.getExact() : null;
        return MatchShape.tagged(exact, prefix(s));
    }

    private static Map<String, String> tagged(Map<String, StringMatch> values) {
        Map<String, String> out = new LinkedHashMap<>();
        if (values != null) {
            values.forEach((k, v) -> out.put(k, tagged(v)));
        }
        return out;
    }

    private static String label(int index, String name) {
        // numbered from 1, as the forms, the diagram and the simulator number rules; the path keeps the index
        int number = index + 1;
        return name == null || name.isEmpty() ? String.valueOf(number) : number + " \"" + name + "\"";
    }
}
