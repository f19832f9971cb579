package dev.trafficwizard.workflow;

import dev.trafficwizard.catalog.Catalog;
import dev.trafficwizard.catalog.RoutingState;
import dev.trafficwizard.catalog.ServiceDetail;
import dev.trafficwizard.cluster.ClusterCache;
import dev.trafficwizard.cluster.ClusterConflictException;
import dev.trafficwizard.cluster.ClusterInfo;
import dev.trafficwizard.cluster.ClusterWriteException;
import dev.trafficwizard.cluster.RoutingApplier;
import dev.trafficwizard.istio.Managed;
import dev.trafficwizard.istio.ObjectComparison;
import dev.trafficwizard.istio.RoutingObjectBuilder;
import dev.trafficwizard.istio.RoutingObjects;
import dev.trafficwizard.istio.ServiceRoutes;
import dev.trafficwizard.istio.YamlDiff;
import dev.trafficwizard.istio.YamlRenderer;
import dev.trafficwizard.routing.Diagnostic;
import dev.trafficwizard.routing.MeshView;
import dev.trafficwizard.routing.PlanLimits;
import dev.trafficwizard.routing.PlanValidator;
import dev.trafficwizard.routing.RoutingPlan;
import dev.trafficwizard.security.Actor;
import io.fabric8.istio.api.api.networking.v1alpha3.Subset;
import io.fabric8.istio.api.networking.v1.Gateway;
import io.fabric8.kubernetes.api.model.HasMetadata;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The use cases behind every form and API call: preview a plan, apply it, delete a service's
 * routing. Validates against the catalog and the mesh, builds the objects, and hands writes to the
 * cluster adapter in the safe order (Gateway first; DestinationRule before VirtualService when
 * subsets are added, after it when they are removed; VirtualService first when deleting).
 */
@Service
public class RoutingWorkflow {

    private final Catalog catalog;
    private final ClusterCache cache;
    private final RoutingApplier applier;
    private final History history;
    private final ClusterInfo cluster;
    private final RoutingMetrics metrics;
    private final MeshView mesh;

    RoutingWorkflow(Catalog catalog, ClusterCache cache, RoutingApplier applier, History history,
                    ClusterInfo cluster, RoutingMetrics metrics) {
        this.catalog = catalog;
        this.cache = cache;
        this.applier = applier;
        this.history = history;
        this.cluster = cluster;
        this.metrics = metrics;
        this.mesh = new LiveMesh(cache);
    }

    public Preview preview(RoutingPlan plan) {
        return preview(plan, null);
    }

    /** @param form the form the plan comes from, recorded on the VirtualService (null from the API) */
    public Preview preview(RoutingPlan plan, String form) {
        List<Diagnostic> oversized = PlanLimits.exceeded(plan);
        if (!oversized.isEmpty()) {
            // nothing is looked up, built or rendered for a plan over a size limit
            return new Preview(oversized, List.of(), "", "");
        }
        Optional<ServiceDetail> detail = detail(plan);
        List<Diagnostic> diagnostics = diagnostics(plan, detail);
        if (detail.isEmpty()) {
            return new Preview(diagnostics, List.of(), "", "");
        }
        ServiceDetail service = detail.get();
        String base = baseVersion(service);
        RoutingObjects objects;
        try {
            objects = RoutingObjectBuilder.build(plan, service.target(), form);
        } catch (RuntimeException incomplete) {
            // e.g. a destination without a version: the diagnostics already say what is missing
            return new Preview(diagnostics, List.of(), "", base);
        }
        LiveMerge merged = merged(objects, service, plan);
        objects = merged.objects();
        diagnostics.addAll(merged.diagnostics());
        List<RoutingApplier.Write> writes = writes(objects, service);
        diagnostics.addAll(gatewayDiagnostics(objects, service));
        if (!PlanValidator.hasErrors(diagnostics)) {
            diagnostics.addAll(IstioRejections.of(plan, objects));
        }
        List<Preview.Resource> resources = writes.stream().map(RoutingWorkflow::resource).toList();
        ServiceRoutes proposed = catalog.routesWith(service,
                writes.stream().map(RoutingApplier.Write::desired).filter(java.util.Objects::nonNull).toList(),
                writes.stream().filter(w -> w.desired() == null).map(RoutingApplier.Write::live).toList());
        WhatChanges.Result changes = WhatChanges.of(service.routes(), proposed, writes);
        List<Diagnostic> flags = new ArrayList<>(changes.flags());
        merged.diagnostics().stream().filter(d -> d.code().equals("FIELDS_DROPPED")).forEach(flags::add);
        return new Preview(diagnostics, resources, YamlRenderer.render(objects.all()), base, service.routes(),
                proposed, changes.changes(), flags);
    }

