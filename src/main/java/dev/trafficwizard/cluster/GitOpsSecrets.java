package dev.trafficwizard.cluster;

import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import org.springframework.stereotype.Component;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * #18: reads the Secret holding the GitOps repository's credentials (or the provider's API token)
 * from the dashboard's own namespace, straight from the API server (the chart grants {@code get} on
 * that Secret only). The values are never logged.
 */
@Component
public class GitOpsSecrets {

    private static final String DEFAULT_NAMESPACE = "default";

    private final KubernetesClient client;

    public GitOpsSecrets(KubernetesClient client) {
        this.client = client;
    }

    /** The Secret's entries, decoded (empty when it does not exist); throws IllegalStateException when it cannot be read. */
    public Optional<Map<String, String>> read(String name) {
        String namespace = client.getNamespace() != null ? client.getNamespace() : DEFAULT_NAMESPACE;
        try {
            Secret secret = client.secrets().inNamespace(namespace).withName(name).get();
            if (secret == null) {
                return Optional.empty();
            }
            Map<String, String> out = new LinkedHashMap<>();
            if (secret.getData() != null) {
                secret.getData().forEach((k, v) -> out.put(k,
                        new String(Base64.getDecoder().decode(v), StandardCharsets.UTF_8).trim()));
            }
            if (secret.getStringData() != null) {
                secret.getStringData().forEach((k, v) -> out.put(k, v.trim()));
            }
            return Optional.of(out);
        } catch (KubernetesClientException e) {
            throw new IllegalStateException("the Secret " + namespace + "/" + name + " could not be read (HTTP "
                    + e.getCode() + ")");
        }
    }
}
