package dev.trafficwizard.analysis;

import io.fabric8.istio.api.networking.v1.DestinationRule;
import io.fabric8.istio.api.networking.v1.Gateway;
import io.fabric8.istio.api.networking.v1.VirtualService;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRoute;
import io.fabric8.kubernetes.api.model.gatewayapi.v1beta1.ReferenceGrant;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * A mesh with routing objects laid over it: each given VirtualService, DestinationRule, Gateway
 * (Istio's or the Gateway API's), HTTPRoute or ReferenceGrant replaces the one of the same kind,
 * namespace and name (or is added); Services, Deployments and namespace labels are the base's. What a paste or a plan
 * would make of the mesh, without writing anything.
 */
public final class Overlay implements MeshSnapshot {

    private final MeshSnapshot base;
    private final ListedSnapshot laid;
    private final Set<String> keys;

    private Overlay(MeshSnapshot base, Collection<? extends HasMetadata> objects) {
        this.base = base;
        List<HasMetadata> routing = objects.stream().filter(o -> MeshAnalysis.isRouting(o) || o instanceof ReferenceGrant)
                .map(o -> (HasMetadata) o).toList();
        this.laid = ListedSnapshot.of(routing);
        this.keys = routing.stream().map(o -> ObjectRef.of(o).key()).collect(Collectors.toSet());
    }

    public static Overlay of(MeshSnapshot base, Collection<? extends HasMetadata> objects) {
        return new Overlay(base, objects);
    }

    /** The live objects the overlay replaces. */
    public List<HasMetadata> replaced() {
        return laid.routingObjects().map(o -> base.get(ObjectRef.of(o))).flatMap(Optional::stream).toList();
    }

    private boolean kept(HasMetadata object) {
        return !keys.contains(ObjectRef.of(object).key());
    }

    private <T extends HasMetadata> List<T> merge(List<T> fromBase, List<T> fromLaid) {
        return Stream.concat(fromBase.stream().filter(this::kept), fromLaid.stream()).toList();
    }

    @Override
    public Stream<HasMetadata> routingObjects() {
        return Stream.concat(base.routingObjects().filter(this::kept), laid.routingObjects());
    }

    @Override
    public Optional<HasMetadata> get(ObjectRef ref) {
        return keys.contains(ref.key()) ? laid.get(ref) : base.get(ref);
    }

    @Override
    public List<VirtualService> virtualServicesWithHost(String hostKey) {
        return merge(base.virtualServicesWithHost(hostKey), laid.virtualServicesWithHost(hostKey));
    }

    @Override
    public List<VirtualService> virtualServicesBoundTo(String namespace, String name) {
        return merge(base.virtualServicesBoundTo(namespace, name), laid.virtualServicesBoundTo(namespace, name));
    }

    @Override
    public List<DestinationRule> destinationRulesFor(String hostKey) {
        return merge(base.destinationRulesFor(hostKey), laid.destinationRulesFor(hostKey));
    }

    @Override
    public Optional<Gateway> gateway(String namespace, String name) {
        Optional<Gateway> over = laid.gateway(namespace, name);
        return over.isPresent() ? over : base.gateway(namespace, name);
    }

    @Override
    public List<Gateway> gateways() {
        return merge(base.gateways(), laid.gateways());
    }

    @Override
    public Optional<Service> service(String namespace, String name) {
        return base.service(namespace, name);
    }

    @Override
    public List<Deployment> deployments(String namespace, Map<String, String> labels) {
        return base.deployments(namespace, labels);
    }

    @Override
    public List<Deployment> workloads(Map<String, String> labels) {
        return base.workloads(labels);
    }

    @Override
    public boolean sees(String namespace) {
        return base.sees(namespace);
    }

    @Override
    public List<HTTPRoute> httpRoutes() {
        return merge(base.httpRoutes(), laid.httpRoutes());
    }

    @Override
    public List<HTTPRoute> httpRoutesForService(String namespace, String name) {
        return merge(base.httpRoutesForService(namespace, name), laid.httpRoutesForService(namespace, name));
    }

    @Override
    public List<io.fabric8.kubernetes.api.model.gatewayapi.v1.Gateway> k8sGateways() {
        return merge(base.k8sGateways(), laid.k8sGateways());
    }

    @Override
    public Optional<io.fabric8.kubernetes.api.model.gatewayapi.v1.Gateway> k8sGateway(String namespace, String name) {
        var over = laid.k8sGateway(namespace, name);
        return over.isPresent() ? over : base.k8sGateway(namespace, name);
    }

    @Override
    public List<ReferenceGrant> referenceGrants() {
        return merge(base.referenceGrants(), laid.referenceGrants());
    }

    @Override
    public List<ReferenceGrant> referenceGrants(String namespace) {
        return merge(base.referenceGrants(namespace), laid.referenceGrants(namespace));
    }

    @Override
    public Map<String, String> namespaceLabels(String namespace) {
        return base.namespaceLabels(namespace);
    }
}
