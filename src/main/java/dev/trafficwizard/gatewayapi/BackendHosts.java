package dev.trafficwizard.gatewayapi;

import dev.trafficwizard.routing.Hosts;
import dev.trafficwizard.routing.TargetService;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPBackendRef;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Where a backendRef sends requests, in the Istio model's terms. HTTPRoute has no subsets, so a version
 * of the target service is a Service of its own ({@link VersionServices}); in the model it becomes the
 * target's host with a subset named after the version, so shares read as versions exactly as they do for
 * a VirtualService. A version Service is one labelled {@value #VERSION_OF}{@code : <service>} whose
 * selector holds the version label, or one named {@code <service>-<version>}. The target itself is its
 * host without subset; any other Service its own host.
 */
final class BackendHosts {

    /** Marks a Service as one version of another: the value is the service's name. */
    static final String VERSION_OF = "traffic-wizard.io/version-of";

    /** A destination host (FQDN) and subset (null for all pods). */
    record Host(String fqdn, String subset) {
    }

    private final TargetService target;
    /** Version Service name → version, in the target's namespace. */
    private final Map<String, String> versions = new LinkedHashMap<>();

    BackendHosts(TargetService target, List<Service> services) {
        this.target = target;
        for (Service s : services == null ? List.<Service>of() : services) {
            if (target == null || s == null || s.getMetadata() == null || s.getMetadata().getName() == null
                    || !Objects.equals(namespaceOf(s, target.namespace()), target.namespace())) {
                continue;
            }
            String version = versionOf(s);
            if (version != null) {
                versions.put(s.getMetadata().getName(), version);
            }
        }
    }

    private String versionOf(Service s) {
        Map<String, String> selector = s.getSpec() == null || s.getSpec().getSelector() == null ? Map.of()
                : s.getSpec().getSelector();
        String labelled = s.getMetadata().getLabels() == null ? null : s.getMetadata().getLabels().get(VERSION_OF);
        String name = s.getMetadata().getName();
        String prefix = target.name() + "-";
        if (target.name().equals(labelled)) {
            return selector.get(target.versionLabel());
        }
        if (labelled == null && name.startsWith(prefix) && name.length() > prefix.length()) {
            String suffix = name.substring(prefix.length());
            String selected = selector.get(target.versionLabel());
            return selected != null ? selected : suffix;
        }
        return null;
    }

    /** The versions that have a Service, in the order the Services were given. */
    List<String> versions() {
        return versions.values().stream().distinct().toList();
    }

    Host of(HTTPBackendRef ref, String routeNamespace) {
        String namespace = ref.getNamespace() != null ? ref.getNamespace()
                : routeNamespace != null ? routeNamespace : target == null ? "default" : target.namespace();
        String name = ref.getName() == null ? "" : ref.getName();
        if (target != null && namespace.equals(target.namespace())) {
            if (name.equals(target.name())) {
                return new Host(target.fqdn(), null);
            }
            String version = versions.get(name);
            if (version != null) {
                return new Host(target.fqdn(), version);
            }
        }
        return new Host(Hosts.serviceFqdn(name, namespace), null);
    }

    private static String namespaceOf(Service s, String fallback) {
        String ns = s.getMetadata().getNamespace();
        return ns == null || ns.isBlank() ? fallback : ns;
    }
}
