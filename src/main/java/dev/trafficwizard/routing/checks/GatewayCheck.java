package dev.trafficwizard.routing.checks;

import dev.trafficwizard.routing.Diagnostic;
import dev.trafficwizard.routing.DiagnosticCode;
import dev.trafficwizard.routing.Hosts;
import dev.trafficwizard.routing.EffectiveHosts;
import dev.trafficwizard.routing.GatewayPlan;
import dev.trafficwizard.routing.MeshView;
import dev.trafficwizard.routing.Names;
import dev.trafficwizard.routing.RoutingPlan;

import java.util.List;
import java.util.Optional;

/**
 * The gateway exposure, when the plan has one:
 * <ul>
 *   <li>{@code gateway.name} required; a DNS label, or (for an existing gateway) also
 *       {@code namespace/name} ({@code REQUIRED}, {@code INVALID_NAME});</li>
 *   <li>{@code gateway.port} from 1 to 65535 ({@code INVALID_PORT}); 443 serves HTTPS, any other HTTP;</li>
 *   <li>a gateway Traffic Wizard creates on 443 needs a TLS secret name, a DNS subdomain
 *       ({@code CREDENTIAL_REQUIRED} at {@code gateway.credentialName});</li>
 *   <li>a gateway Traffic Wizard creates needs hosts ({@code REQUIRED} at {@code gateway.hosts}),
 *       each valid as Istio sees gateway hosts (see {@link #checkGatewayHosts});</li>
 *   <li>an existing gateway must exist ({@code GATEWAY_MISSING} at {@code gateway.name}, like
 *       istioctl's IST0101).</li>
 * </ul>
 */
public final class GatewayCheck implements PlanCheck {

    @Override
    public void check(RoutingPlan plan, CheckContext context, List<Diagnostic> out) {
        GatewayPlan gateway = plan.gateway();
        if (gateway == null) {
            return;
        }
        boolean nameValid = checkName(gateway, out);
        int port = gateway.portOrDefault();
        if (port < 1 || port > 65535) {
            out.add(Diagnostic.error(DiagnosticCode.INVALID_PORT, "gateway.port", port));
        }
        if (gateway.create()) {
            if (port == 443 && !Names.isDnsSubdomain(gateway.credentialName())) {
                out.add(Diagnostic.error(DiagnosticCode.CREDENTIAL_REQUIRED, "gateway.credentialName"));
            }
            if (gateway.hosts().isEmpty()) {
                out.add(Diagnostic.error(DiagnosticCode.REQUIRED, "gateway.hosts"));
            }
        }
        checkGatewayHosts(gateway.hosts(), out);
        if (!gateway.create() && nameValid && find(plan, context.mesh()).isEmpty()) {
            out.add(Diagnostic.error(DiagnosticCode.GATEWAY_MISSING, "gateway.name", EffectiveHosts.gatewayKey(plan)));
        }
    }

    /**
     * Gateway server hosts as Istio accepts them: {@code host} or {@code namespace/host} (namespace
     * {@code *}, {@code .} or a DNS label); the host {@code *} or a full name with a dot
     * ({@code SHORT_HOST}: {@code localhost} is refused), no all-numeric top-level domain
     * ({@code NUMERIC_TLD}: {@code foo.123}), otherwise {@code INVALID_HOST}.
     */
    static void checkGatewayHosts(List<String> hosts, List<Diagnostic> out) {
        if (hosts.size() > Limits.MAX_HOSTS) {
            out.add(Diagnostic.error(DiagnosticCode.TOO_MANY, "gateway.hosts", Limits.MAX_HOSTS));
            return;
        }
        for (int k = 0; k < hosts.size(); k++) {
            String written = hosts.get(k);
            String at = "gateway.hosts[" + k + "]";
            int slash = written.indexOf('/');
            String ns = slash < 0 ? null : written.substring(0, slash);
            String host = Hosts.hostPart(written);
            if (ns != null && !"*".equals(ns) && !".".equals(ns) && !Names.isDnsLabel(ns)) {
                out.add(Diagnostic.error(DiagnosticCode.INVALID_HOST, at, written));
            } else if (!"*".equals(host) && Names.isHost(host + ".x") && !host.contains(".")) {
                out.add(Diagnostic.error(DiagnosticCode.SHORT_HOST, at, written));
            } else if (Names.numericTopLevelDomain(host) && !Names.isHost(host)) {
                out.add(Diagnostic.error(DiagnosticCode.NUMERIC_TLD, at, written));
            } else if (!Names.isHost(host)) {
                out.add(Diagnostic.error(DiagnosticCode.INVALID_HOST, at, written));
            }
        }
    }

    private static boolean checkName(GatewayPlan gateway, List<Diagnostic> out) {
        String name = gateway.name();
        if (name == null || name.isBlank()) {
            out.add(Diagnostic.error(DiagnosticCode.REQUIRED, "gateway.name"));
            return false;
        }
        boolean valid;
        int slash = name.indexOf('/');
        if (gateway.create() || slash < 0) {
            valid = Names.isDnsLabel(name);
        } else {
            valid = Names.isDnsLabel(name.substring(0, slash)) && Names.isDnsLabel(name.substring(slash + 1));
        }
        if (!valid) {
            out.add(Diagnostic.error(DiagnosticCode.INVALID_NAME, "gateway.name", name));
        }
        return valid;
    }

    /** The existing gateway the plan refers to, looked up in the mesh. */
    static Optional<MeshView.GatewayInfo> find(RoutingPlan plan, MeshView mesh) {
        String key = EffectiveHosts.gatewayKey(plan);
        if (key == null) {
            return Optional.empty();
        }
        int slash = key.indexOf('/');
        return mesh.gateway(key.substring(0, slash), key.substring(slash + 1));
    }
}
