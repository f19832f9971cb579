package dev.trafficwizard.gatewayapi;

import io.fabric8.kubernetes.api.model.gatewayapi.v1.Gateway;

import java.util.List;

/** The hosts a Gateway API Gateway serves: its listeners' hostnames, {@code *} for a listener without one. */
public final class GatewayHosts {

    private GatewayHosts() {
    }

    public static List<String> of(Gateway gateway) {
        if (gateway.getSpec() == null || gateway.getSpec().getListeners() == null) {
            return List.of();
        }
        return gateway.getSpec().getListeners().stream()
                .map(l -> l.getHostname() == null || l.getHostname().isEmpty() ? "*" : l.getHostname())
                .distinct().toList();
    }
}
