package dev.trafficwizard.web;

import dev.trafficwizard.catalog.RoutingState;
import dev.trafficwizard.catalog.ServiceDetail;
import dev.trafficwizard.catalog.ServiceSummary;
import dev.trafficwizard.catalog.VersionSummary;
import dev.trafficwizard.istio.RoutingObjectBuilder;
import dev.trafficwizard.istio.RoutingObjects;
import dev.trafficwizard.istio.YamlRenderer;
import dev.trafficwizard.routing.Diagnostic;
import dev.trafficwizard.routing.checks.PlanValidator;
import dev.trafficwizard.routing.RoutingPlan;
import dev.trafficwizard.routing.TargetService;
import dev.trafficwizard.routing.WeightedDestination;
import dev.trafficwizard.workflow.Preview;
import io.fabric8.istio.api.networking.v1.VirtualService;
import io.fabric8.istio.api.networking.v1.VirtualServiceBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;

import java.util.ArrayList;
import java.util.List;

/** Services as the catalog would describe them: default/reviews with versions v1 (2 pods) and v2 (1 pod). */
final class Fixtures {

    static final String NS = "default";
    static final String NAME = "reviews";
    static final TargetService TARGET = new TargetService(NS, NAME, "version", List.of(
            new TargetService.ServiceVersion("v1", 2, 2), new TargetService.ServiceVersion("v2", 1, 1)));

    private Fixtures() {
    }

    /** No Istio routing: round robin gives v1 67 % and v2 33 %. */
    static ServiceDetail withoutRouting() {
        return new ServiceDetail(summary(RoutingState.NONE, 67, 33), TARGET, List.of(), null, null);
    }

    /** Routing Traffic Wizard wrote: DestinationRule at resourceVersion 5, VirtualService at 6. */
    static ServiceDetail managed(int v1, int v2) {
        RoutingObjects objects = RoutingObjectBuilder.build(plan(v1, v2), TARGET);
        objects.destinationRule().getMetadata().setResourceVersion("5");
        objects.virtualService().getMetadata().setResourceVersion("6");
        return new ServiceDetail(summary(RoutingState.MANAGED, null, null), TARGET, objects.all(),
                objects.virtualService(), objects.destinationRule());
    }

    /**
     * Managed routing edited by hand with a URI rewrite, which the weighted form cannot express (a
     * timeout or retries it can: an apply keeps them).
     */
    static ServiceDetail managedButHandEdited() {
        ServiceDetail managed = managed(90, 10);
        var rewrite = new io.fabric8.istio.api.api.networking.v1alpha3.HTTPRewrite();
        rewrite.setUri("/v2");
        managed.virtualService().getSpec().getHttp().get(0).setRewrite(rewrite);
        return managed;
    }

    /** A VirtualService someone else wrote (no managed-by label), named differently from the service. */
    static ServiceDetail unmanaged() {
        VirtualService vs = new VirtualServiceBuilder()
                .withNewMetadata().withName("reviews-legacy").withNamespace(NS).withResourceVersion("9").endMetadata()
                .withNewSpec().withHosts("reviews").addNewHttp().addNewRoute().withNewDestination()
                .withHost("reviews").withSubset("v1").endDestination().endRoute().endHttp().endSpec()
                .build();
        return new ServiceDetail(summary(RoutingState.UNMANAGED, null, null), TARGET, List.<HasMetadata>of(vs),
                null, null);
    }

    static ServiceSummary summary(RoutingState routing, Integer v1Share, Integer v2Share) {
        return new ServiceSummary(NS, NAME, "version", List.of(
                new VersionSummary("v1", List.of("reviews-v1"), 2, 2, v1Share, null),
                new VersionSummary("v2", List.of("reviews-v2"), 1, 1, v2Share, null)), routing);
    }

    static RoutingPlan plan(int v1, int v2) {
        return RoutingPlan.weighted(NS, NAME, List.of(new WeightedDestination("v1", v1), new WeightedDestination("v2", v2)));
    }

    /** What the real workflow previews for a plan against {@link #TARGET}: real diagnostics and YAML. */
    static Preview preview(RoutingPlan plan, ServiceDetail live) {
        List<Diagnostic> diagnostics = PlanValidator.validate(plan, TARGET);
        String base = live.destinationRule() == null ? "0.0" : "5.6";
        if (PlanValidator.hasErrors(diagnostics)) {
            return new Preview(diagnostics, List.of(), "", base);
        }
        RoutingObjects objects = RoutingObjectBuilder.build(plan, TARGET);
        List<Preview.Resource> resources = new ArrayList<>();
        for (HasMetadata o : objects.all()) {
            resources.add(new Preview.Resource(o.getKind(), NS, NAME, live.destinationRule() == null ? "create" : "update"));
        }
        return new Preview(diagnostics, resources, YamlRenderer.render(objects.all()), base);
    }
}
