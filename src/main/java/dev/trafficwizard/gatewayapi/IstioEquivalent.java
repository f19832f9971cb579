package dev.trafficwizard.gatewayapi;

import io.fabric8.istio.api.networking.v1.DestinationRule;
import io.fabric8.istio.api.networking.v1.Gateway;
import io.fabric8.istio.api.networking.v1.VirtualService;

import java.util.List;

/**
 * HTTPRoutes (with their version Services and Gateway API Gateways) as the Istio objects that route the
 * same way, built by {@link GatewayApiModel#toIstio}: in memory only, never written. The routing model,
 * simulator and diagram read them as they read live Istio objects, so one model serves both APIs.
 */
public record IstioEquivalent(List<VirtualService> virtualServices, List<DestinationRule> destinationRules,
                              List<Gateway> gateways) {

    public IstioEquivalent {
        virtualServices = List.copyOf(virtualServices);
        destinationRules = List.copyOf(destinationRules);
        gateways = List.copyOf(gateways);
    }
}
