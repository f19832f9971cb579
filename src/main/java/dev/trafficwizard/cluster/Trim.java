package dev.trafficwizard.cluster;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What each cached kind keeps. Objects Traffic Wizard writes (VirtualServices, DestinationRules,
 * Gateways, ConfigMaps) only lose their managed fields: their annotations (kubectl's
 * last-applied included) survive every update and undo. Services and Deployments, only read, keep
 * just what the catalog shows: names, labels, selectors, replicas and readiness.
 */
final class Trim {

    static final String LAST_APPLIED = "kubectl.kubernetes.io/last-applied-configuration";

    private Trim() {
    }

    static <T extends HasMetadata> T managedFields(T object) {
        if (object.getMetadata() != null) {
            object.getMetadata().setManagedFields(null);
        }
        return object;
    }

    static Service service(Service service) {
        managedFields(service);
        if (service.getMetadata().getAnnotations() != null) {
            service.getMetadata().getAnnotations().remove(LAST_APPLIED);
        }
        service.getMetadata().setLabels(interned(service.getMetadata().getLabels()));
        service.getMetadata().setAnnotations(interned(service.getMetadata().getAnnotations()));
        service.setStatus(null);
        return service;
    }

    static Deployment deployment(Deployment deployment) {
        managedFields(deployment);
        deployment.getMetadata().setAnnotations(null);
        deployment.getMetadata().setLabels(interned(deployment.getMetadata().getLabels()));
        if (deployment.getSpec() != null && deployment.getSpec().getTemplate() != null) {
            PodTemplateSpec template = deployment.getSpec().getTemplate();
            template.setSpec(null);
            if (template.getMetadata() != null) {
                template.getMetadata().setAnnotations(null);
                Map<String, String> labels = template.getMetadata().getLabels();
                // most templates repeat the Deployment's labels: one map for both
                template.getMetadata().setLabels(labels != null && labels.equals(deployment.getMetadata().getLabels())
                        ? deployment.getMetadata().getLabels() : interned(labels));
            }
        }
        if (deployment.getStatus() != null) {
            deployment.getStatus().setConditions(null);
        }
        return deployment;
    }

    /**
     * The same labels with shared strings: a large cluster repeats a few label keys and values
     * (team, tier, chart, environment…) on every object, each a string of its own when parsed.
     */
    static Map<String, String> interned(Map<String, String> labels) {
        if (labels == null || labels.isEmpty()) {
            return labels;
        }
        Map<String, String> out = new LinkedHashMap<>(labels.size() * 4 / 3 + 1);
        labels.forEach((k, v) -> out.put(k.intern(), v == null ? null : v.intern()));
        return out;
    }
}
