package dev.trafficwizard.analysis;

import io.fabric8.istio.api.networking.v1.DestinationRule;
import io.fabric8.istio.api.networking.v1.Gateway;
import io.fabric8.istio.api.networking.v1.VirtualService;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.utils.Serialization;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.ResourceBundle;
import java.text.MessageFormat;

/** Test configurations written as YAML documents (a document without a namespace is in {@code default}), and message rendering. */
final class YamlObjects {

    private static final Map<String, Class<? extends HasMetadata>> KINDS = Map.of(
            "VirtualService", VirtualService.class, "DestinationRule", DestinationRule.class,
            "Gateway", Gateway.class, "Service", Service.class, "Deployment", Deployment.class);

    private YamlObjects() {
    }

    static List<HasMetadata> parse(String yaml) {
        List<HasMetadata> out = new ArrayList<>();
        for (String doc : yaml.split("(?m)^---\\s*$")) {
            if (doc.isBlank()) {
                continue;
            }
            String kind = doc.lines().filter(l -> l.startsWith("kind:")).findFirst().orElseThrow()
                    .substring(5).trim();
            HasMetadata object = Serialization.unmarshal(doc, KINDS.get(kind));
            if (object.getMetadata().getNamespace() == null) {
                object.getMetadata().setNamespace("default");
            }
            out.add(object);
        }
        return out;
    }

    static <T extends HasMetadata> T named(List<HasMetadata> objects, Class<T> kind, String name) {
        return objects.stream().filter(kind::isInstance).map(kind::cast)
                .filter(o -> o.getMetadata().getName().equals(name)).findFirst().orElseThrow();
    }

    /** The finding's text as the English bundle words it. */
    static String english(Finding f) {
        ResourceBundle bundle = ResourceBundle.getBundle("messages", Locale.ROOT);
        return new MessageFormat(bundle.getString(f.messageKey()), Locale.ENGLISH).format(f.args().toArray());
    }
}
