package dev.trafficwizard.analysis;

import io.fabric8.istio.api.networking.v1.DestinationRule;
import io.fabric8.istio.api.networking.v1.Gateway;
import io.fabric8.istio.api.networking.v1.VirtualService;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRoute;
import io.fabric8.kubernetes.api.model.gatewayapi.v1beta1.ReferenceGrant;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The mesh as the analyzers see it, as look-ups (so a check of one object costs the same on a
 * mesh of ten or ten thousand objects): answered from the informer caches for live checks, from
 * lists ({@link ListedSnapshot}) in tests, and as the live mesh with pasted objects laid over it
 * ({@link Overlay}). Host keys are {@link dev.trafficwizard.routing.Hosts#resolve} of a host in
 * its object's namespace.
 */
public interface MeshSnapshot {

    /**
     * Every VirtualService, DestinationRule and Gateway (Istio's), HTTPRoute and Gateway API Gateway:
     * what a full check analyzes.
     */
    Stream<HasMetadata> routingObjects();

    /** A routing object by kind, namespace and name. */
    Optional<HasMetadata> get(ObjectRef ref);

    /** VirtualServices with a {@code spec.hosts} entry whose key is {@code hostKey}. */
    List<VirtualService> virtualServicesWithHost(String hostKey);

    /** VirtualServices that name the Gateway {@code namespace/name} in {@code spec.gateways}. */
    List<VirtualService> virtualServicesBoundTo(String namespace, String name);

    /** DestinationRules whose {@code spec.host} key is {@code hostKey}. */
    List<DestinationRule> destinationRulesFor(String hostKey);

    Optional<Gateway> gateway(String namespace, String name);

    /** Every Gateway (meshes have few). */
    List<Gateway> gateways();

    Optional<Service> service(String namespace, String name);

    /** Deployments in {@code namespace} whose pod template labels include every entry of {@code labels}. */
    List<Deployment> deployments(String namespace, Map<String, String> labels);

    /**
     * Deployments in any namespace whose pod template labels include every entry of {@code labels}
     * (a Gateway's selector picks its workload anywhere); empty for an empty {@code labels}.
     */
    List<Deployment> workloads(Map<String, String> labels);

    /**
     * Whether the dashboard sees this namespace (with namespaced RBAC it may not): a host there
     * that is not found is only reported when its namespace is seen.
     */
    boolean sees(String namespace);

    /** Every HTTPRoute ({@code gateway.networking.k8s.io/v1}). Empty until the mesh holds them. */
    default List<HTTPRoute> httpRoutes() {
        return List.of();
    }

    /**
     * The HTTPRoutes with a {@code parentRefs} entry naming the Service {@code namespace/name} (mesh
     * routing, GAMMA); a parent without a namespace is in its route's.
     */
    default List<HTTPRoute> httpRoutesForService(String namespace, String name) {
        return httpRoutes().stream().filter(r -> GatewayApiRefs.attachedToService(r, namespace, name)).toList();
    }

    /** Every Gateway of the Gateway API ({@code gateway.networking.k8s.io/v1}), waypoints included. */
    default List<io.fabric8.kubernetes.api.model.gatewayapi.v1.Gateway> k8sGateways() {
        return List.of();
    }

    /** The Gateway API Gateway {@code namespace/name}. */
    default Optional<io.fabric8.kubernetes.api.model.gatewayapi.v1.Gateway> k8sGateway(String namespace, String name) {
        return k8sGateways().stream().filter(g -> namespace.equals(g.getMetadata().getNamespace())
                && name.equals(g.getMetadata().getName())).findFirst();
    }

    /** Every ReferenceGrant (read in {@code v1beta1}, which Gateway API v1.6 still stores). */
    default List<ReferenceGrant> referenceGrants() {
        return List.of();
    }

    /** The ReferenceGrants of one namespace. */
    default List<ReferenceGrant> referenceGrants(String namespace) {
        return referenceGrants().stream().filter(g -> namespace.equals(g.getMetadata().getNamespace())).toList();
    }

    /**
     * The labels of a namespace; empty when it is unknown (with namespaced RBAC the dashboard may not
     * read Namespaces). A namespace the API server knows always has at least
     * {@code kubernetes.io/metadata.name}, so empty means unknown and checks that need the labels skip it.
     */
    default Map<String, String> namespaceLabels(String namespace) {
        return Map.of();
    }
}
