package dev.trafficwizard.istio;

import io.fabric8.istio.api.api.networking.v1alpha3.LoadBalancerSettingsConsistentHash;
import io.fabric8.istio.api.api.networking.v1alpha3.LoadBalancerSettingsConsistentHashLBHttpCookie;
import io.fabric8.istio.api.api.networking.v1alpha3.Port;
import io.fabric8.istio.api.api.networking.v1alpha3.Server;
import io.fabric8.istio.api.api.networking.v1alpha3.ServerTLSSettings;
import io.fabric8.istio.api.api.networking.v1alpha3.ServerTLSSettingsTLSmode;
import io.fabric8.istio.api.api.networking.v1alpha3.Subset;
import io.fabric8.istio.api.api.networking.v1alpha3.TrafficPolicy;
import io.fabric8.istio.api.networking.v1.DestinationRule;
import io.fabric8.istio.api.networking.v1.Gateway;

import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

import static dev.trafficwizard.istio.IstioValidation.nullSafe;

/** The DestinationRule and Gateway part of {@link IstioValidation}. */
final class IstioResourceValidation {

    private static final Set<String> PROTOCOLS = Set.of("tcp", "udp", "grpc", "grpc-web", "http", "http_proxy",
            "http2", "https", "tls", "mongo", "redis", "mysql");

    private IstioResourceValidation() {
    }

    static void destinationRule(DestinationRule dr, List<Violation> out) {
        var spec = dr.getSpec();
        if (spec == null) {
            out.add(new Violation("spec", "a DestinationRule needs a spec"));
            return;
        }
        String host = IstioNames.wildcardDomain(spec.getHost());
        if (host != null) {
            out.add(new Violation("spec.host", host));
        }
        trafficPolicy(spec.getTrafficPolicy(), "spec.trafficPolicy", out);
        Set<String> names = new HashSet<>();
        List<Subset> subsets = nullSafe(spec.getSubsets());
        for (int i = 0; i < subsets.size(); i++) {
            String at = "spec.subsets[" + i + "]";
            Subset subset = subsets.get(i);
            if (subset == null) {
                out.add(new Violation(at, "a subset may not be null"));
                continue;
            }
            String name = subset.getName();
            if (name == null || name.isEmpty()) {
                out.add(new Violation(at + ".name", "a subset name cannot be empty"));
            } else if (!IstioNames.isDnsLabel(name)) {
                out.add(new Violation(at + ".name", "subset name is invalid: " + name));
            } else if (!names.add(name)) {
                out.add(new Violation(at + ".name", "duplicate subset names: " + name));
            }
            String labels = IstioNames.labels(subset.getLabels());
            if (labels != null) {
                out.add(new Violation(at + ".labels", labels));
            }
            trafficPolicy(subset.getTrafficPolicy(), at + ".trafficPolicy", out);
        }
    }

    private static void trafficPolicy(TrafficPolicy policy, String at, List<Violation> out) {
        if (policy == null) {
            return;
        }
        if (policy.getOutlierDetection() == null && policy.getConnectionPool() == null && policy.getLoadBalancer() == null
                && policy.getTls() == null && nullSafe(policy.getPortLevelSettings()).isEmpty() && policy.getTunnel() == null
                && policy.getProxyProtocol() == null && policy.getRetryBudget() == null) {
            out.add(new Violation(at, "a traffic policy must have at least one field"));
            return;
        }
        PolicyValidation.parts(policy, at, out);
        if (policy.getLoadBalancer() == null
                || !(policy.getLoadBalancer().getLbPolicy() instanceof LoadBalancerSettingsConsistentHash ch)) {
            return;
        }
        String hat = at + ".loadBalancer.consistentHash";
        var hash = ch.getConsistentHash();
        if (hash == null || hash.getHashKey() == null) {
            out.add(new Violation(hat, "consistent hashing needs exactly one hash key"));
            return;
        }
        if (hash.getMinimumRingSize() != null && hash.getMinimumRingSize() != 0 && hash.getHashAlgorithm() != null) {
            out.add(new Violation(hat, "only one of minimumRingSize or maglev/ringHash can be set"));
        }
        if (hash.getHashKey() instanceof LoadBalancerSettingsConsistentHashLBHttpCookie c) {
            var cookie = c.getHttpCookie();
            if (cookie == null || cookie.getName() == null || cookie.getName().isEmpty()) {
                out.add(new Violation(hat + ".httpCookie.name", "a name is required for httpCookie"));
            } else if (cookie.getTtl() != null && dev.trafficwizard.routing.Durations.nanos(cookie.getTtl()).orElse(-1) < 0) {
                out.add(new Violation(hat + ".httpCookie.ttl", "invalid duration " + cookie.getTtl()));
            }
        }
    }

