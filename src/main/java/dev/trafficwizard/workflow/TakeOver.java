package dev.trafficwizard.workflow;

import dev.trafficwizard.catalog.RoutingState;
import dev.trafficwizard.catalog.ServiceDetail;
import dev.trafficwizard.cluster.RoutingApplier;
import dev.trafficwizard.istio.Managed;
import dev.trafficwizard.istio.ObjectComparison;
import dev.trafficwizard.istio.YamlRenderer;
import dev.trafficwizard.routing.Diagnostic;
import dev.trafficwizard.routing.DiagnosticCode;
import dev.trafficwizard.security.Actor;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.utils.Serialization;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Takes over routing Traffic Wizard did not create: adds the managed-by label to each object that
 * routes the service, at the resourceVersion read, nothing else changed. From then on the forms may
 * replace it. Recorded as "take over".
 */
@Component
class TakeOver {

    private final PlanObjects plans;
    private final RecordedWrites writes;

    TakeOver(PlanObjects plans, RecordedWrites writes) {
        this.plans = plans;
        this.writes = writes;
    }

    /** What taking over writes: each object, with the managed-by label added. */
    List<Preview.Resource> preview(ServiceDetail service) {
        return labelled(service).stream().map(PlanPreview::resource).toList();
    }

    WriteResult takeOver(String namespace, String name, String baseVersion) {
        return takeOver(namespace, name, baseVersion, false);
    }

    /** The same; {@code acknowledgeOwner}: an admin takes over routing another tool owns (#18 own). */
    WriteResult takeOver(String namespace, String name, String baseVersion, boolean acknowledgeOwner) {
        if (!PlanWrites.wellFormed(baseVersion)) {
            return PlanWrites.invalidBaseVersion();
        }
        var found = plans.service(namespace, name);
        if (found.isEmpty()) {
            return WriteResult.Rejected.of(Diagnostic.error(DiagnosticCode.UNKNOWN_SERVICE, "service", namespace, name));
        }
        ServiceDetail service = found.get();
        if (service.routing() != RoutingState.UNMANAGED) {
            return WriteResult.Rejected.of(Diagnostic.error(DiagnosticCode.NOTHING_TO_TAKE_OVER, "service", name));
        }
        if (PlanWrites.stale(baseVersion, version(service))) {
            // not recorded: nothing was drafted yet, as before
            return new WriteResult.Conflict("VirtualService", namespace, name);
        }
        List<RoutingApplier.Write> labelled = labelled(service);
        Revision draft = Revision.draft(Actor.current(), RevisionAction.TAKE_OVER, null, null, YamlRenderer.render(
                labelled.stream().map(w -> ObjectComparison.merged(w.desired(), w.live())).toList()));
        return writes.write(service, draft, labelled, acknowledgeOwner);
    }

    /** A token of every routing object's resourceVersion, for taking over exactly what was shown. */
    static String version(ServiceDetail service) {
        return String.join(".", service.routingObjects().stream()
                .map(o -> o.getMetadata().getResourceVersion()).toList());
    }

    private static List<RoutingApplier.Write> labelled(ServiceDetail service) {
        List<RoutingApplier.Write> out = new ArrayList<>();
        for (HasMetadata live : service.routingObjects()) {
            if (!Managed.isManaged(live)) {
                HasMetadata labelled = Serialization.clone(live);
                Map<String, String> labels = new LinkedHashMap<>();
                if (labelled.getMetadata().getLabels() != null) {
                    labels.putAll(labelled.getMetadata().getLabels());
                }
                labels.put(Managed.LABEL, Managed.VALUE);
                labelled.getMetadata().setLabels(labels);
                out.add(new RoutingApplier.Write(labelled, live));
            }
        }
        return out;
    }
}
