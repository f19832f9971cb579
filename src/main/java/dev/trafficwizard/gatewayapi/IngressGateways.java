package dev.trafficwizard.gatewayapi;

import dev.trafficwizard.istio.Managed;
import dev.trafficwizard.routing.GatewayPlan;
import dev.trafficwizard.routing.Hosts;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.AllowedRoutes;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.Gateway;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.GatewayBuilder;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.Listener;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.ListenerTLSConfig;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.RouteNamespaces;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.SecretObjectReference;
import io.fabric8.kubernetes.api.model.gatewayapi.v1beta1.ReferenceGrant;
import io.fabric8.kubernetes.api.model.gatewayapi.v1beta1.ReferenceGrantBuilder;
import io.fabric8.kubernetes.api.model.gatewayapi.v1beta1.ReferenceGrantFrom;
import io.fabric8.kubernetes.api.model.gatewayapi.v1beta1.ReferenceGrantTo;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The Gateway API Gateway a plan creates, the mirror of the Istio one ({@code istio.Gateways}):
 * {@code gatewayClassName: istio} (istiod then deploys the gateway itself, in the service's
 * namespace, instead of selecting the shared ingress gateway), one listener per gateway host, HTTP on
 * the plan's port (80 by default), or HTTPS on 443 terminating TLS with the Secret
 * {@code credentialName} ({@code name} or {@code namespace/name}); a host {@code *} is a listener
 * without hostname; routes of the Gateway's own namespace only ({@code allowedRoutes} Same, where the
 * plan's route lives, so a {@code namespace/} part of a gateway host changes nothing for it, and reads
 * back without it). A Secret
 * of another namespace needs a ReferenceGrant there allowing Gateways of the service's namespace to
 * read it. And back: {@link #parse} reads only a Gateway this class would write.
 */
final class IngressGateways {

    static final String CLASS = "istio";

    record Ingress(Gateway gateway, ReferenceGrant referenceGrant) {
    }

    private IngressGateways() {
    }

    static Ingress build(GatewayPlan plan, String namespace, List<Untranslatable> untranslatable) {
        boolean https = plan.portOrDefault() == 443;
        SecretObjectReference certificate = null;
        ReferenceGrant grant = null;
        if (https && (plan.credentialName() == null || plan.credentialName().isBlank())) {
            untranslatable.add(new Untranslatable("gateway.credentialName", "an HTTPS listener needs a certificate:"
                    + " credentialName names its TLS Secret"));
        } else if (https) {
            String credential = plan.credentialName();
            int slash = credential.indexOf('/');
            String secretNamespace = slash < 0 ? null : credential.substring(0, slash);
            certificate = new SecretObjectReference("", "Secret", credential.substring(slash + 1), secretNamespace);
            if (secretNamespace != null && !secretNamespace.equals(namespace)) {
                grant = referenceGrant(plan.name(), namespace, secretNamespace, certificate.getName());
            }
        }
        Set<String> hosts = new LinkedHashSet<>();
        plan.hosts().forEach(h -> hosts.add(h == null ? null : Hosts.hostPart(h)));
        if (hosts.isEmpty()) {
            hosts.add("*");
        }
        List<Listener> listeners = new ArrayList<>();
        int n = 0;
        for (String host : hosts) {
            n++;
            if (host != null && !"*".equals(host) && !RouteParents.isHostname(host)) {
                untranslatable.add(new Untranslatable("gateway.hosts", "'" + host + "' is no Gateway API listener"
                        + " hostname: lower case DNS names only, optionally starting with '*.', no IP address"));
                continue;
            }
            Listener listener = new Listener();
            String protocol = https ? "HTTPS" : "HTTP";
            listener.setName(protocol.toLowerCase() + (hosts.size() == 1 ? "" : "-" + n));
            listener.setProtocol(protocol);
            listener.setPort(plan.portOrDefault());
            listener.setHostname("*".equals(host) ? null : host);
            listener.setAllowedRoutes(new AllowedRoutes(null, new RouteNamespaces("Same", null)));
            if (certificate != null) {
                listener.setTls(new ListenerTLSConfig(List.of(certificate), "Terminate", null));
            }
            listeners.add(listener);
        }
        if (listeners.size() > CrdLimits.LISTENERS) {
            untranslatable.add(new Untranslatable("gateway.hosts", "a Gateway holds at most " + CrdLimits.LISTENERS
                    + " listeners (one per host), the plan has " + listeners.size()));
        }
        Gateway gateway = new GatewayBuilder()
                .withMetadata(managed(plan.name(), namespace))
                .withNewSpec().withGatewayClassName(CLASS).withListeners(listeners).endSpec()
                .build();
        return new Ingress(gateway, grant);
    }

    /** Named {@code <gateway>-<gateway namespace>-tls}, in the Secret's namespace. */
    static ReferenceGrant referenceGrant(String gateway, String gatewayNamespace, String secretNamespace,
                                         String secret) {
        return new ReferenceGrantBuilder()
                .withMetadata(managed(gateway + "-" + gatewayNamespace + "-tls", secretNamespace))
                .withNewSpec()
                .withFrom(new ReferenceGrantFrom(RouteParents.GATEWAY_GROUP, "Gateway", gatewayNamespace))
                .withTo(new ReferenceGrantTo("", "Secret", secret))
                .endSpec()
                .build();
    }

    /**
     * The plan of a Gateway Traffic Wizard created (managed, in {@code namespace}), or empty when it
     * is not exactly what {@link #build} writes for that plan (changed by hand since).
     */
    static Optional<GatewayPlan> parse(Gateway gateway, String namespace, boolean includeMesh) {
        if (gateway == null || !Managed.isManaged(gateway) || gateway.getSpec() == null
                || !namespace.equals(gateway.getMetadata().getNamespace())
                || gateway.getSpec().getListeners() == null || gateway.getSpec().getListeners().isEmpty()) {
            return Optional.empty();
        }
        Listener first = gateway.getSpec().getListeners().get(0);
        List<String> hosts = GatewayHosts.of(gateway);
        String credential = null;
        if (first.getTls() != null && first.getTls().getCertificateRefs() != null
                && first.getTls().getCertificateRefs().size() == 1) {
            SecretObjectReference ref = first.getTls().getCertificateRefs().get(0);
            credential = ref.getNamespace() == null ? ref.getName() : ref.getNamespace() + "/" + ref.getName();
        }
        GatewayPlan plan = new GatewayPlan(gateway.getMetadata().getName(), true, hosts, first.getPort(), includeMesh,
                credential);
        List<Untranslatable> problems = new ArrayList<>();
        Gateway rebuilt = build(plan, namespace, problems).gateway();
        // compared as the API server holds them: an empty list read back is an absent field written
        return problems.isEmpty() && dev.trafficwizard.istio.ObjectComparison.sameContent(rebuilt, gateway)
                ? Optional.of(plan) : Optional.empty();
    }

    private static ObjectMeta managed(String name, String namespace) {
        return new ObjectMetaBuilder().withName(name).withNamespace(namespace)
                .withLabels(Map.of(Managed.LABEL, Managed.VALUE)).build();
    }
}
