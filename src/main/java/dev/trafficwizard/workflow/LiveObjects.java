package dev.trafficwizard.workflow;

import dev.trafficwizard.analysis.ObjectRef;
import dev.trafficwizard.cluster.ClusterCache;
import dev.trafficwizard.istio.YamlRenderer;
import org.springframework.stereotype.Component;

import java.util.Optional;

/**
 * One routing object of the live mesh as kubectl-style YAML, read from the informer caches: what the
 * Checks page shows for a finding about an object that no service page shows (a Gateway).
 */
@Component
public class LiveObjects {

    private final CacheSnapshot mesh;

    LiveObjects(ClusterCache cache) {
        this.mesh = new CacheSnapshot(cache);
    }

    /**
     * The YAML of a VirtualService, DestinationRule or Gateway, or of a Gateway API HTTPRoute, Gateway or
     * ReferenceGrant; empty when there is none (or another kind).
     */
    public Optional<String> yaml(ObjectRef ref) {
        String group = "." + ObjectRef.GATEWAY_API_GROUP;
        if (!java.util.Set.of("VirtualService", "DestinationRule", "Gateway", "HTTPRoute" + group, "Gateway" + group,
                "ReferenceGrant" + group).contains(ref.kind())) {
            return Optional.empty();
        }
        return mesh.get(ref).map(YamlRenderer::renderLive);
    }
}