    @PreAuthorize("@access.canWrite(authentication, #plan.namespace())")
    public List<RoutingApplier.Applied> apply(RoutingPlan plan, String baseVersion) {
        return apply(plan, baseVersion, null);
    }

    @PreAuthorize("@access.canWrite(authentication, #plan.namespace())")
    public List<RoutingApplier.Applied> apply(RoutingPlan plan, String baseVersion, String form) {
        return apply(plan, baseVersion, form, "apply");
    }

    /**
     * Applies the plan. {@code baseVersion}, when given, must still describe the live objects;
     * otherwise someone changed them since the form was opened and nothing is written. Every
     * attempt that gets as far as the cluster is audited as {@code action} (apply, rollback); what
     * changed the cluster is also recorded in the service's history.
     */
    @PreAuthorize("@access.canWrite(authentication, #plan.namespace())")
    public List<RoutingApplier.Applied> apply(RoutingPlan plan, String baseVersion, String form, String action) {
        requireWellFormed(baseVersion);
        Optional<ServiceDetail> detail = detail(plan);
        // PlanValidator checks PlanLimits first: a plan over a size limit is refused before anything is built
        List<Diagnostic> diagnostics = diagnostics(plan, detail);
        if (PlanValidator.hasErrors(diagnostics)) {
            throw new PlanRejectedException(diagnostics);
        }
        ServiceDetail service = detail.orElseThrow();
        RoutingObjects objects = merged(RoutingObjectBuilder.build(plan, service.target(), form), service, plan)
                .objects();
        List<Diagnostic> gateway = gatewayDiagnostics(objects, service);
        if (PlanValidator.hasErrors(gateway)) {
            throw new PlanRejectedException(gateway);
        }
        rejectWhatIstioRefuses(plan, objects);
        Revision draft = new Revision(0, null, Actor.current(), action, form, plan, YamlRenderer.render(objects.all()),
                null, null, List.of());
        if (baseVersion != null && !baseVersion.isBlank() && !baseVersion.equals(baseVersion(service))) {
            ClusterConflictException conflict = new ClusterConflictException("VirtualService", plan.namespace(),
                    plan.service(), null);
            record(service, draft, conflict);
            throw conflict;
        }
        List<RoutingApplier.Write> writes = writes(objects, service);
        dryRun(writes);
        return recorded(service, draft, () -> applier.apply(writes));
    }

    /**
     * On a real cluster the API server checks every object first (schema, admission webhooks):
     * its rejections become diagnostics and nothing is written. Skipped on the demo cluster, whose
     * mock API server does not honour dryRun and would really write.
     */
    private void dryRun(List<RoutingApplier.Write> writes) {
        if (cluster.demo()) {
            return;
        }
        List<Diagnostic> rejected = applier.dryRun(writes).stream()
                .map(r -> Diagnostic.error("SERVER_REJECTED", "", r.kind() + " " + r.namespace() + "/" + r.name(),
                        r.field() == null ? "" : r.field(), r.message()))
                .toList();
        if (!rejected.isEmpty()) {
            throw new PlanRejectedException(rejected);
        }
    }

    /**
     * Makes the routing what it was after revision {@code number}: its plan goes through the normal
     * apply (validation, base version, ordered writes), or, for a delete revision, the routing is
     * removed. Recorded as "rollback to #n".
     */
    @PreAuthorize("@access.canWrite(authentication, #namespace)")
    public List<RoutingApplier.Applied> rollback(String namespace, String name, int number, String baseVersion) {
        Revision revision = history.revision(namespace, name, number).orElseThrow(() -> new PlanRejectedException(
                List.of(Diagnostic.error("UNKNOWN_REVISION", "revision", number))));
        if (!revision.succeeded()) {
            throw new PlanRejectedException(List.of(Diagnostic.error("REVISION_NOT_APPLIED", "revision", number)));
        }
        String action = "rollback to #" + number;
        return revision.plan() == null ? delete(namespace, name, action)
                : apply(revision.plan(), baseVersion, revision.form(), action);
    }

