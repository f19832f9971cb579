package dev.trafficwizard.analysis;

import io.fabric8.istio.api.api.networking.v1alpha3.Destination;
import io.fabric8.istio.api.api.networking.v1alpha3.HTTPMirrorPolicy;
import io.fabric8.istio.api.api.networking.v1alpha3.HTTPRoute;
import io.fabric8.istio.api.api.networking.v1alpha3.HTTPRouteDestination;
import io.fabric8.istio.api.api.networking.v1alpha3.RouteDestination;
import io.fabric8.istio.api.api.networking.v1alpha3.TCPRoute;
import io.fabric8.istio.api.api.networking.v1alpha3.TLSRoute;
import io.fabric8.istio.api.networking.v1.VirtualService;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * The destinations of a VirtualService with the YAML path of each, as Istio's analyzers walk them
 * ({@code getRouteDestinations}: TCP, TLS, then HTTP routes; {@code getHTTPMirrorDestinations}:
 * {@code mirror} and {@code mirrors}). Entries without a destination are left out.
 */
final class VsDestinations {

    /**
     * One destination: {@code path} is that of the {@code Destination} object (add {@code .host}
     * or {@code .subset}); {@code rule} the index in its list; {@code share} the percentage of the
     * rule's traffic (a lone destination without weight gets 100, others their weight, mirrors 0).
     */
    record Dest(String path, Destination destination, int rule, boolean mirror, int share) {

        String host() {
            return destination.getHost();
        }

        String subset() {
            String s = destination.getSubset();
            return s == null || s.isBlank() ? null : s;
        }
    }

    private VsDestinations() {
    }

    /** The route destinations (not mirrors) of TCP, TLS and HTTP routes. */
    static List<Dest> routes(VirtualService vs) {
        List<Dest> out = new ArrayList<>();
        var spec = vs.getSpec();
        if (spec == null) {
            return out;
        }
        List<TCPRoute> tcp = spec.getTcp();
        for (int i = 0; tcp != null && i < tcp.size(); i++) {
            add(out, "spec.tcp[" + i + "]", i, tcp.get(i) == null ? null : tcp.get(i).getRoute(),
                    RouteDestination::getDestination, RouteDestination::getWeight);
        }
        List<TLSRoute> tls = spec.getTls();
        for (int i = 0; tls != null && i < tls.size(); i++) {
            add(out, "spec.tls[" + i + "]", i, tls.get(i) == null ? null : tls.get(i).getRoute(),
                    RouteDestination::getDestination, RouteDestination::getWeight);
        }
        List<HTTPRoute> http = spec.getHttp();
        for (int i = 0; http != null && i < http.size(); i++) {
            add(out, "spec.http[" + i + "]", i, http.get(i) == null ? null : http.get(i).getRoute(),
                    HTTPRouteDestination::getDestination, HTTPRouteDestination::getWeight);
        }
        return out;
    }

    /** The route destinations, then the mirror destinations. */
    static List<Dest> all(VirtualService vs) {
        List<Dest> out = new java.util.ArrayList<>(routes(vs));
        out.addAll(mirrors(vs));
        return out;
    }

    /** The HTTP mirror destinations: {@code spec.http[i].mirror} and {@code spec.http[i].mirrors[j].destination}. */
    static List<Dest> mirrors(VirtualService vs) {
        List<Dest> out = new ArrayList<>();
        List<HTTPRoute> http = vs.getSpec() == null ? null : vs.getSpec().getHttp();
        for (int i = 0; http != null && i < http.size(); i++) {
            HTTPRoute rule = http.get(i);
            if (rule == null) {
                continue;
            }
            if (rule.getMirror() != null) {
                out.add(new Dest("spec.http[" + i + "].mirror", rule.getMirror(), i, true, 0));
            }
            List<HTTPMirrorPolicy> mirrors = rule.getMirrors();
            for (int j = 0; mirrors != null && j < mirrors.size(); j++) {
                if (mirrors.get(j) != null && mirrors.get(j).getDestination() != null) {
                    out.add(new Dest("spec.http[" + i + "].mirrors[" + j + "].destination",
                            mirrors.get(j).getDestination(), i, true, 0));
                }
            }
        }
        return out;
    }

    private static <T> void add(List<Dest> out, String at, int rule, List<T> route, Function<T, Destination> destination,
                                Function<T, Integer> weight) {
        if (route == null) {
            return;
        }
        for (int j = 0; j < route.size(); j++) {
            T d = route.get(j);
            if (d == null || destination.apply(d) == null) {
                continue;
            }
            Integer w = weight.apply(d);
            int share = w == null ? (route.size() == 1 ? 100 : 0) : Math.max(0, w);
            out.add(new Dest(at + ".route[" + j + "].destination", destination.apply(d), rule, false, share));
        }
    }
}
