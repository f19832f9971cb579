package dev.trafficwizard.workflow;

import io.fabric8.kubernetes.api.model.HasMetadata;

/**
 * A token for the live routing objects a form or preview was computed from: the resourceVersions
 * of the service's DestinationRule and VirtualService ({@code 0} for absent). If it differs at
 * apply time, someone changed the routing in between.
 */
final class BaseVersion {

    private BaseVersion() {
    }

    static String of(HasMetadata destinationRule, HasMetadata virtualService) {
        return rv(destinationRule) + "." + rv(virtualService);
    }

    private static String rv(HasMetadata object) {
        return object == null ? "0" : object.getMetadata().getResourceVersion();
    }
}
