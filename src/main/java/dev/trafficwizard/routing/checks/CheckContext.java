package dev.trafficwizard.routing.checks;

import dev.trafficwizard.routing.MeshView;
import dev.trafficwizard.routing.TargetService;

/**
 * What the checks know besides the plan: the service it routes ({@code null} when it does not
 * exist) and the rest of the mesh (never {@code null}; {@link MeshView#EMPTY} when unknown).
 */
public record CheckContext(TargetService target, MeshView mesh) {

    public CheckContext {
        mesh = mesh == null ? MeshView.EMPTY : mesh;
    }
}
