package dev.trafficwizard.workflow;

import dev.trafficwizard.catalog.RoutingState;
import dev.trafficwizard.catalog.ServiceDetail;
import dev.trafficwizard.cluster.RoutingApplier;
import dev.trafficwizard.istio.YamlRenderer;
import dev.trafficwizard.routing.Diagnostic;
import dev.trafficwizard.routing.DiagnosticCode;
import dev.trafficwizard.routing.checks.PlanValidator;
import dev.trafficwizard.routing.FormKind;
import dev.trafficwizard.routing.RoutingApi;
import dev.trafficwizard.routing.RoutingPlan;
import dev.trafficwizard.security.Actor;
import io.fabric8.kubernetes.api.model.HasMetadata;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Applies a plan, rolls back to a revision, deletes a service's routing: validation first (nothing
 * is built from a plan with errors), then the base version, then the writes in their safe order
 * ({@link PlanObjects#writes}), each recorded ({@link RecordedWrites}).
 */
@Component
class PlanWrites {

    private final PlanObjects plans;
    private final RecordedWrites writes;
    private final History history;

    PlanWrites(PlanObjects plans, RecordedWrites writes, History history) {
        this.plans = plans;
        this.writes = writes;
        this.history = history;
    }

    /**
     * Applies the plan. {@code baseVersion}, when given, must still describe the live objects;
     * otherwise someone changed them since the form was opened and nothing is written.
     */
    WriteResult apply(RoutingPlan plan, String baseVersion, FormKind form, RevisionAction action) {
        return apply(plan, baseVersion, form, action, Actor.current());
    }

    /** The same, recorded as made by {@code user} (a rollout's automatic steps run without a logged-in user). */
    WriteResult apply(RoutingPlan plan, String baseVersion, FormKind form, RevisionAction action, String user) {
        if (!wellFormed(baseVersion)) {
            return invalidBaseVersion();
        }
        // PlanValidator checks PlanLimits first: a plan over a size limit is refused before anything is built
        PlanObjects.Checked checked = plans.check(plan);
        if (!checked.valid()) {
            return new WriteResult.Rejected(checked.diagnostics());
        }
        ServiceDetail service = checked.service().orElseThrow();
        PlanObjects.Built built = plans.build(plan, service, form, checked.api());
        if (PlanValidator.hasErrors(built.gateway())) {
            return new WriteResult.Rejected(built.gateway());
        }
        List<Diagnostic> istio = built.objects() == null ? List.of() : IstioRejections.of(plan, built.objects());
        if (!istio.isEmpty()) {
            // nothing Istio's admission validation would refuse is written (ISTIO_REJECTS at the plan field)
            return new WriteResult.Rejected(istio);
        }
        // the revision keeps the API the plan was written with, so a rollback writes the same objects
        Revision draft = Revision.draft(user, action, form, plan.withApi(checked.api().api()),
                YamlRenderer.render(built.all()));
        if (stale(baseVersion, RoutingWorkflow.baseVersion(service))) {
            return writes.conflict(service, draft);
        }
        return writes.write(service, draft, plans.writes(built, service));
    }

    /**
     * Applies a plan as a rollback to revision {@code number} of its service, which must be in the
     * history and applied (the form may have changed the plan before applying it).
     */
    WriteResult applyAsRollback(RoutingPlan plan, String baseVersion, FormKind form, int number) {
        if (plan == null || plan.namespace() == null || plan.service() == null) {
            return apply(plan, baseVersion, form, RevisionAction.rollbackTo(number));
        }
        Optional<Revision> revision = history.revision(plan.namespace(), plan.service(), number);
        var refused = refusedRollback(revision, number);
        if (refused.isEmpty() && revision.get().plan() == null) {
            // a delete revision has no form to open: a plan cannot claim to roll back to it
            refused = Optional.of(WriteResult.Rejected.of(
                    Diagnostic.error(DiagnosticCode.REVISION_WITHOUT_ROUTING, "rollbackOf", number)));
        }
        return refused.map(WriteResult.class::cast)
                .orElseGet(() -> apply(plan, baseVersion, form, RevisionAction.rollbackTo(number)));
    }

    /**
     * Makes the routing what it was after revision {@code number}: its plan goes through the normal
     * apply (validation, base version, ordered writes), or, for a delete revision, the routing is
     * removed. Recorded as "rollback to #n".
     */
    WriteResult rollback(String namespace, String name, int number, String baseVersion) {
        Optional<Revision> found = history.revision(namespace, name, number);
        var refused = refusedRollback(found, number);
        if (refused.isPresent()) {
            return refused.get();
        }
        Revision revision = found.get();
        RevisionAction action = RevisionAction.rollbackTo(number);
        // a revision written before plans named their API was written with Istio's
        return revision.plan() == null ? delete(namespace, name, action)
                : apply(revision.plan().api() == null ? revision.plan().withApi(RoutingApi.ISTIO) : revision.plan(),
                baseVersion, revision.form(), action);
    }

    /** Why revision {@code number} (as read from the history) cannot be rolled back to, if it cannot. */
    private static Optional<WriteResult.Rejected> refusedRollback(Optional<Revision> revision, int number) {
        if (revision.isEmpty()) {
            return Optional.of(WriteResult.Rejected.of(Diagnostic.error(DiagnosticCode.UNKNOWN_REVISION, "revision", number)));
        }
        if (!revision.get().succeeded()) {
            return Optional.of(WriteResult.Rejected.of(
                    Diagnostic.error(DiagnosticCode.REVISION_NOT_APPLIED, "revision", number)));
        }
        return Optional.empty();
    }

    /**
     * Removes the managed routing of a service: VirtualServices first, then DestinationRules, then
     * unused Gateways; refused when a VirtualService to remove also routes other services.
     */
    WriteResult delete(String namespace, String name, RevisionAction action) {
        var found = plans.service(namespace, name);
        if (found.isEmpty()) {
            return WriteResult.Rejected.of(Diagnostic.error(DiagnosticCode.UNKNOWN_SERVICE, "service", namespace, name));
        }
        ServiceDetail service = found.get();
        if (service.routing() == RoutingState.UNMANAGED) {
            return WriteResult.Rejected.of(PlanObjects.unmanaged(service));
        }
        RoutingDeletion deletion = RoutingDeletion.of(service, plans.cache());
        if (!deletion.refused().isEmpty()) {
            return new WriteResult.Rejected(deletion.refused());
        }
        List<RoutingApplier.Write> removals = new ArrayList<>();
        for (HasMetadata o : deletion.objects()) {
            removals.add(new RoutingApplier.Write(null, o));
        }
        return writes.write(service, Revision.draft(Actor.current(), action, null, null, ""), removals);
    }

    /** A token that no preview could have handed out is a bad request, not a conflict to record. */
    static boolean wellFormed(String baseVersion) {
        return baseVersion == null || baseVersion.isBlank() || BaseVersion.wellFormed(baseVersion);
    }

    static WriteResult.Rejected invalidBaseVersion() {
        return WriteResult.Rejected.of(Diagnostic.error(DiagnosticCode.INVALID_BASE_VERSION, "baseVersion"));
    }

    /** A base version was given and no longer describes the live objects. */
    static boolean stale(String baseVersion, String live) {
        return baseVersion != null && !baseVersion.isBlank() && !baseVersion.equals(live);
    }
}
