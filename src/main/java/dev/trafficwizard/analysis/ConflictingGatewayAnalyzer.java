package dev.trafficwizard.analysis;

import dev.trafficwizard.istio.GatewayConflicts;
import dev.trafficwizard.routing.DiagnosticCode;
import io.fabric8.istio.api.networking.v1.Gateway;
import io.fabric8.kubernetes.api.model.HasMetadata;

import java.util.List;

/**
 * IST0145: a server of a Gateway gives the same gateway workload a host on a port that another
 * Gateway already gives it ({@link GatewayConflicts}); {@code CONFLICTING_GATEWAYS}, error as in
 * Istio, at {@code spec.servers[i]}; arguments: the other Gateways, the hosts, the port, the selector.
 */
public final class ConflictingGatewayAnalyzer implements Analyzer {

    @Override
    public boolean appliesTo(HasMetadata object) {
        return object instanceof Gateway;
    }

    @Override
    public void analyze(HasMetadata object, MeshSnapshot mesh, List<Finding> out) {
        for (GatewayConflicts.Conflict c : GatewayConflicts.of((Gateway) object, mesh.gateways(),
                labels -> !mesh.workloads(labels).isEmpty())) {
            out.add(Finding.error(DiagnosticCode.CONFLICTING_GATEWAYS, object, "spec.servers[" + c.server() + "]",
                    String.join(", ", c.gateways()), String.join(", ", c.hosts()), c.port(), c.selector()));
        }
    }
}
