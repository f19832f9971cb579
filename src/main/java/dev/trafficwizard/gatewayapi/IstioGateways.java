package dev.trafficwizard.gatewayapi;

import dev.trafficwizard.routing.Hosts;
import io.fabric8.istio.api.api.networking.v1alpha3.Port;
import io.fabric8.istio.api.api.networking.v1alpha3.Server;
import io.fabric8.istio.api.api.networking.v1alpha3.ServerTLSSettings;
import io.fabric8.istio.api.api.networking.v1alpha3.ServerTLSSettingsTLSmode;
import io.fabric8.istio.api.networking.v1.GatewayBuilder;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.Gateway;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRoute;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.Listener;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.ParentReference;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A Gateway API Gateway as the Istio Gateway the routing model reads: same namespace and name, the pods
 * Istio deploys for it ({@value #GATEWAY_NAME}{@code : <name>}), one server per HTTP or HTTPS listener
 * (its hostname, {@code *} without; HTTPS terminating with the first certificateRef). Which listeners a
 * route's parentRef attaches to (sectionName, port, allowedRoutes) and the hosts it then serves (route
 * hostnames narrowed to the listener's) are decided here too; a namespace selector is not evaluated (the
 * namespaces' labels are not known here): it admits every namespace.
 */
final class IstioGateways {

    /** The label Istio puts on the pods it deploys for a Gateway API Gateway. */
    static final String GATEWAY_NAME = "gateway.networking.k8s.io/gateway-name";

    private IstioGateways() {
    }

    static io.fabric8.istio.api.networking.v1.Gateway toIstio(Gateway gateway) {
        List<Server> servers = new ArrayList<>();
        for (Listener l : listeners(gateway)) {
            boolean https = "HTTPS".equals(l.getProtocol());
            if (!https && !"HTTP".equals(l.getProtocol())) {
                continue;
            }
            Server server = new Server();
            server.setName(l.getName());
            server.setPort(new Port(l.getName(), l.getPort() == null ? null : l.getPort().longValue(),
                    l.getProtocol(), null));
            server.setHosts(List.of("*/" + (l.getHostname() == null ? "*" : l.getHostname())));
            if (https) {
                ServerTLSSettings tls = new ServerTLSSettings();
                tls.setMode(ServerTLSSettingsTLSmode.SIMPLE);
                if (l.getTls() != null && l.getTls().getCertificateRefs() != null
                        && !l.getTls().getCertificateRefs().isEmpty()) {
                    tls.setCredentialName(l.getTls().getCertificateRefs().get(0).getName());
                }
                server.setTls(tls);
            }
            servers.add(server);
        }
        return new GatewayBuilder()
                .withNewMetadata()
                .withName(gateway.getMetadata().getName())
                .withNamespace(gateway.getMetadata().getNamespace())
                .endMetadata()
                .withNewSpec()
                .withSelector(Map.of(GATEWAY_NAME, gateway.getMetadata().getName()))
                .withServers(servers)
                .endSpec()
                .build();
    }

    /**
     * The hosts a route serves through the gateway's listeners its parentRef attaches to: each route
     * hostname ({@code *} without) narrowed to each listener hostname it overlaps; empty when none attach.
     */
    static Set<String> hosts(Gateway gateway, ParentReference parent, HTTPRoute route) {
        Set<String> out = new LinkedHashSet<>();
        String routeNs = route.getMetadata().getNamespace();
        List<String> hostnames = HttpRouteMatches.nullSafe(route.getSpec().getHostnames());
        for (Listener l : listeners(gateway)) {
            boolean http = "HTTP".equals(l.getProtocol()) || "HTTPS".equals(l.getProtocol());
            if (!http || parent.getSectionName() != null && !parent.getSectionName().equals(l.getName())
                    || parent.getPort() != null && !parent.getPort().equals(l.getPort())
                    || !allows(l, gateway.getMetadata().getNamespace(), routeNs)) {
                continue;
            }
            for (String h : hostnames.isEmpty() ? List.of("*") : hostnames) {
                String narrowed = narrow(Hosts.comparable(h), l.getHostname() == null ? null
                        : Hosts.comparable(l.getHostname()));
                if (narrowed != null) {
                    out.add(narrowed);
                }
            }
        }
        return out;
    }

    private static String narrow(String routeHost, String listenerHost) {
        if (listenerHost == null || routeHost.equals(listenerHost)) {
            return routeHost;
        }
        if (Hosts.covers(routeHost, listenerHost)) {
            return listenerHost;
        }
        return Hosts.covers(listenerHost, routeHost) ? routeHost : null;
    }

    private static boolean allows(Listener l, String gatewayNs, String routeNs) {
        String from = l.getAllowedRoutes() == null || l.getAllowedRoutes().getNamespaces() == null
                || l.getAllowedRoutes().getNamespaces().getFrom() == null ? "Same"
                : l.getAllowedRoutes().getNamespaces().getFrom();
        return !"Same".equals(from) || Objects.equals(gatewayNs, routeNs);
    }

    private static List<Listener> listeners(Gateway gateway) {
        return gateway.getSpec() == null ? List.of() : HttpRouteMatches.nullSafe(gateway.getSpec().getListeners());
    }
}
