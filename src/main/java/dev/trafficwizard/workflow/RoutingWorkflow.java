package dev.trafficwizard.workflow;

import dev.trafficwizard.catalog.Catalog;
import dev.trafficwizard.catalog.ServiceDetail;
import dev.trafficwizard.cluster.ClusterCache;
import dev.trafficwizard.cluster.ClusterInfo;
import dev.trafficwizard.cluster.RoutingApplier;
import dev.trafficwizard.routing.FormKind;
import dev.trafficwizard.routing.KeptSettings;
import dev.trafficwizard.routing.RoutingPlan;
import io.fabric8.kubernetes.api.model.HasMetadata;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;

import java.util.List;

/**
 * The use cases behind every form and API call, and where their authorisation is checked: preview
 * a plan ({@link PlanPreview}), apply it, roll back or delete ({@link PlanWrites}: writes in the
 * safe order, Gateway first; DestinationRule before VirtualService when subsets are added, after it
 * when they are removed; VirtualService first when deleting), take over unmanaged routing
 * ({@link TakeOver}). Every write answers a {@link WriteResult}.
 */
@Service
public class RoutingWorkflow {

    private final PlanPreview previews;
    private final PlanWrites writes;
    private final TakeOver takeOver;
    private final PlanObjects plans;

    RoutingWorkflow(PlanPreview previews, PlanWrites writes, TakeOver takeOver, PlanObjects plans) {
        this.previews = previews;
        this.writes = writes;
        this.takeOver = takeOver;
        this.plans = plans;
    }

    /** The workflow wired by hand, outside Spring (tests of the workflow with mocked neighbours). */
    static RoutingWorkflow of(Catalog catalog, ClusterCache cache, RoutingApplier applier, History history,
                              ClusterInfo cluster, RoutingMetrics metrics) {
        PlanObjects plans = new PlanObjects(catalog, cache);
        RecordedWrites writes = new RecordedWrites(applier, history, cluster, metrics, catalog);
        return new RoutingWorkflow(new PlanPreview(plans, catalog), new PlanWrites(plans, writes, history),
                new TakeOver(plans, writes), plans);
    }

    public Preview preview(RoutingPlan plan) {
        return preview(plan, null);
    }

    /** @param form the form the plan comes from, recorded on the VirtualService (null from the API) */
    public Preview preview(RoutingPlan plan, FormKind form) {
        return previews.preview(kept(plan, form), form);
    }

    /**
     * The plan with what it keeps of the service's live routing ({@link KeptSettings}): a quick-start
     * form or an API plan that says nothing of resilience or traffic policies keeps the live ones; the
     * rules editor shows them all, so its plan is taken as it is.
     */
    public RoutingPlan kept(RoutingPlan plan, FormKind form) {
        if (plan == null || form == FormKind.RULES || plan.namespace() == null || plan.service() == null) {
            return plan;
        }
        return plans.service(plan.namespace(), plan.service()).flatMap(ServiceDetail::livePlan)
                .map(live -> KeptSettings.onto(plan, live)).orElse(plan);
    }

    /**
     * Applies the plan. {@code baseVersion}, when given, must still describe the live objects;
     * otherwise someone changed them since the form was opened and nothing is written. Recorded
     * as an apply.
     */
    @PreAuthorize("@access.canWrite(authentication, #plan.namespace())")
    public WriteResult apply(RoutingPlan plan, String baseVersion, FormKind form) {
        return writes.apply(kept(plan, form), baseVersion, form, RevisionAction.APPLY);
    }

    /**
     * #17: applies a plan on behalf of a staged rollout, through the same path as every apply
     * (validation, base version, ordered writes, history revision, audit line), recorded with an
     * explicit {@code action} and {@code user}: a rollout's automatic steps run in the background,
     * without a logged-in user. No authorisation here: the rollout checked its user when it was
     * started or acted on ({@code release.Rollouts}).
     */
    public WriteResult applyForRollout(RoutingPlan plan, String baseVersion, RevisionAction action, String user) {
        return writes.apply(plan, baseVersion, null, action, user);
    }

    /**
     * Applies the plan from a form opened on revision {@code rollbackOf} (null: a plain apply);
     * recorded as "rollback to #n", refused unless that revision is in the service's history and
     * was applied.
     */
    @PreAuthorize("@access.canWrite(authentication, #plan.namespace())")
    public WriteResult apply(RoutingPlan plan, String baseVersion, FormKind form, Integer rollbackOf) {
        return rollbackOf == null ? apply(plan, baseVersion, form)
                : writes.applyAsRollback(kept(plan, form), baseVersion, form, rollbackOf);
    }

    /** Makes the routing what it was after revision {@code number} (its plan, or no routing). */
    @PreAuthorize("@access.canWrite(authentication, #namespace)")
    public WriteResult rollback(String namespace, String name, int number, String baseVersion) {
        return writes.rollback(namespace, name, number, baseVersion);
    }

    @PreAuthorize("@access.canWrite(authentication, #namespace)")
    public WriteResult delete(String namespace, String name) {
        return writes.delete(namespace, name, RevisionAction.DELETE);
    }

    @PreAuthorize("@access.canTakeOver(authentication)")
    public WriteResult takeOver(String namespace, String name, String baseVersion) {
        return takeOver.takeOver(namespace, name, baseVersion);
    }

    /** What taking over a service's unmanaged routing writes: each object, with the managed-by label added. */
    public List<Preview.Resource> takeOverPreview(ServiceDetail service) {
        return takeOver.preview(service);
    }

    /** A token of every routing object's resourceVersion, for taking over exactly what was shown. */
    public static String takeOverVersion(ServiceDetail service) {
        return TakeOver.version(service);
    }

    /**
     * What deleting a service's routing removes, in order: its managed VirtualServices, its managed
     * DestinationRules, the managed Gateways only they use ({@link RoutingDeletion}).
     */
    public List<HasMetadata> deletion(ServiceDetail service) {
        return RoutingDeletion.of(service, plans.cache()).objects();
    }

    public static String baseVersion(ServiceDetail service) {
        List<HasMetadata> others = new java.util.ArrayList<>(service.hostRoutes());
        others.addAll(service.versionServices());
        others.addAll(service.versionDestinationRules());
        if (service.gatewayApiGateway() != null) {
            others.add(service.gatewayApiGateway());
        }
        return BaseVersion.of(service.destinationRule(), service.virtualService(), service.gateway(),
                service.httpRoute().orElse(null), others);
    }
}
