package dev.trafficwizard.analysis;

import io.fabric8.kubernetes.api.model.HasMetadata;

import java.util.List;

/**
 * One rule over live routing objects, in the spirit of istioctl's analyzers: it looks at one
 * object (a VirtualService, DestinationRule or Gateway; an HTTPRoute or Gateway API Gateway) against the rest of the mesh and reports
 * findings about that object only, so results can be held per object and rechecked when the
 * object, or something it reads (see {@link Dependencies}), changes. Never throws on odd input:
 * anything the API server accepted may arrive here.
 */
public interface Analyzer {

    /** Whether it looks at this kind of object at all. */
    boolean appliesTo(HasMetadata object);

    /** Appends what it finds about {@code object} to {@code out}. */
    void analyze(HasMetadata object, MeshSnapshot mesh, List<Finding> out);
}