    @PreAuthorize("@access.canWrite(authentication, #namespace)")
    public List<RoutingApplier.Applied> delete(String namespace, String name) {
        return delete(namespace, name, "delete");
    }

    /** What taking over a service's unmanaged routing writes: each object, with the managed-by label added. */
    public List<Preview.Resource> takeOverPreview(ServiceDetail service) {
        return takeOverWrites(service).stream().map(RoutingWorkflow::resource).toList();
    }

    /**
     * Takes over routing Traffic Wizard did not create: adds the managed-by label to each object
     * that routes the service, at the resourceVersion read, nothing else changed. From then on the
     * forms may replace it. Recorded as "take over".
     */
    @PreAuthorize("@access.canTakeOver(authentication)")
    public List<RoutingApplier.Applied> takeOver(String namespace, String name, String baseVersion) {
        requireWellFormed(baseVersion);
        ServiceDetail service = catalog.service(namespace, name).orElseThrow(() -> new PlanRejectedException(
                List.of(Diagnostic.error("UNKNOWN_SERVICE", "service", namespace, name))));
        if (service.routing() != RoutingState.UNMANAGED) {
            throw new PlanRejectedException(List.of(Diagnostic.error("NOTHING_TO_TAKE_OVER", "service", name)));
        }
        if (baseVersion != null && !baseVersion.isBlank() && !baseVersion.equals(takeOverVersion(service))) {
            throw new ClusterConflictException("VirtualService", namespace, name, null);
        }
        Revision draft = new Revision(0, null, Actor.current(), "take over", null, null, YamlRenderer.render(
                takeOverWrites(service).stream().map(w -> ObjectComparison.merged(w.desired(), w.live())).toList()),
                null, null, List.of());
        List<RoutingApplier.Write> writes = takeOverWrites(service);
        dryRun(writes);
        return recorded(service, draft, () -> applier.apply(writes));
    }

    /** Nothing Istio's admission validation would refuse is written (ISTIO_REJECTS at the plan field). */
    private static void rejectWhatIstioRefuses(RoutingPlan plan, RoutingObjects objects) {
        List<Diagnostic> rejected = IstioRejections.of(plan, objects);
        if (!rejected.isEmpty()) {
            throw new PlanRejectedException(rejected);
        }
    }

    /** A token that no preview could have handed out is a bad request, not a conflict to record. */
    private static void requireWellFormed(String baseVersion) {
        if (baseVersion != null && !baseVersion.isBlank() && !BaseVersion.wellFormed(baseVersion)) {
            throw new PlanRejectedException(List.of(Diagnostic.error("INVALID_BASE_VERSION", "baseVersion")));
        }
    }

    /** A token of every routing object's resourceVersion, for taking over exactly what was shown. */
    public static String takeOverVersion(ServiceDetail service) {
        return String.join(".", service.routingObjects().stream()
                .map(o -> o.getMetadata().getResourceVersion()).toList());
    }

    private static List<RoutingApplier.Write> takeOverWrites(ServiceDetail service) {
        List<RoutingApplier.Write> writes = new ArrayList<>();
        for (HasMetadata live : service.routingObjects()) {
            if (!Managed.isManaged(live)) {
                HasMetadata labelled = io.fabric8.kubernetes.client.utils.Serialization.clone(live);
                java.util.Map<String, String> labels = new java.util.LinkedHashMap<>();
                if (labelled.getMetadata().getLabels() != null) {
                    labels.putAll(labelled.getMetadata().getLabels());
                }
                labels.put(Managed.LABEL, Managed.VALUE);
                labelled.getMetadata().setLabels(labels);
                writes.add(new RoutingApplier.Write(labelled, live));
            }
        }
        return writes;
    }

