package dev.trafficwizard.analysis;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRoute;

import java.util.List;

/** An analyzer of HTTPRoutes ({@code gateway.networking.k8s.io/v1}): it sees only those with a spec. */
abstract class HttpRouteAnalyzer implements Analyzer {

    @Override
    public final boolean appliesTo(HasMetadata object) {
        return object instanceof HTTPRoute;
    }

    @Override
    public final void analyze(HasMetadata object, MeshSnapshot mesh, List<Finding> out) {
        HTTPRoute route = (HTTPRoute) object;
        if (route.getSpec() != null) {
            check(route, mesh, out);
        }
    }

    /** Appends what it finds about {@code route}, whose spec is not null. */
    abstract void check(HTTPRoute route, MeshSnapshot mesh, List<Finding> out);
}
