package dev.trafficwizard.cluster;

import dev.trafficwizard.istio.Managed;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;

import java.util.List;
import java.util.Map;

/**
 * What the history and the review stores share: their ConfigMaps carry the managed-by label, a
 * label saying what they are and one naming the service (cut to a label's 63 characters), and a
 * write the API server refused becomes the same {@link ClusterWriteException}.
 */
final class ConfigMaps {

    static final String SERVICE_LABEL = "traffic-wizard.io/service";

    private ConfigMaps() {
    }

    /** A new ConfigMap for {@code service}, labelled {@code kindLabel=true}. */
    static ConfigMap labelled(String namespace, String name, String kindLabel, String service,
                              Map<String, String> data) {
        return new ConfigMapBuilder()
                .withNewMetadata().withName(name).withNamespace(namespace)
                .addToLabels(Managed.LABEL, Managed.VALUE)
                .addToLabels(kindLabel, "true")
                .addToLabels(SERVICE_LABEL, service.length() > 63 ? service.substring(0, 63) : service)
                .endMetadata()
                .withData(data)
                .build();
    }

    /** The data of a ConfigMap read from the cache, never null. */
    static Map<String, String> data(ConfigMap map) {
        return map.getData() == null ? Map.of() : Map.copyOf(map.getData());
    }

    static ClusterWriteException writeFailed(String namespace, String name, Impersonator.Writer writer,
                                             KubernetesClientException e) {
        return new ClusterWriteException("ConfigMap " + namespace + "/" + name,
                writer.explain(e.getCode(), RoutingApplier.reason(e)), false, Math.max(e.getCode(), 0),
                List.of(), List.of(), e);
    }
}
