package dev.trafficwizard.istio;

import dev.trafficwizard.routing.GatewayPlan;
import io.fabric8.istio.api.api.networking.v1alpha3.Port;
import io.fabric8.istio.api.api.networking.v1alpha3.Server;
import io.fabric8.istio.api.api.networking.v1alpha3.ServerTLSSettings;
import io.fabric8.istio.api.api.networking.v1alpha3.ServerTLSSettingsTLSmode;
import io.fabric8.istio.api.networking.v1.Gateway;
import io.fabric8.istio.api.networking.v1.GatewayBuilder;
import io.fabric8.kubernetes.api.model.ObjectMeta;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The ingress Gateway a plan creates: selector {@code istio: ingressgateway}, one server on port
 * 443 (HTTPS, TLS SIMPLE with the secret {@code credentialName}) or any other port (HTTP, port
 * name {@code http} on 80, else {@code http-<port>}); and back.
 */
public final class Gateways {

    static final Map<String, String> INGRESS_SELECTOR = Map.of("istio", "ingressgateway");

    private Gateways() {
    }

    /** Every host the Gateway's servers cover, without duplicates. */
    public static List<String> hosts(Gateway gateway) {
        if (gateway.getSpec() == null || gateway.getSpec().getServers() == null) {
            return List.of();
        }
        return gateway.getSpec().getServers().stream()
                .flatMap(s -> s.getHosts() == null ? java.util.stream.Stream.<String>empty() : s.getHosts().stream())
                .distinct().toList();
    }

    static Gateway toIstio(GatewayPlan plan, ObjectMeta metadata) {
        boolean https = plan.portOrDefault() == 443;
        Server server = new Server();
        int port = plan.portOrDefault();
        String name = port == 80 ? "http" : port == 443 ? "https" : (https ? "https-" : "http-") + port;
        server.setPort(new Port(name, (long) port, https ? "HTTPS" : "HTTP", null));
        server.setHosts(plan.hosts());
        if (https) {
            ServerTLSSettings tls = new ServerTLSSettings();
            tls.setMode(ServerTLSSettingsTLSmode.SIMPLE);
            tls.setCredentialName(plan.credentialName());
            server.setTls(tls);
        }
        return new GatewayBuilder()
                .withMetadata(metadata)
                .withNewSpec().withSelector(INGRESS_SELECTOR).withServers(server).endSpec()
                .build();
    }

    /** The plan of a Gateway Traffic Wizard created, or empty when it was changed beyond what a plan holds. */
    static Optional<GatewayPlan> fromIstio(Gateway gateway, boolean includeMesh) {
        if (gateway.getSpec() == null || !INGRESS_SELECTOR.equals(gateway.getSpec().getSelector())
                || gateway.getSpec().getServers() == null || gateway.getSpec().getServers().size() != 1) {
            return Optional.empty();
        }
        Server server = gateway.getSpec().getServers().get(0);
        if (server.getPort() == null || server.getPort().getNumber() == null) {
            return Optional.empty();
        }
        int port = server.getPort().getNumber().intValue();
        String credential = server.getTls() == null ? null : server.getTls().getCredentialName();
        boolean expected = port != 443 && server.getTls() == null && "HTTP".equals(server.getPort().getProtocol())
                || port == 443 && "HTTPS".equals(server.getPort().getProtocol()) && server.getTls() != null
                && ServerTLSSettingsTLSmode.SIMPLE.equals(server.getTls().getMode());
        if (!expected) {
            return Optional.empty();
        }
        List<String> hosts = server.getHosts() == null ? List.of() : server.getHosts();
        return Optional.of(new GatewayPlan(gateway.getMetadata().getName(), true, hosts, port, includeMesh,
                credential));
    }
}