    static void gateway(Gateway gw, List<Violation> out) {
        String name = gw.getMetadata() == null ? null : gw.getMetadata().getName();
        if (!IstioNames.isDnsLabel(name)) {
            out.add(new Violation("metadata.name", "invalid gateway name: \"" + name + "\""));
        }
        List<Server> servers = gw.getSpec() == null ? List.of() : nullSafe(gw.getSpec().getServers());
        if (servers.isEmpty()) {
            out.add(new Violation("spec.servers", "a gateway must have at least one server"));
        }
        Set<String> portNames = new HashSet<>();
        for (int i = 0; i < servers.size(); i++) {
            String at = "spec.servers[" + i + "]";
            Server server = servers.get(i);
            if (server == null) {
                out.add(new Violation(at, "a server may not be null"));
                continue;
            }
            List<String> hosts = nullSafe(server.getHosts());
            if (hosts.isEmpty()) {
                out.add(new Violation(at + ".hosts", "a server must have at least one host"));
            }
            for (int k = 0; k < hosts.size(); k++) {
                String problem = hosts.get(k) == null ? "a host cannot be empty" : IstioNames.gatewayHost(hosts.get(k));
                if (problem != null) {
                    out.add(new Violation(at + ".hosts[" + k + "]", problem));
                }
            }
            boolean portValid = port(server.getPort(), at + ".port", out);
            if (server.getPort() != null && !portNames.add(String.valueOf(server.getPort().getName()))) {
                out.add(new Violation(at + ".port.name", "port names in servers must be unique: duplicate name "
                        + server.getPort().getName()));
            }
            if (portValid) {
                tls(server, at, out);
            }
        }
    }

    private static boolean port(Port port, String at, List<Violation> out) {
        if (port == null) {
            out.add(new Violation(at, "a port is required"));
            return false;
        }
        int before = out.size();
        if (port.getProtocol() == null || !PROTOCOLS.contains(port.getProtocol().toLowerCase(Locale.ROOT))) {
            out.add(new Violation(at + ".protocol", "invalid protocol \"" + port.getProtocol() + "\""));
        }
        if (port.getNumber() == null || port.getNumber() < 1 || port.getNumber() > 65535) {
            out.add(new Violation(at + ".number", "port number " + port.getNumber() + " must be in the range 1..65535"));
        }
        if (port.getTargetPort() != null && port.getTargetPort() > 0) {
            out.add(new Violation(at + ".targetPort", "targetPort has no impact on gateways"));
        }
        if (port.getName() == null || port.getName().isEmpty()) {
            out.add(new Violation(at + ".name", "a port name must be set"));
        }
        return out.size() == before;
    }

    private static void tls(Server server, String at, List<Violation> out) {
        String protocol = server.getPort().getProtocol().toLowerCase(Locale.ROOT);
        boolean isTls = protocol.equals("https") || protocol.equals("tls");
        boolean isHttp = Set.of("http", "http2", "http_proxy", "grpc", "grpc-web").contains(protocol);
        ServerTLSSettings tls = server.getTls();
        if (isTls && tls == null) {
            out.add(new Violation(at + ".tls", "a server needs TLS settings for HTTPS/TLS protocols"));
            return;
        }
        if (tls == null) {
            return;
        }
        if (!isTls) {
            boolean redirectOnly = isHttp && Boolean.TRUE.equals(tls.getHttpsRedirect()) && tls.getMode() == null
                    && empty(tls.getCredentialName()) && empty(tls.getServerCertificate()) && empty(tls.getPrivateKey());
            if (!redirectOnly) {
                out.add(new Violation(at + ".tls", "a server cannot have TLS settings for a plain-text port"));
            }
            return;
        }
        ServerTLSSettingsTLSmode mode = tls.getMode();
        boolean needsCertificate = mode == null || mode == ServerTLSSettingsTLSmode.SIMPLE
                || mode == ServerTLSSettingsTLSmode.MUTUAL || mode == ServerTLSSettingsTLSmode.OPTIONAL_MUTUAL;
        boolean credential = !empty(tls.getCredentialName()) || !nullSafe(tls.getCredentialNames()).isEmpty();
        if (needsCertificate && !credential && nullSafe(tls.getTlsCertificates()).isEmpty()) {
            if (empty(tls.getServerCertificate())) {
                out.add(new Violation(at + ".tls", "SIMPLE TLS requires a server certificate (or credentialName)"));
            }
            if (empty(tls.getPrivateKey())) {
                out.add(new Violation(at + ".tls", "SIMPLE TLS requires a private key (or credentialName)"));
            }
        }
        if ((mode == ServerTLSSettingsTLSmode.MUTUAL || mode == ServerTLSSettingsTLSmode.OPTIONAL_MUTUAL)
                && !credential && empty(tls.getCaCertificates())) {
            out.add(new Violation(at + ".tls", "MUTUAL TLS requires a client CA bundle"));
        }
    }

    private static boolean empty(String s) {
        return s == null || s.isEmpty();
    }
}
