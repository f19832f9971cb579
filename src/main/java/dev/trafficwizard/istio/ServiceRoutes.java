package dev.trafficwizard.istio;

import dev.trafficwizard.routing.TargetService;

import java.util.List;

/**
 * Where traffic to one service goes, from each entry point that reaches it (the mesh first), as
 * {@link RoutingModel} resolves it.
 */
public record ServiceRoutes(TargetService target, List<EntryPoint> entryPoints) {

    public ServiceRoutes {
        entryPoints = List.copyOf(entryPoints);
    }

    /** Pod-to-pod calls to the service's own host. */
    public EntryPoint mesh() {
        return entryPoints.get(0);
    }

    /** The entry points through Gateways. */
    public List<EntryPoint> gateways() {
        return entryPoints.stream().filter(e -> !e.mesh()).toList();
    }

    /** The entry point with this {@link EntryPoint#key()}, if any. */
    public java.util.Optional<EntryPoint> entry(String key) {
        return entryPoints.stream().filter(e -> e.key().equals(key)).findFirst();
    }
}