    /**
     * Removes the managed routing of a service: VirtualServices first, then DestinationRules, then
     * unused Gateways; refused when a VirtualService to remove also routes other services.
     */
    @PreAuthorize("@access.canWrite(authentication, #namespace)")
    public List<RoutingApplier.Applied> delete(String namespace, String name, String action) {
        ServiceDetail service = catalog.service(namespace, name)
                .orElseThrow(() -> new PlanRejectedException(
                        List.of(Diagnostic.error("UNKNOWN_SERVICE", "service", namespace, name))));
        if (service.routing() == RoutingState.UNMANAGED) {
            throw new PlanRejectedException(List.of(unmanaged(service)));
        }
        RoutingDeletion deletion = RoutingDeletion.of(service, cache);
        if (!deletion.refused().isEmpty()) {
            throw new PlanRejectedException(deletion.refused());
        }
        Revision draft = new Revision(0, null, Actor.current(), action, null, null, "", null, null, List.of());
        List<HasMetadata> objects = deletion.objects();
        dryRun(objects.stream().map(o -> new RoutingApplier.Write(null, o)).toList());
        return recorded(service, draft, () -> applier.delete(objects));
    }

    private List<RoutingApplier.Applied> recorded(ServiceDetail service, Revision draft,
                                                  java.util.function.Supplier<List<RoutingApplier.Applied>> write) {
        try {
            List<RoutingApplier.Applied> applied = metrics.timed(write);
            metrics.outcome(draft.action(), "applied");
            if (applied.stream().anyMatch(a -> !a.action().equals("unchanged"))) {
                history.record(service.target().namespace(), service.target().name(), new Revision(0, null,
                        draft.user(), draft.action(), draft.form(), draft.plan(), draft.yaml(), "applied",
                        null, applied.stream().filter(a -> !a.action().equals("unchanged"))
                        .map(a -> a.action() + " " + a.kind() + " " + a.namespace() + "/" + a.name()).toList()));
            }
            return applied;
        } catch (ClusterConflictException | ClusterWriteException e) {
            record(service, draft, e);
            throw e;
        }
    }

    private void record(ServiceDetail service, Revision draft, RuntimeException failure) {
        boolean conflict = failure instanceof ClusterConflictException;
        metrics.outcome(draft.action(), conflict ? "conflict" : "failed");
        List<String> restored = failure instanceof ClusterWriteException w ? w.restored() : List.of();
        List<String> notRestored = failure instanceof ClusterWriteException w ? w.notRestored() : List.of();
        String message = failure.getMessage() + (restored.isEmpty() ? "" : "; put back: " + restored)
                + (notRestored.isEmpty() ? "" : "; NOT put back: " + notRestored);
        Revision attempt = new Revision(0, null, draft.user(), draft.action(), draft.form(), draft.plan(),
                conflict ? "" : liveYaml(service), conflict ? "conflict" : "failed", message, List.of());
        if (notRestored.isEmpty()) {
            // nothing changed in the cluster: the audit log has it, the history keeps applied revisions
            history.attempt(service.target().namespace(), service.target().name(), attempt);
        } else {
            history.record(service.target().namespace(), service.target().name(), attempt);
        }
    }

    private String liveYaml(ServiceDetail service) {
        return catalog.service(service.target().namespace(), service.target().name())
                .map(ServiceDetail::liveYaml).orElse("");
    }

    /**
     * What deleting a service's routing removes, in order: its managed VirtualServices, its managed
     * DestinationRules, the managed Gateways only they use ({@link RoutingDeletion}).
     */
    public List<HasMetadata> deletion(ServiceDetail service) {
        return RoutingDeletion.of(service, cache).objects();
    }

    public static String baseVersion(ServiceDetail service) {
        return BaseVersion.of(service.destinationRule(), service.virtualService(), service.gateway());
    }

    private Optional<ServiceDetail> detail(RoutingPlan plan) {
        if (plan == null || plan.namespace() == null || plan.service() == null) {
            return Optional.empty();
        }
        return catalog.service(plan.namespace(), plan.service());
    }

    private List<Diagnostic> diagnostics(RoutingPlan plan, Optional<ServiceDetail> detail) {
        List<Diagnostic> out = new ArrayList<>(
                PlanValidator.validate(plan, detail.map(ServiceDetail::target).orElse(null), mesh));
        detail.filter(d -> d.routing() == RoutingState.UNMANAGED).ifPresent(d -> out.add(0, unmanaged(d)));
        return out;
    }

