package dev.trafficwizard.workflow;

import dev.trafficwizard.catalog.Catalog;
import dev.trafficwizard.catalog.ServiceDetail;
import dev.trafficwizard.cluster.RoutingApplier;
import dev.trafficwizard.istio.ObjectChange;
import dev.trafficwizard.istio.ObjectComparison;
import dev.trafficwizard.istio.ServiceRoutes;
import dev.trafficwizard.istio.YamlDiff;
import dev.trafficwizard.istio.YamlRenderer;
import dev.trafficwizard.routing.Diagnostic;
import dev.trafficwizard.routing.DiagnosticCode;
import dev.trafficwizard.routing.checks.PlanLimits;
import dev.trafficwizard.routing.checks.PlanValidator;
import dev.trafficwizard.routing.FormKind;
import dev.trafficwizard.routing.RoutingPlan;
import io.fabric8.kubernetes.api.model.HasMetadata;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What a plan would do, without writing: its diagnostics and, when it has none that are errors,
 * the objects in write order with their diffs, the YAML, and what changes for each entry point.
 */
@Component
class PlanPreview {

    private final PlanObjects plans;
    private final Catalog catalog;
    private final Ownership ownership;

    PlanPreview(PlanObjects plans, Catalog catalog, Ownership ownership) {
        this.plans = plans;
        this.catalog = catalog;
        this.ownership = ownership;
    }

    Preview preview(RoutingPlan plan, FormKind form) {
        List<Diagnostic> oversized = PlanLimits.exceeded(plan);
        if (!oversized.isEmpty()) {
            // nothing is looked up, built or rendered for a plan over a size limit
            return new Preview(oversized, List.of(), "", "");
        }
        PlanObjects.Checked checked = plans.check(plan);
        List<Diagnostic> diagnostics = new ArrayList<>(checked.diagnostics());
        if (checked.service().isEmpty()) {
            return new Preview(diagnostics, List.of(), "", "");
        }
        ServiceDetail service = checked.service().get();
        String base = RoutingWorkflow.baseVersion(service);
        if (!checked.buildable()) {
            // the diagnostics say what is missing; nothing is built from an incomplete plan
            return new Preview(diagnostics, List.of(), "", base, null, null, List.of(), List.of(), checked.api());
        }
        PlanObjects.Built built = plans.build(plan, service, form, checked.api());
        diagnostics.addAll(built.merged());
        List<RoutingApplier.Write> writes = plans.writes(built, service);
        diagnostics.addAll(built.gateway());
        // #18 own: the owner of the routing is told before applying (the apply refuses it: OWNED_BY_OTHER_TOOL)
        diagnostics.addAll(ownership.warnings(service, writes));
        if (!PlanValidator.hasErrors(diagnostics) && built.objects() != null) {
            diagnostics.addAll(IstioRejections.of(plan, built.objects()));
        }
        ServiceRoutes proposed = catalog.routesWith(service,
                writes.stream().map(RoutingApplier.Write::desired).filter(Objects::nonNull).toList(),
                writes.stream().filter(w -> w.desired() == null).map(RoutingApplier.Write::live).toList());
        WhatChanges.Result changes = WhatChanges.of(service.routes(), proposed, writes);
        List<Diagnostic> flags = new ArrayList<>(changes.flags());
        built.merged().stream().filter(d -> d.is(DiagnosticCode.FIELDS_DROPPED)).forEach(flags::add);
        // a move to the Gateway API names the traffic policy it leaves behind among the Gateway API's diagnostics
        built.gateway().stream().filter(d -> d.is(DiagnosticCode.FIELDS_DROPPED)).forEach(flags::add);
        return new Preview(diagnostics, writes.stream().map(PlanPreview::resource).toList(),
                YamlRenderer.render(built.all()), base, service.routes(), proposed, changes.changes(), flags,
                checked.api());
    }

    /** What one write would do, with the diff of the live YAML against what would be written. */
    static Preview.Resource resource(RoutingApplier.Write write) {
        HasMetadata desired = write.desired();
        HasMetadata live = write.live();
        HasMetadata subject = desired != null ? desired : live;
        ObjectChange change = desired == null ? ObjectChange.DELETE : live == null ? ObjectChange.CREATE
                : ObjectComparison.sameContent(desired, live) ? ObjectChange.UNCHANGED : ObjectChange.UPDATE;
        String before = live == null ? "" : YamlRenderer.renderLive(live);
        String after = desired == null ? ""
                : YamlRenderer.renderOne(YamlRenderer.withoutServerFields(live == null ? desired
                : ObjectComparison.merged(desired, live)));
        String name = subject.getKind().toLowerCase() + "/" + subject.getMetadata().getName() + ".yaml";
        return new Preview.Resource(subject.getKind(), subject.getMetadata().getNamespace(),
                subject.getMetadata().getName(), change.planned(), YamlDiff.unified(name, before, after));
    }
}
