package dev.trafficwizard.routing.checks;

import dev.trafficwizard.routing.Diagnostic;
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
 *   <li>{@code gateway.port} 80 or 443 ({@code INVALID_PORT});</li>
 *   <li>a gateway Traffic Wizard creates on 443 needs a TLS secret name, a DNS subdomain
 *       ({@code CREDENTIAL_REQUIRED} at {@code gateway.credentialName});</li>
 *   <li>a gateway Traffic Wizard creates needs hosts ({@code REQUIRED} at {@code gateway.hosts}),
 *       each valid ({@code INVALID_HOST} at {@code gateway.hosts[k]});</li>
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
        if (port != 80 && port != 443) {
            out.add(Diagnostic.error("INVALID_PORT", "gateway.port", port));
        }
        if (gateway.create()) {
            if (port == 443 && !Names.isDnsSubdomain(gateway.credentialName())) {
                out.add(Diagnostic.error("CREDENTIAL_REQUIRED", "gateway.credentialName"));
            }
            if (gateway.hosts().isEmpty()) {
                out.add(Diagnostic.error("REQUIRED", "gateway.hosts"));
            }
        }
        HostsCheck.checkHosts(gateway.hosts(), "gateway.hosts", out);
        if (!gateway.create() && nameValid && find(plan, context.mesh()).isEmpty()) {
            out.add(Diagnostic.error("GATEWAY_MISSING", "gateway.name", EffectiveHosts.gatewayKey(plan)));
        }
    }

    private static boolean checkName(GatewayPlan gateway, List<Diagnostic> out) {
        String name = gateway.name();
        if (name == null || name.isBlank()) {
            out.add(Diagnostic.error("REQUIRED", "gateway.name"));
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
            out.add(Diagnostic.error("INVALID_NAME", "gateway.name", name));
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
