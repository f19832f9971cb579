package dev.trafficwizard.routing;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Which hosts and gateways the plan's VirtualService gets. The checks and the Istio object
 * builder must agree on this, so the rule lives here, once:
 * <ul>
 *   <li>{@code plan.hosts()} when not empty;</li>
 *   <li>else, with a gateway that lists hosts, the gateway's hosts (without a {@code namespace/}
 *       part), plus the service FQDN when
 *       {@code includeMesh} (so pod-to-pod calls by the service name keep following the rules);</li>
 *   <li>else the service FQDN {@code <service>.<namespace>.svc.cluster.local}.</li>
 * </ul>
 * The VirtualService's {@code gateways}: none (that is, {@code mesh}) without a gateway; with one,
 * the gateway reference as written in the plan, plus {@code mesh} when {@code includeMesh}.
 */
public final class EffectiveHosts {

    /** The reserved gateway name for all sidecars. */
    public static final String MESH = "mesh";

    private EffectiveHosts() {
    }

    /** The VirtualService hosts, without duplicates, in the order described above. */
    public static List<String> of(RoutingPlan plan, TargetService target) {
        if (!plan.hosts().isEmpty()) {
            return plan.hosts();
        }
        Set<String> hosts = new LinkedHashSet<>();
        GatewayPlan gateway = plan.gateway();
        String serviceHost = serviceHost(plan, target);
        if (gateway != null && !gateway.hosts().isEmpty()) {
            gateway.hosts().forEach(h -> hosts.add(h == null ? null : Hosts.hostPart(h)));
            if (gateway.includeMesh() && serviceHost != null) {
                hosts.add(serviceHost);
            }
        } else if (serviceHost != null) {
            hosts.add(serviceHost);
        }
        return List.copyOf(hosts);
    }


    /** Whether the hosts come from somewhere else than {@code plan.hosts()}. */
    public static boolean derived(RoutingPlan plan) {
        return plan.hosts().isEmpty();
    }

    /**
     * The service FQDN: the target's when known, else built from the plan's namespace and service
     * ({@code null} when those are missing).
     */
    public static String serviceHost(RoutingPlan plan, TargetService target) {
        if (target != null) {
            return target.fqdn();
        }
        if (plan.service() == null || plan.namespace() == null) {
            return null;
        }
        return Hosts.serviceFqdn(plan.service(), plan.namespace());
    }

    /** Whether the rules apply to pod-to-pod traffic: no gateway, or a gateway plus mesh. */
    public static boolean appliesInMesh(RoutingPlan plan) {
        return plan.gateway() == null || plan.gateway().includeMesh();
    }

    /**
     * The gateway as {@code namespace/name}: a bare name (and every gateway Traffic Wizard creates)
     * lives in the plan's namespace. {@code null} without a gateway or without a name.
     */
    public static String gatewayKey(RoutingPlan plan) {
        GatewayPlan gateway = plan.gateway();
        if (gateway == null || gateway.name() == null || gateway.name().isBlank()) {
            return null;
        }
        return gateway.create() || !gateway.name().contains("/")
                ? plan.namespace() + "/" + gateway.name()
                : gateway.name();
    }

    /** The VirtualService's {@code gateways} as {@code namespace/name} keys, or {@code mesh}. */
    public static List<String> gatewayKeys(RoutingPlan plan) {
        List<String> keys = new ArrayList<>();
        String key = gatewayKey(plan);
        if (key != null) {
            keys.add(key);
        }
        if (appliesInMesh(plan)) {
            keys.add(MESH);
        }
        return keys;
    }
}
