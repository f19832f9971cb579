package dev.trafficwizard.istio;

import dev.trafficwizard.istio.Resolution.Share;
import dev.trafficwizard.routing.Hosts;
import dev.trafficwizard.routing.TargetService;
import io.fabric8.istio.api.api.networking.v1alpha3.Destination;
import io.fabric8.istio.api.api.networking.v1alpha3.HTTPRouteDestination;
import io.fabric8.istio.api.api.networking.v1alpha3.Subset;
import io.fabric8.istio.api.networking.v1.DestinationRule;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Turns a rule's weighted destinations, or plain Kubernetes load balancing, into shares: weights
 * become percentages, subsets become pod labels and versions through the DestinationRule of the host.
 */
final class RouteShares {

    private RouteShares() {
    }

    /** A share before rounding: what it is and its exact weight. */
    private record Part(String host, String subset, String version, boolean missing, Map<String, String> labels,
                        double weight) {
    }

    /** Kubernetes round robin over the target's ready pods: each version gets its share of the pods. */
    static List<Share> roundRobin(TargetService target) {
        List<Part> parts = new ArrayList<>();
        if (target != null) {
            for (TargetService.ServiceVersion v : target.versions()) {
                parts.add(new Part(target.fqdn(), null, v.version(), false, Map.of(target.versionLabel(), v.version()),
                        v.readyPods()));
            }
        }
        return rounded(parts);
    }

    /**
     * The shares of a rule's destinations. {@code drs} must be sorted by namespace/name.
     * Appends to {@code notes} how weights were read and which subsets are missing.
     */
    static List<Share> route(List<HTTPRouteDestination> route, String vsNamespace, List<DestinationRule> drs,
                             String defaultNamespace, TargetService target, List<Reason> notes) {
        List<Double> weights = weights(route, notes);
        List<Part> parts = new ArrayList<>();
        for (int i = 0; i < route.size(); i++) {
            Destination d = route.get(i).getDestination();
            String written = d == null ? "" : d.getHost();
            String fqdn = Hosts.resolve(written, vsNamespace);
            boolean isTarget = target != null && fqdn.equals(target.fqdn());
            String host = isTarget ? target.fqdn() : Hosts.resolve(written, vsNamespace);
            String subset = d == null ? null : d.getSubset();
            if (subset == null || subset.isBlank()) {
                parts.addAll(allPods(host, isTarget ? target : null, weights.get(i), notes));
                continue;
            }
            Optional<DestinationRule> dr = destinationRule(fqdn, drs, defaultNamespace, notes);
            Optional<Subset> defined = dr.flatMap(r -> nullSafe(r.getSpec().getSubsets()).stream()
                    .filter(s -> subset.equals(s.getName())).findFirst());
            if (defined.isEmpty()) {
                notes.add(dr.isEmpty() ? Reason.of("sim.why.subset.noRule", host, subset)
                        : Reason.of("sim.why.subset.missing", RoutingModel.ref(dr.get(), defaultNamespace), subset));
                parts.add(new Part(host, subset, null, true, Map.of(), weights.get(i)));
                continue;
            }
            Map<String, String> labels = defined.get().getLabels() == null ? Map.of() : defined.get().getLabels();
            String version = isTarget ? labels.get(target.versionLabel()) : null;
            parts.add(new Part(host, subset, version, false, labels, weights.get(i)));
        }
        return rounded(parts);
    }

    private static List<Double> weights(List<HTTPRouteDestination> route, List<Reason> notes) {
        if (route.size() == 1) {
            return List.of(1.0);
        }
        List<Double> raw = route.stream().map(d -> d.getWeight() == null ? 0.0 : Math.max(0, d.getWeight())).toList();
        double sum = raw.stream().mapToDouble(Double::doubleValue).sum();
        if (sum == 0) {
            notes.add(Reason.of("sim.why.weights.none"));
            return route.stream().map(d -> 1.0).toList();
        }
        if (sum != 100) {
            notes.add(Reason.of("sim.why.weights.sum", String.valueOf((long) sum)));
        }
        return raw;
    }

    /** A destination without subset: all pods of the host, split by ready pods when it is the target service. */
    private static List<Part> allPods(String host, TargetService target, double weight, List<Reason> notes) {
        int ready = target == null ? 0 : target.versions().stream().mapToInt(TargetService.ServiceVersion::readyPods).sum();
        if (ready == 0) {
            return List.of(new Part(host, null, null, false, Map.of(), weight));
        }
        notes.add(Reason.of("sim.why.allPods", host));
        List<Part> parts = new ArrayList<>();
        for (TargetService.ServiceVersion v : target.versions()) {
            parts.add(new Part(host, null, v.version(), false, Map.of(target.versionLabel(), v.version()),
                    weight * v.readyPods() / ready));
        }
        return parts;
    }

    private static Optional<DestinationRule> destinationRule(String fqdn, List<DestinationRule> drs,
                                                             String defaultNamespace, List<Reason> notes) {
        int best = Hosts.NO_MATCH;
        List<DestinationRule> found = new ArrayList<>();
        for (DestinationRule dr : drs) {
            if (dr.getSpec() == null) {
                continue;
            }
            String drNamespace = Objects.requireNonNullElse(dr.getMetadata().getNamespace(), defaultNamespace);
            int s = Hosts.specificity(Hosts.resolve(dr.getSpec().getHost(), drNamespace), fqdn);
            if (s > best) {
                best = s;
                found.clear();
            }
            if (s == best && s != Hosts.NO_MATCH) {
                found.add(dr);
            }
        }
        if (found.size() > 1) {
            notes.add(Reason.of("sim.why.dr.several", fqdn, RoutingModel.ref(found.get(0), defaultNamespace)));
        }
        return found.stream().findFirst();
    }

    private static List<Share> rounded(List<Part> parts) {
        List<Integer> percent = Percentages.of(parts.stream().map(Part::weight).toList());
        List<Share> out = new ArrayList<>();
        for (int i = 0; i < parts.size(); i++) {
            Part p = parts.get(i);
            out.add(new Share(p.host(), p.subset(), p.version(), percent.get(i), p.missing(), p.labels()));
        }
        return out;
    }

    private static <T> List<T> nullSafe(List<T> list) {
        return list == null ? List.of() : list;
    }
}
