package dev.trafficwizard.workflow;

import dev.trafficwizard.catalog.ServiceDetail;
import dev.trafficwizard.cluster.ClusterCache;
import dev.trafficwizard.cluster.RoutingApplier;
import dev.trafficwizard.gatewayapi.Difference;
import dev.trafficwizard.gatewayapi.GatewayApiObjects;
import dev.trafficwizard.gatewayapi.GatewayApiTranslator;
import dev.trafficwizard.gatewayapi.PrecedenceOrder;
import dev.trafficwizard.gatewayapi.Untranslatable;
import dev.trafficwizard.gatewayapi.VersionPolicies;
import dev.trafficwizard.gatewayapi.VersionServices;
import dev.trafficwizard.istio.Managed;
import dev.trafficwizard.routing.Diagnostic;
import dev.trafficwizard.routing.DiagnosticCode;
import dev.trafficwizard.routing.FormKind;
import dev.trafficwizard.routing.Mirror;
import dev.trafficwizard.routing.RoutingPlan;
import dev.trafficwizard.routing.Rule;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.istio.api.networking.v1.DestinationRule;
import io.fabric8.istio.api.networking.v1.VirtualService;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.ServicePortBuilder;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRoute;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A plan written with the Gateway API: what it checks beyond the plan's own rules (version Service
 * names, Services and DestinationRules it must not overwrite, what does not translate, precedence, the
 * ambient waypoint), its objects, and the writes in their safe order. Version Services first (the route
 * sends to them), their DestinationRules (the traffic policies),
 * then the ReferenceGrant and Gateway, then the subdomain form's host routes and the HTTPRoute; then what
 * it replaces: host routes no longer wanted, the service's
 * Istio VirtualService and DestinationRule (a move from Istio's API), the Istio Gateways only they
 * used, the version DestinationRules no longer wanted and the version Services of versions no longer routed.
 */
final class GatewayApiPlans {

    private GatewayApiPlans() {
    }

    /** Errors that leave nothing to build: a version Service that cannot exist or may not be written. */
    static List<Diagnostic> versionServiceErrors(RoutingPlan plan, ServiceDetail service, ClusterCache cache) {
        List<Diagnostic> out = new ArrayList<>();
        Map<String, String> selector = cache.service(plan.namespace(), plan.service())
                .map(s -> s.getSpec() == null ? null : s.getSpec().getSelector()).orElse(null);
        if (selector == null || selector.isEmpty()) {
            // a version Service would select every pod of the version label in the namespace
            out.add(Diagnostic.error(DiagnosticCode.SERVICE_WITHOUT_SELECTOR, "service", plan.namespace(),
                    plan.service()));
            return out;
        }
        Set<String> seen = new java.util.HashSet<>();
        for (int i = 0; i < plan.rules().size(); i++) {
            Rule rule = plan.rules().get(i);
            for (int j = 0; j < rule.route().size(); j++) {
                String version = rule.route().get(j).version();
                if (version == null || !seen.add(version)) {
                    continue;
                }
                versionService(plan, version, "rules[" + i + "].route[" + j + "].version", cache, out);
            }
            Mirror mirror = rule.mirror();
            if (mirror != null && mirror.version() != null && seen.add(mirror.version())) {
                versionService(plan, mirror.version(), "rules[" + i + "].mirror.version", cache, out);
            }
        }
        out.addAll(policyTaken(plan, cache));
        return out;
    }

    private static void versionService(RoutingPlan plan, String version, String field, ClusterCache cache,
                                       List<Diagnostic> out) {
        String name = plan.service() + "-" + version;
        try {
            VersionServices.name(plan.service(), version);
        } catch (IllegalArgumentException e) {
            out.add(Diagnostic.error(DiagnosticCode.VERSION_SERVICE_NAME, field, name, version));
            return;
        }
        cache.service(plan.namespace(), name).filter(s -> !ClusterCache.isVersionService(s)
                        || !plan.service().equals(s.getMetadata().getLabels().get(VersionServices.VERSION_OF)))
                .ifPresent(s -> out.add(Diagnostic.error(DiagnosticCode.VERSION_SERVICE_TAKEN, field, name, version)));
    }

    /**
     * A version with a traffic policy needs a DestinationRule named after its version Service: one of
     * that name that is not the service's managed version policy is never overwritten
     * ({@code VERSION_POLICY_TAKEN}), and an unmanaged one of another name whose host is the version
     * Service would compete with it ({@code VERSION_POLICY_HOST_TAKEN}, naming it).
     */
    static List<Diagnostic> policyTaken(RoutingPlan plan, ClusterCache cache) {
        List<Diagnostic> out = new ArrayList<>();
        Set<String> versions = new java.util.LinkedHashSet<>();
        plan.rules().forEach(r -> r.route().forEach(d -> versions.add(d.version())));
        versions.addAll(plan.versionsMirrored());
        for (String version : versions) {
            if (version == null || VersionPolicies.effective(plan.trafficPolicy(), plan.versionPolicies().get(version))
                    == null) {
                continue;
            }
            String name = plan.service() + "-" + version;
            String field = plan.versionPolicies().containsKey(version) ? "versionPolicies." + version : "trafficPolicy";
            cache.destinationRule(plan.namespace(), name).filter(dr -> !VersionPolicies.isVersionRule(dr, plan.service()))
                    .ifPresent(dr -> out.add(Diagnostic.error(DiagnosticCode.VERSION_POLICY_TAKEN, field, name,
                            version)));
            // Istio applies one DestinationRule's policy per host: another one for the version Service competes
            String host = dev.trafficwizard.routing.Hosts.serviceFqdn(name, plan.namespace());
            cache.destinationRulesFor(host).stream()
                    .filter(dr -> !(plan.namespace().equals(dr.getMetadata().getNamespace())
                            && name.equals(dr.getMetadata().getName())))
                    .filter(dr -> !VersionPolicies.isVersionRule(dr, plan.service()))
                    .forEach(dr -> out.add(Diagnostic.error(DiagnosticCode.VERSION_POLICY_HOST_TAKEN, field,
                            dr.getMetadata().getNamespace() + "/" + dr.getMetadata().getName(), version, host)));
        }
        return out;
    }

    static GatewayApiObjects translate(RoutingPlan plan, ServiceDetail service, ClusterCache cache, FormKind form) {
        Service live = cache.service(service.target().namespace(), service.target().name()).orElseThrow();
        Map<String, String> selector = live.getSpec() == null ? Map.of() : live.getSpec().getSelector();
        return GatewayApiTranslator.translate(plan, service.target(), selector, ports(live), form);
    }

    /**
     * The ports a version Service gets: the service's name, port, targetPort, protocol and
     * appProtocol only, as new objects (a nodePort would make the API server refuse a ClusterIP
     * Service, and the cached objects are not ours to hand on).
     */
    static List<ServicePort> ports(Service service) {
        if (service.getSpec() == null || service.getSpec().getPorts() == null) {
            return List.of();
        }
        return service.getSpec().getPorts().stream().map(p -> new ServicePortBuilder().withName(p.getName())
                .withPort(p.getPort()).withTargetPort(p.getTargetPort()).withProtocol(p.getProtocol())
                .withAppProtocol(p.getAppProtocol()).build()).toList();
    }

    /**
     * What the built objects say beyond the plan's checks: each part with no Gateway API equivalent
     * (an error at its field: never silently dropped), what needs the experimental channel
     * ({@code GATEWAY_API_EXPERIMENTAL}), where the traffic policy goes ({@code GATEWAY_API_POLICY_PER_VERSION}),
     * rules Gateway API precedence reorders, and a mesh route in an ambient namespace without a waypoint.
     * A move from Istio's API names each DestinationRule policy leaf the version DestinationRules do not
     * carry ({@link DroppedPolicies#toGatewayApi}).
     */
    static List<Diagnostic> diagnostics(RoutingPlan plan, GatewayApiObjects objects, ServiceDetail service,
                                        ClusterCache cache) {
        List<Diagnostic> out = new ArrayList<>(unmanaged(objects, cache));
        out.addAll(GatewayApiGateways.shared(objects, service, cache));
        // a move removes the service's Istio routing as a delete would: refused where a VirtualService routes others too
        RoutingDeletion istio = istioRouting(service, cache);
        out.addAll(istio.refused());
        // the version DestinationRules carry the plan's policy only: name each live policy leaf they leave out
        List<String> versions = new ArrayList<>(plan.versionsRouted(service.target()));
        istio.objects().stream().filter(o -> o instanceof DestinationRule).map(DestinationRule.class::cast)
                .forEach(dr -> DroppedPolicies.toGatewayApi(dr, versions, objects.destinationRules(), service.target())
                        .ifPresent(out::add));
        // the version DestinationRules are written whole: a hand-set leaf of a live one is lost too
        Map<String, DestinationRule> written = objects.destinationRules().stream()
                .collect(Collectors.toMap(d -> d.getMetadata().getName(), d -> d, (a, b) -> a));
        service.versionDestinationRules().forEach(dr -> DroppedPolicies.replaced(dr,
                written.get(dr.getMetadata().getName())).ifPresent(out::add));
        for (Untranslatable u : objects.untranslatable()) {
            out.add(Diagnostic.error(DiagnosticCode.GATEWAY_API_UNTRANSLATABLE, u.field(), u.reason()));
        }
        for (Difference d : objects.differences()) {
            out.add(Diagnostic.warning(DiagnosticCode.GATEWAY_API_DIFFERENCE, d.field(), d.reason()));
        }
        for (Difference d : objects.experimental()) {
            out.add(Diagnostic.warning(DiagnosticCode.GATEWAY_API_EXPERIMENTAL, d.field(), d.reason()));
        }
        if (!objects.destinationRules().isEmpty()) {
            out.add(Diagnostic.warning(DiagnosticCode.GATEWAY_API_POLICY_PER_VERSION,
                    plan.trafficPolicy() != null ? "trafficPolicy" : "versionPolicies",
                    String.join(", ", objects.destinationRules().stream().map(dr -> "DestinationRule "
                            + dr.getMetadata().getName()).toList())));
        }
        out.addAll(GatewayApiAttachment.attachment(plan, objects, cache));
        if (objects.gateway() != null && plan.gateway().credentialName() != null
                && !plan.gateway().credentialName().contains("/")) {
            // Istio's ingress gateway reads credentialName in its own namespace (usually istio-system)
            out.add(Diagnostic.warning(DiagnosticCode.GATEWAY_API_DIFFERENCE, "gateway.credentialName",
                    "the certificate Secret '" + plan.gateway().credentialName() + "' is read from the Gateway's"
                            + " namespace " + plan.namespace() + ", where Istio's ingress gateway read it from its own"
                            + " (usually istio-system); write namespace/name for a Secret elsewhere (a ReferenceGrant"
                            + " is created for it)"));
        }
        out.addAll(PrecedenceOrder.diagnostics(plan));
        boolean mesh = plan.gateway() == null || Boolean.TRUE.equals(plan.gateway().includeMesh());
        if (mesh && ApiChoice.ambient(cache, plan.namespace()) && !GatewayApiAttachment.usesWaypoint(plan, cache)) {
            out.add(Diagnostic.warning(DiagnosticCode.WAYPOINT_MISSING, "api", plan.namespace()));
        }
        return out;
    }

    static List<RoutingApplier.Write> writes(GatewayApiObjects objects, ServiceDetail service, ClusterCache cache) {
        String namespace = service.target().namespace();
        List<RoutingApplier.Write> writes = new ArrayList<>();
        // version Services, ReferenceGrant, Gateway, host routes, then the HTTPRoute (GatewayApiObjects#all)
        for (HasMetadata object : objects.all()) {
            writes.add(new RoutingApplier.Write(object, cache.cached(object).orElse(null)));
        }
        Set<String> routes = objects.routes().stream().map(r -> r.getMetadata().getName()).collect(Collectors.toSet());
        service.hostRoutes().stream().filter(r -> !routes.contains(r.getMetadata().getName()))
                .forEach(r -> writes.add(new RoutingApplier.Write(null, r)));
        istioRouting(service, cache).objects().forEach(o -> writes.add(new RoutingApplier.Write(null, o)));
        GatewayApiGateways.orphaned(service, objects.gateway(), cache).ifPresent(g -> writes.add(new RoutingApplier.Write(null, g)));
        // version policies no longer wanted, before the version Services no longer routed
        Set<String> policies = objects.destinationRules().stream().map(d -> d.getMetadata().getName())
                .collect(Collectors.toSet());
        service.versionDestinationRules().stream().filter(d -> !policies.contains(d.getMetadata().getName()))
                .forEach(d -> writes.add(new RoutingApplier.Write(null, d)));
        Set<String> kept = objects.versionServices().stream().map(s -> s.getMetadata().getName())
                .collect(Collectors.toSet());
        service.versionServices().stream().filter(s -> !kept.contains(s.getMetadata().getName()))
                .forEach(s -> writes.add(new RoutingApplier.Write(null, s)));
        return writes;
    }

    /**
     * The Gateway API objects an Istio plan replaces (a move back to Istio's API): the service's
     * managed HTTPRoute, then its version Services, removed after the VirtualService is written.
     */
    static List<RoutingApplier.Write> replacedByIstio(ServiceDetail service, ClusterCache cache) {
        List<RoutingApplier.Write> writes = new ArrayList<>();
        service.httpRoute().filter(Managed::isManaged).ifPresent(r -> writes.add(new RoutingApplier.Write(null, r)));
        service.hostRoutes().forEach(r -> writes.add(new RoutingApplier.Write(null, r)));
        service.versionDestinationRules().forEach(d -> writes.add(new RoutingApplier.Write(null, d)));
        service.versionServices().forEach(s -> writes.add(new RoutingApplier.Write(null, s)));
        GatewayApiGateways.orphaned(service, null, cache).ifPresent(g -> writes.add(new RoutingApplier.Write(null, g)));
        return writes;
    }

    /**
     * What a move back to Istio's API loses with the version DestinationRules {@link #replacedByIstio}
     * deletes: each policy leaf the new Istio DestinationRule {@code desired} does not carry for the
     * version's subset ({@code FIELDS_DROPPED}); nothing when the plan carries them.
     */
    static List<Diagnostic> droppedByIstio(ServiceDetail service, DestinationRule desired) {
        List<Diagnostic> out = new ArrayList<>();
        for (DestinationRule dr : service.versionDestinationRules()) {
            String name = dr.getMetadata().getName();
            String version = service.target().versions().stream().map(v -> v.version())
                    .filter(v -> name.equals(VersionPolicies.name(service.target().name(), v))).findFirst()
                    .orElse(name.startsWith(service.target().name() + "-")
                            ? name.substring(service.target().name().length() + 1) : name);
            DroppedPolicies.toIstio(dr, version, desired, service.target()).ifPresent(out::add);
        }
        return out;
    }

    /** The service's Istio routing as a delete removes it (VirtualServices, DestinationRules, their Gateways). */
    private static RoutingDeletion istioRouting(ServiceDetail service, ClusterCache cache) {
        RoutingDeletion all = RoutingDeletion.of(service, cache);
        return new RoutingDeletion(all.objects().stream().filter(o -> o instanceof VirtualService
                || o instanceof DestinationRule dr && !VersionPolicies.isVersionRule(dr, service.target().name())
                || o instanceof io.fabric8.istio.api.networking.v1.Gateway).toList(),
                all.refused());
    }

    /**
     * Objects the plan would write over that Traffic Wizard does not manage: never overwritten. A
     * Gateway at the gateway's name ({@code GATEWAY_NOT_MANAGED}); an HTTPRoute or ReferenceGrant at
     * the service ({@code UNMANAGED_ROUTING}). Version Services are {@link #versionServiceErrors}'.
     */
    static List<Diagnostic> unmanaged(GatewayApiObjects objects, ClusterCache cache) {
        List<Diagnostic> out = new ArrayList<>();
        for (HasMetadata object : objects.all()) {
            if (object instanceof Service || object instanceof DestinationRule) {
                continue; // versionServiceErrors' (VERSION_SERVICE_TAKEN, VERSION_POLICY_TAKEN)
            }
            cache.cached(object).filter(l -> !Managed.isManaged(l)).ifPresent(l -> {
                String ref = l.getMetadata().getNamespace() + "/" + l.getMetadata().getName();
                out.add(object instanceof io.fabric8.kubernetes.api.model.gatewayapi.v1.Gateway
                        ? Diagnostic.error(DiagnosticCode.GATEWAY_NOT_MANAGED, "gateway.name", ref)
                        : Diagnostic.error(DiagnosticCode.UNMANAGED_ROUTING, "service", l.getKind() + " " + ref));
            });
        }
        return out;
    }
}