    /** What one write would do, with the diff of the live YAML against what would be written. */
    static Preview.Resource resource(RoutingApplier.Write write) {
        HasMetadata desired = write.desired();
        HasMetadata live = write.live();
        HasMetadata subject = desired != null ? desired : live;
        String action = desired == null ? "delete" : live == null ? "create"
                : ObjectComparison.sameContent(desired, live) ? "unchanged" : "update";
        String before = live == null ? "" : YamlRenderer.renderLive(live);
        String after = desired == null ? ""
                : YamlRenderer.renderOne(YamlRenderer.withoutServerFields(live == null ? desired
                : ObjectComparison.merged(desired, live)));
        String name = subject.getKind().toLowerCase() + "/" + subject.getMetadata().getName() + ".yaml";
        return new Preview.Resource(subject.getKind(), subject.getMetadata().getNamespace(),
                subject.getMetadata().getName(), action, YamlDiff.unified(name, before, after));
    }

    /**
     * A Gateway the plan would create must not replace one Traffic Wizard does not manage, nor stop
     * serving a host another service's VirtualService bound to it relies on ({@link SharedGateway}).
     */
    private List<Diagnostic> gatewayDiagnostics(RoutingObjects objects, ServiceDetail service) {
        Gateway desired = objects.gateway();
        if (desired == null) {
            return List.of();
        }
        return liveGateway(desired).map(live -> !Managed.isManaged(live)
                        ? List.of(Diagnostic.error("GATEWAY_NOT_MANAGED", "gateway.name",
                        live.getMetadata().getNamespace() + "/" + live.getMetadata().getName()))
                        : SharedGateway.diagnostics(live, desired, cache.virtualServicesBoundTo(
                        live.getMetadata().getNamespace(), live.getMetadata().getName()), objects.virtualService()))
                .orElse(List.of());
    }

    /** The plan's objects with every live field the forms do not own kept (see {@link LiveMerge}). */
    private LiveMerge merged(RoutingObjects built, ServiceDetail service, RoutingPlan plan) {
        return LiveMerge.onto(built, service, built.gateway() == null ? null : liveGateway(built.gateway()).orElse(null),
                plan);
    }

    private Optional<Gateway> liveGateway(Gateway desired) {
        return cache.gateway(desired.getMetadata().getNamespace(), desired.getMetadata().getName());
    }

    private static Diagnostic unmanaged(ServiceDetail service) {
        String objects = String.join(", ", service.routingObjects().stream()
                .filter(o -> !Managed.isManaged(o))
                .map(o -> o.getKind() + " " + o.getMetadata().getNamespace() + "/" + o.getMetadata().getName())
                .toList());
        return Diagnostic.error("UNMANAGED_ROUTING", "service", objects);
    }

    /**
     * Gateway first (the VirtualService binds to it); DestinationRule first when subsets are added
     * (they must exist before a VirtualService routes to them), VirtualService first when subsets
     * are removed (nothing may still route to them).
     */
    List<RoutingApplier.Write> writes(RoutingObjects objects, ServiceDetail service) {
        List<RoutingApplier.Write> writes = new ArrayList<>();
        if (objects.gateway() != null) {
            writes.add(new RoutingApplier.Write(objects.gateway(), liveGateway(objects.gateway()).orElse(null)));
        }
        var dr = new RoutingApplier.Write(objects.destinationRule(), service.destinationRule());
        var vs = new RoutingApplier.Write(objects.virtualService(), service.virtualService());
        writes.addAll(removesSubsets(objects, service) ? List.of(vs, dr) : List.of(dr, vs));
        if (service.virtualService() != null) {
            RoutingDeletion.orphanedGateways(List.of(service.virtualService()), objects.virtualService(),
                    service.target().namespace(), cache).forEach(g -> writes.add(new RoutingApplier.Write(null, g)));
        }
        return writes;
    }

    private static boolean removesSubsets(RoutingObjects objects, ServiceDetail service) {
        if (service.destinationRule() == null || service.destinationRule().getSpec() == null
                || service.destinationRule().getSpec().getSubsets() == null) {
            return false;
        }
        var wanted = objects.destinationRule().getSpec().getSubsets().stream().map(Subset::getName).toList();
        return service.destinationRule().getSpec().getSubsets().stream().anyMatch(s -> !wanted.contains(s.getName()));
    }
}
