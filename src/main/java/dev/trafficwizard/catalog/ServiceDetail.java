package dev.trafficwizard.catalog;

import dev.trafficwizard.routing.TargetService;
import io.fabric8.istio.api.networking.v1.DestinationRule;
import io.fabric8.istio.api.networking.v1.VirtualService;
import io.fabric8.kubernetes.api.model.HasMetadata;

import java.util.List;

/**
 * One service with everything its page shows: the summary, the routing target for plans, the
 * live routing objects that concern it, and the VirtualService and DestinationRule named after it
 * (the ones Traffic Wizard writes), when present.
 */
public record ServiceDetail(ServiceSummary summary, TargetService target, List<HasMetadata> routingObjects,
                            VirtualService virtualService, DestinationRule destinationRule) {

    public ServiceDetail {
        routingObjects = List.copyOf(routingObjects);
    }

    public RoutingState routing() {
        return summary.routing();
    }
}
