package dev.trafficwizard.analysis;

import io.fabric8.istio.api.networking.v1.DestinationRule;
import io.fabric8.istio.api.networking.v1.Gateway;
import io.fabric8.istio.api.networking.v1.VirtualService;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;

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

    /** Every VirtualService, DestinationRule and Gateway: what a full check analyzes. */
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
}
