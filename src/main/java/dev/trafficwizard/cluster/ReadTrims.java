package dev.trafficwizard.cluster;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;

/**
 * What the dashboard's client skips while it parses, before {@link Trim} would drop it anyway: every
 * object's {@code managedFields}, a Deployment's annotations (kubectl's last-applied is often
 * several KiB) and every pod template's spec and annotations (containers, env, probes, volumes).
 * In a large cluster's list answers these are most of the bytes; not building them saves the
 * parsing's garbage and CPU while the caches sync. Only reading skips them ({@code allowGetters}):
 * an object written through the client is sent with every field it has. Nothing reads them back:
 * the catalog and the checks use a Deployment's labels, selector, template labels, replicas and
 * status; the kinds Traffic Wizard edits (VirtualServices, DestinationRules, Gateways, ConfigMaps)
 * keep their annotations.
 */
final class ReadTrims {

    private ReadTrims() {
    }

    /** The client the dashboard reads and writes with. */
    static KubernetesClient client(Config config) {
        return new KubernetesClientBuilder().withConfig(config).withKubernetesSerialization(serialization()).build();
    }

    /** fabric8's serialization (its modules and settings, applied to this mapper) with the mix-ins. */
    static KubernetesSerialization serialization() {
        ObjectMapper mapper = new ObjectMapper()
                .addMixIn(ObjectMeta.class, SkipManagedFields.class)
                .addMixIn(PodTemplateSpec.class, SkipTemplateSpec.class)
                .addMixIn(Deployment.class, SkipDeploymentAnnotations.class);
        return new KubernetesSerialization(mapper, true);
    }

    @JsonIgnoreProperties(value = "managedFields", allowGetters = true)
    private abstract static class SkipManagedFields {
    }

    @JsonIgnoreProperties(value = "spec", allowGetters = true)
    private abstract static class SkipTemplateSpec {
        @JsonIgnoreProperties(value = "annotations", allowGetters = true)
        ObjectMeta metadata;
    }

    private abstract static class SkipDeploymentAnnotations {
        @JsonIgnoreProperties(value = "annotations", allowGetters = true)
        ObjectMeta metadata;
    }
}
