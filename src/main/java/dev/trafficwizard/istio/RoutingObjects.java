package dev.trafficwizard.istio;

import io.fabric8.istio.api.networking.v1.DestinationRule;
import io.fabric8.istio.api.networking.v1.Gateway;
import io.fabric8.istio.api.networking.v1.VirtualService;
import io.fabric8.kubernetes.api.model.HasMetadata;

import java.util.ArrayList;
import java.util.List;

/**
 * The Istio objects a plan becomes: a DestinationRule, a VirtualService, and the Gateway when the
 * plan creates one (else null). {@link #all()} lists them in the order they are shown and, when
 * subsets are added, applied: Gateway and DestinationRule before the VirtualService using them.
 */
public record RoutingObjects(DestinationRule destinationRule, VirtualService virtualService, Gateway gateway) {

    public RoutingObjects(DestinationRule destinationRule, VirtualService virtualService) {
        this(destinationRule, virtualService, null);
    }

    public List<HasMetadata> all() {
        List<HasMetadata> out = new ArrayList<>();
        if (gateway != null) {
            out.add(gateway);
        }
        if (destinationRule != null) {
            out.add(destinationRule);
        }
        if (virtualService != null) {
            out.add(virtualService);
        }
        return out;
    }
}
