package dev.trafficwizard.gatewayapi;

import dev.trafficwizard.istio.Managed;
import dev.trafficwizard.routing.Names;
import dev.trafficwizard.routing.TargetService;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.ServicePort;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * HTTPRoute has no subsets: each version gets a Service of its own, {@code <service>-<version>},
 * with the service's ports and its selector plus the version label, labelled as managed and with
 * {@value #VERSION_OF} naming the service, so the catalog can find them and hide them from the
 * service list. {@link TargetService} carries neither ports nor selector, so the caller passes the
 * service's.
 */
public final class VersionServices {

    /** The label that names the service a version Service belongs to. */
    public static final String VERSION_OF = "traffic-wizard.io/version-of";

    private VersionServices() {
    }

    /**
     * The version Service's name. A Service name must be a DNS-1035 label (lowercase, at most 63
     * characters, starting with a letter).
     *
     * @throws IllegalArgumentException when {@code <service>-<version>} is not one (too long, or a
     *         version with upper case or other characters): there is no shortening scheme yet, a
     *         diagnostic code for it is for later
     */
    public static String name(String service, String version) {
        String name = service + "-" + version;
        if (!Names.isDnsLabel(name) || !Character.isLetter(name.charAt(0))) {
            throw new IllegalArgumentException("version Service name '" + name + "' (service '" + service
                    + "', version '" + version + "') is not a valid DNS-1035 label: lowercase letters, digits"
                    + " and '-', starting with a letter, at most 63 characters (it has " + name.length() + ")");
        }
        return name;
    }

    /** One Service per version, in the order given. */
    public static List<Service> build(TargetService target, Collection<String> versions,
                                      Map<String, String> selector, List<ServicePort> ports) {
        return versions.stream().map(v -> build(target, v, selector, ports)).toList();
    }

    public static Service build(TargetService target, String version, Map<String, String> selector,
                                List<ServicePort> ports) {
        Map<String, String> versionSelector = new LinkedHashMap<>(selector == null ? Map.of() : selector);
        versionSelector.put(target.versionLabel(), version);
        return new ServiceBuilder()
                .withNewMetadata()
                .withName(name(target.name(), version))
                .withNamespace(target.namespace())
                .withLabels(labels(target.name()))
                .endMetadata()
                .withNewSpec()
                .withSelector(versionSelector)
                .withPorts(ports)
                .endSpec()
                .build();
    }

    private static Map<String, String> labels(String service) {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put(Managed.LABEL, Managed.VALUE);
        labels.put(VERSION_OF, service);
        return labels;
    }
}
