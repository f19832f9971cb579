package dev.trafficwizard.istio;

import io.fabric8.istio.api.networking.v1.DestinationRule;
import io.fabric8.istio.api.networking.v1.Gateway;
import io.fabric8.istio.api.networking.v1.VirtualService;
import io.fabric8.kubernetes.api.model.HasMetadata;

import java.util.List;
import java.util.Map;
import java.util.function.BinaryOperator;
import java.util.function.Supplier;

/**
 * The forms own only what they show: this lays the fields a plan owns onto the live object and
 * keeps every other field of it (the {@code mirrors} list, CORS, rule names, destination header
 * operations, port-level settings…). Owned:
 * <ul>
 *   <li>VirtualService: {@code hosts}, {@code gateways}, and per HTTP rule the match fields a plan
 *       holds ({@code uri}, {@code headers}, {@code authority}, {@code method}, {@code queryParams},
 *       {@code withoutHeaders}, {@code port}, {@code sourceLabels}), {@code mirror},
 *       {@code mirrorPercentage}, {@code fault}, {@code timeout}, {@code retries}, {@code headers}
 *       (a live one the plan's rule lacks is named as dropped),
 *       and per destination {@code destination.host/subset}, {@code weight} and the version pin's
 *       {@code Set-Cookie} response header. Rules correspond by the same match (the n-th rule with
 *       a match to the n-th live rule with that match; the catch-all to the catch-all), destinations
 *       by host and subset.</li>
 *   <li>DestinationRule: {@code host}, subsets' {@code name} and {@code labels} (by name), and
 *       {@code trafficPolicy.loadBalancer.consistentHash}; when the plan has traffic policies, also
 *       {@code tls}, {@code loadBalancer}, {@code connectionPool} and {@code outlierDetection} of the
 *       top-level and each subset's policy ({@link TrafficPolicyMerge}).</li>
 *   <li>Gateway: {@code selector}, servers' {@code port}, {@code hosts}, {@code tls.mode} and
 *       {@code tls.credentialName} (servers correspond by port number).</li>
 * </ul>
 * A field that is not owned but belongs to a rule, destination, subset or server that the plan no
 * longer has cannot be kept: it is listed in {@link Merged#dropped()} so the preview can say so.
 * Metadata is left to {@link ObjectComparison#merged}, which already keeps live labels and
 * annotations. Pure: no I/O.
 */
public final class StructuralMerge {

    private StructuralMerge() {
    }

    /**
     * A live field that is not kept.
     *
     * @param rule the index of the desired VirtualService HTTP rule it belonged to, when one
     *             corresponds; null when the live rule (or the object part) has no counterpart
     * @param path the YAML path in the live object, such as {@code spec.http[1].retries}
     */
    public record Dropped(Integer rule, String path) {
    }

    /** The object to write and what of the live object it cannot keep. */
    public record Merged<T extends HasMetadata>(T object, List<Dropped> dropped) {

        public Merged {
            dropped = List.copyOf(dropped);
        }
    }

    public static Merged<VirtualService> virtualService(VirtualService desired, VirtualService live) {
        var merge = new VirtualServiceMerge();
        return merged(desired, live, merge::spec, merge::dropped);
    }

    /** Owns the traffic policies when the desired object holds more than a sticky session's hash. */
    public static Merged<DestinationRule> destinationRule(DestinationRule desired, DestinationRule live) {
        var merge = new PolicyMerge();
        return merged(desired, live, merge::destinationRule, merge::dropped);
    }

    /**
     * @param ownsPolicies whether the plan has a {@code trafficPolicy} or {@code versionPolicies}:
     *                     then it owns TLS, load balancer, connection pool and outlier detection of
     *                     the top-level and every subset's policy; otherwise only the consistent hash
     */
    public static Merged<DestinationRule> destinationRule(DestinationRule desired, DestinationRule live,
                                                          boolean ownsPolicies) {
        var merge = new PolicyMerge();
        return merged(desired, live, (d, l) -> merge.destinationRule(d, l, ownsPolicies), merge::dropped);
    }

    public static Merged<Gateway> gateway(Gateway desired, Gateway live) {
        var merge = new PolicyMerge();
        return merged(desired, live, merge::gateway, merge::dropped);
    }

    /** The desired object with its spec laid onto the live spec by {@code spec}; as desired without a live one. */
    private static <T extends HasMetadata> Merged<T> merged(T desired, T live,
            BinaryOperator<Map<String, Object>> spec, Supplier<List<Dropped>> dropped) {
        if (live == null || desired == null || Trees.tree(live).get("spec") == null) {
            return new Merged<>(desired, List.of());
        }
        Map<String, Object> merged = spec.apply(Trees.map(Trees.tree(desired).get("spec")),
                Trees.map(Trees.tree(live).get("spec")));
        return new Merged<>(Trees.withSpec(desired, merged), dropped.get());
    }
}
