package dev.trafficwizard.cluster;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;

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
        service.setStatus(null);
        return service;
    }

    static Deployment deployment(Deployment deployment) {
        managedFields(deployment);
        deployment.getMetadata().setAnnotations(null);
        if (deployment.getSpec() != null && deployment.getSpec().getTemplate() != null) {
            PodTemplateSpec template = deployment.getSpec().getTemplate();
            template.setSpec(null);
            if (template.getMetadata() != null) {
                template.getMetadata().setAnnotations(null);
            }
        }
        if (deployment.getStatus() != null) {
            deployment.getStatus().setConditions(null);
        }
        return deployment;
    }
}
