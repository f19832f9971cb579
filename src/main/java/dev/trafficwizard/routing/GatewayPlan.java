package dev.trafficwizard.routing;

import java.util.List;

/**
 * Exposure through an ingress gateway; absent in a plan means mesh only. {@code create} makes
 * Traffic Wizard write the Gateway ({@code name} in the service's namespace, selector
 * {@code istio: ingressgateway}); otherwise {@code name} refers to an existing one, as
 * {@code name} (same namespace) or {@code namespace/name}. Port 80 serves HTTP, 443 HTTPS with
 * the TLS secret {@code credentialName}. {@code includeMesh} keeps the rules for pod-to-pod traffic.
 *
 * <p>Every field but {@code name} is optional in the JSON API: an absent {@code create} or
 * {@code includeMesh} is {@code false} (the flags are boxed so an absent value can bind, and never
 * null once made), absent {@code hosts} empty, an absent {@code port} 80 ({@link #portOrDefault()}).
 */
public record GatewayPlan(String name, Boolean create, List<String> hosts, Integer port, Boolean includeMesh,
                          String credentialName) {

    public GatewayPlan {
        create = Boolean.TRUE.equals(create);
        hosts = Copies.list(hosts);
        includeMesh = Boolean.TRUE.equals(includeMesh);
    }

    public GatewayPlan(String name, boolean create, List<String> hosts, Integer port, boolean includeMesh) {
        this(name, create, hosts, port, includeMesh, null);
    }

    public int portOrDefault() {
        return port == null ? 80 : port;
    }

}
