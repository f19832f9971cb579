package dev.trafficwizard.analysis;

import io.fabric8.istio.api.networking.v1.VirtualService;
import io.fabric8.kubernetes.api.model.HasMetadata;

import java.util.List;

/** An analyzer of VirtualServices: it sees only those with a spec. */
abstract class VirtualServiceAnalyzer implements Analyzer {

    @Override
    public final boolean appliesTo(HasMetadata object) {
        return object instanceof VirtualService;
    }

    @Override
    public final void analyze(HasMetadata object, MeshSnapshot mesh, List<Finding> out) {
        VirtualService vs = (VirtualService) object;
        if (vs.getSpec() != null) {
            check(vs, mesh, out);
        }
    }

    /** Appends what it finds about {@code vs}, whose spec is not null. */
    abstract void check(VirtualService vs, MeshSnapshot mesh, List<Finding> out);
}
