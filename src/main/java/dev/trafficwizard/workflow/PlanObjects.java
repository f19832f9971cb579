package dev.trafficwizard.workflow;

import dev.trafficwizard.catalog.Catalog;
import dev.trafficwizard.catalog.RoutingState;
import dev.trafficwizard.catalog.ServiceDetail;
import dev.trafficwizard.cluster.ClusterCache;
import dev.trafficwizard.cluster.RoutingApplier;
import dev.trafficwizard.istio.GatewayConflicts;
import dev.trafficwizard.istio.Managed;
import dev.trafficwizard.istio.RoutingObjectBuilder;
import dev.trafficwizard.istio.RoutingObjects;
import dev.trafficwizard.routing.Diagnostic;
import dev.trafficwizard.routing.DiagnosticCode;
import dev.trafficwizard.routing.MeshView;
import dev.trafficwizard.routing.checks.PlanValidator;
import dev.trafficwizard.routing.FormKind;
import dev.trafficwizard.routing.RoutingApi;
import dev.trafficwizard.routing.RoutingPlan;
import dev.trafficwizard.gatewayapi.GatewayApiObjects;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.istio.api.api.networking.v1alpha3.Subset;
import io.fabric8.istio.api.networking.v1.Gateway;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What a plan becomes, shared by preview and apply: the service it routes, its diagnostics against
 * the catalog and the mesh, and, only for a complete plan ({@link Checked#buildable()}), the objects
 * (merged onto the live ones) and the writes in their safe order.
 */
@Component
class PlanObjects {

    private final Catalog catalog;
    private final ClusterCache cache;
    private final MeshView mesh;
    private final MeshView gatewayApiMesh;
    private final CacheSnapshot snapshot;

    PlanObjects(Catalog catalog, ClusterCache cache) {
        this.catalog = catalog;
        this.cache = cache;
        this.mesh = new LiveMesh(cache);
        this.gatewayApiMesh = new GatewayApiMesh(cache);
        this.snapshot = new CacheSnapshot(cache);
    }

    /**
     * Errors about a value the objects carry as it was written (a header value, a host, a weight
     * that does not add up): the plan is still complete, so a preview shows where the value would
     * land. Any other error (something missing, unknown or out of limits) leaves nothing to build.
     */
    private static final Set<DiagnosticCode> VALUE_ERRORS = EnumSet.of(
            DiagnosticCode.CONTROL_CHARACTER, DiagnosticCode.INVALID_HEADER_NAME, DiagnosticCode.INVALID_QUERY_PARAM,
            DiagnosticCode.MATCH_VALUE, DiagnosticCode.INVALID_REGEX, DiagnosticCode.RE2_UNSUPPORTED,
            DiagnosticCode.INVALID_URI, DiagnosticCode.INVALID_METHOD, DiagnosticCode.INVALID_COOKIE_NAME,
            DiagnosticCode.QUERY_PARAM_PREFIX, DiagnosticCode.DUPLICATE_HEADER, DiagnosticCode.JWT_CLAIM_IN_MESH,
            DiagnosticCode.EMPTY_MATCH, DiagnosticCode.WEIGHT_SUM, DiagnosticCode.WEIGHT_RANGE,
            DiagnosticCode.INVALID_HOST, DiagnosticCode.SHORT_HOST, DiagnosticCode.NUMERIC_TLD,
            DiagnosticCode.INVALID_NAME, DiagnosticCode.HOST_CONFLICT, DiagnosticCode.HOST_OVERLAP,
            DiagnosticCode.HOST_NOT_COVERED, DiagnosticCode.AUTHORITY_NOT_SERVED, DiagnosticCode.MESH_WILDCARD_HOST,
            DiagnosticCode.MESH_MISSES_SERVICE, DiagnosticCode.UNMANAGED_ROUTING, DiagnosticCode.GATEWAY_NOT_MANAGED,
            DiagnosticCode.GATEWAY_SHARED, DiagnosticCode.GATEWAY_MISSING, DiagnosticCode.STICKY_WEIGHTED,
            DiagnosticCode.UNREACHABLE_RULE, DiagnosticCode.DUPLICATE_MATCH);

    /**
     * A plan checked: the service it routes (empty when unknown), every diagnostic, and the API it is
     * written with (null when the service is unknown).
     */
    record Checked(Optional<ServiceDetail> service, List<Diagnostic> diagnostics, ApiChoice api) {

        /** No errors: may be written. */
        boolean valid() {
            return service.isPresent() && !PlanValidator.hasErrors(diagnostics);
        }

        /**
         * Complete enough to build its objects: no errors, or only errors about values the objects
         * carry as written ({@link #VALUE_ERRORS}); what it would write is shown, never written.
         */
        boolean buildable() {
            return service.isPresent() && diagnostics.stream().filter(Diagnostic::isError)
                    .allMatch(PlanObjects::carriedAsWritten);
        }
    }

    /** An error about a value the objects carry as written (an empty sticky cookie name included). */
    private static boolean carriedAsWritten(Diagnostic error) {
        return VALUE_ERRORS.stream().anyMatch(error::is)
                || error.is(DiagnosticCode.REQUIRED) && error.path().startsWith("stickySession.");
    }

    /**
     * The objects of a complete plan: merged onto the live ones, with what the merge reports
     * ({@code merged}) and what the Gateway it would write breaks ({@code gateway}).
     */
    record Built(RoutingObjects objects, GatewayApiObjects gatewayApi, List<Diagnostic> merged,
                 List<Diagnostic> gateway) {

        /** Every object, in the order shown. */
        List<HasMetadata> all() {
            return gatewayApi != null ? gatewayApi.all() : objects.all();
        }
    }

    Checked check(RoutingPlan plan) {
        Optional<ServiceDetail> detail = plan == null || plan.namespace() == null || plan.service() == null
                ? Optional.empty() : catalog.service(plan.namespace(), plan.service());
        ApiChoice api = detail.map(d -> ApiChoice.of(plan, d, cache)).orElse(null);
        boolean gatewayApi = api != null && api.api() == RoutingApi.GATEWAY_API;
        List<Diagnostic> out = new ArrayList<>(PlanValidator.validate(plan, detail.map(ServiceDetail::target)
                .orElse(null), gatewayApi ? gatewayApiMesh : mesh));
        detail.filter(d -> d.routing() == RoutingState.UNMANAGED).ifPresent(d -> out.add(0, unmanaged(d)));
        out.addAll(ApiChoice.diagnostics(plan, api, cache));
        if (api != null && api.api() == RoutingApi.GATEWAY_API && cache.gatewayApiAvailable()) {
            out.addAll(GatewayApiPlans.versionServiceErrors(plan, detail.get(), cache));
        }
        return new Checked(detail, out, api);
    }

    /** Only for a {@link Checked#buildable() buildable} plan: its objects with every live field the forms do not own. */
    Built build(RoutingPlan plan, ServiceDetail service, FormKind form, ApiChoice api) {
        if (api != null && api.api() == RoutingApi.GATEWAY_API) {
            GatewayApiObjects objects = GatewayApiPlans.translate(plan, service, cache, form);
            return new Built(null, objects, List.of(), GatewayApiPlans.diagnostics(plan, objects, service, cache));
        }
        RoutingObjects built = RoutingObjectBuilder.build(plan, service.target(), form);
        LiveMerge merged = LiveMerge.onto(built, service,
                built.gateway() == null ? null : liveGateway(built.gateway()).orElse(null), plan);
        List<Diagnostic> diagnostics = new ArrayList<>(merged.diagnostics());
        // a move back from the Gateway API deletes the version DestinationRules: name the policy they lose
        diagnostics.addAll(GatewayApiPlans.droppedByIstio(service, merged.objects().destinationRule()));
        return new Built(merged.objects(), null, diagnostics, gatewayDiagnostics(merged.objects()));
    }

    Optional<ServiceDetail> service(String namespace, String name) {
        return catalog.service(namespace, name);
    }

    ClusterCache cache() {
        return cache;
    }

    /**
     * Under the Gateway API, {@link GatewayApiPlans#writes}. Under Istio's:
     * Gateway first (the VirtualService binds to it); DestinationRule first when subsets are added
     * (they must exist before a VirtualService routes to them), VirtualService first when subsets
     * are removed (nothing may still route to them); last the managed Gateways no longer used.
     */
    List<RoutingApplier.Write> writes(Built built, ServiceDetail service) {
        if (built.gatewayApi() != null) {
            return GatewayApiPlans.writes(built.gatewayApi(), service, cache);
        }
        RoutingObjects objects = built.objects();
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
        writes.addAll(GatewayApiPlans.replacedByIstio(service, cache));
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

    /**
     * A Gateway the plan would create must not replace one Traffic Wizard does not manage, nor stop
     * serving a host another service's VirtualService bound to it relies on ({@link SharedGateway}),
     * nor give the ingress workload a host and port another Gateway already gives it
     * ({@code GATEWAY_CONFLICT} at {@code gateway.hosts[k]}, IST0145, {@link GatewayConflicts}).
     */
    private List<Diagnostic> gatewayDiagnostics(RoutingObjects objects) {
        Gateway desired = objects.gateway();
        if (desired == null) {
            return List.of();
        }
        List<Diagnostic> out = new ArrayList<>(replacing(desired, objects));
        List<String> hosts = desired.getSpec().getServers().get(0).getHosts();
        for (GatewayConflicts.Conflict c : GatewayConflicts.of(desired, cache.gateways(),
                labels -> !snapshot.workloads(labels).isEmpty())) {
            for (String host : c.hosts()) {
                out.add(Diagnostic.error(DiagnosticCode.GATEWAY_CONFLICT, "gateway.hosts[" + hosts.indexOf(host) + "]",
                        String.join(", ", c.gateways()), host, c.port()));
            }
        }
        return out;
    }

    private List<Diagnostic> replacing(Gateway desired, RoutingObjects objects) {
        return liveGateway(desired).map(live -> !Managed.isManaged(live)
                        ? List.of(Diagnostic.error(DiagnosticCode.GATEWAY_NOT_MANAGED, "gateway.name",
                        live.getMetadata().getNamespace() + "/" + live.getMetadata().getName()))
                        : SharedGateway.diagnostics(live, desired, cache.virtualServicesBoundTo(
                        live.getMetadata().getNamespace(), live.getMetadata().getName()), objects.virtualService()))
                .orElse(List.of());
    }

    private Optional<Gateway> liveGateway(Gateway desired) {
        return cache.gateway(desired.getMetadata().getNamespace(), desired.getMetadata().getName());
    }

    static Diagnostic unmanaged(ServiceDetail service) {
        String objects = String.join(", ", service.routingObjects().stream()
                .filter(o -> !Managed.isManaged(o))
                .map(o -> o.getKind() + " " + o.getMetadata().getNamespace() + "/" + o.getMetadata().getName())
                .toList());
        return Diagnostic.error(DiagnosticCode.UNMANAGED_ROUTING, "service", objects);
    }
}
