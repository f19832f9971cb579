package dev.trafficwizard.hostile;

import io.fabric8.istio.client.IstioClient;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;

import java.util.List;
import java.util.TreeMap;
import java.util.stream.Stream;

/** Every object a write could touch (routing objects, history and review ConfigMaps), by resourceVersion. */
public final class ClusterSnapshot {

    private ClusterSnapshot() {
    }

    public static TreeMap<String, String> of(KubernetesClient client) {
        var istio = client.adapt(IstioClient.class).v1();
        TreeMap<String, String> out = new TreeMap<>();
        Stream.of(istio.virtualServices().inAnyNamespace().list().getItems(),
                        istio.destinationRules().inAnyNamespace().list().getItems(),
                        istio.gateways().inAnyNamespace().list().getItems(),
                        client.configMaps().inAnyNamespace().list().getItems())
                .flatMap(List::stream)
                .forEach(o -> out.put(key(o), o.getMetadata().getResourceVersion()));
        return out;
    }

    private static String key(HasMetadata o) {
        return o.getKind() + " " + o.getMetadata().getNamespace() + "/" + o.getMetadata().getName();
    }
}
