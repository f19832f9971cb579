package dev.trafficwizard.istio;

import io.fabric8.istio.api.networking.v1.DestinationRule;
import io.fabric8.istio.api.networking.v1.VirtualService;
import io.fabric8.kubernetes.api.model.HasMetadata;

import java.util.ArrayList;
import java.util.List;

/** The Istio objects a plan becomes, in the order they are shown and applied when subsets are added. */
public record RoutingObjects(DestinationRule destinationRule, VirtualService virtualService) {

    public List<HasMetadata> all() {
        List<HasMetadata> out = new ArrayList<>();
        if (destinationRule != null) {
            out.add(destinationRule);
        }
        if (virtualService != null) {
            out.add(virtualService);
        }
        return out;
    }
}
