package dev.trafficwizard.cluster;

import dev.trafficwizard.analysis.GatewayApiRefs;
import dev.trafficwizard.gatewayapi.VersionServices;
import dev.trafficwizard.istio.Managed;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.Gateway;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRoute;
import io.fabric8.kubernetes.api.model.gatewayapi.v1beta1.ReferenceGrant;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The caches of the Kubernetes Gateway API's objects (HTTPRoute, Gateway, ReferenceGrant) and of
 * Namespaces (their labels say ambient mode and waypoints). The Gateway API informers exist only
 * when the cluster serves the Gateway API: its CRDs are optional, and an informer on a resource the
 * API server does not serve never syncs.
 */
final class GatewayApiInformers {

    private static final Logger log = LoggerFactory.getLogger(GatewayApiInformers.class);
    static final String HTTPROUTES_CRD = "httproutes.gateway.networking.k8s.io";
    static final String GATEWAYS_CRD = "gateways.gateway.networking.k8s.io";
    static final String REFERENCEGRANTS_CRD = "referencegrants.gateway.networking.k8s.io";
    static final String BY_SERVICE = "service";

    final boolean available;
    final Informers<HTTPRoute> routes;
    final Informers<Gateway> gateways;
    final Informers<ReferenceGrant> grants;
    final Informers<Namespace> namespaces;

    GatewayApiInformers(KubernetesClient client, List<String> watched, long page) {
        available = served(client, watched);
        namespaces = namespacesReadable(client, watched) ? new Informers<>(watched, ns -> ClusterCache.paged(ns == null
                ? client.namespaces() : client.namespaces().withField("metadata.name", ns), page)
                .itemStore(new TrimmingStore<Namespace>(Trim::managedFields))) : null;
        if (!available) {
            routes = null;
            gateways = null;
            grants = null;
            return;
        }
        routes = new Informers<>(watched, ns -> ClusterCache.paged(ns == null ? client.resources(HTTPRoute.class).inAnyNamespace()
                : client.resources(HTTPRoute.class).inNamespace(ns), page)
                .itemStore(new TrimmingStore<HTTPRoute>(Trim::managedFields))
                .addIndexers(Map.of(BY_SERVICE, GatewayApiInformers::servicesOf)));
        gateways = new Informers<>(watched, ns -> ClusterCache.paged(ns == null ? client.resources(Gateway.class).inAnyNamespace()
                : client.resources(Gateway.class).inNamespace(ns), page)
                .itemStore(new TrimmingStore<Gateway>(Trim::managedFields)));
        // ReferenceGrants are read where their CRD is installed too (it is optional: the checks then see none)
        grants = available && grantsServed(client) ? new Informers<>(watched, ns -> ClusterCache.paged(ns == null
                ? client.resources(ReferenceGrant.class).inAnyNamespace()
                : client.resources(ReferenceGrant.class).inNamespace(ns), page)
                .itemStore(new TrimmingStore<ReferenceGrant>(Trim::managedFields))) : null;
    }

    /** Every informer that exists, to start, stop and listen to. */
    List<Informers<?>> all() {
        List<Informers<?>> out = new ArrayList<>();
        if (namespaces != null) {
            out.add(namespaces);
        }
        if (available) {
            out.addAll(List.of(routes, gateways));
        }
        if (grants != null) {
            out.add(grants);
        }
        return out;
    }

    /**
     * Whether the dashboard may read the watched namespaces (the Helm chart grants it): without it,
     * no namespace counts as ambient, and the caches still sync.
     */
    private static boolean namespacesReadable(KubernetesClient client, List<String> watched) {
        try {
            if (watched.isEmpty()) {
                client.namespaces().list(new io.fabric8.kubernetes.api.model.ListOptionsBuilder().withLimit(1L).build());
            } else {
                client.namespaces().withName(watched.get(0)).get();
            }
            return true;
        } catch (KubernetesClientException e) {
            log.warn("Cannot read namespaces ({}): ambient mode and waypoints are not detected", e.getCode());
            return false;
        }
    }

    /**
     * Whether the API server serves HTTPRoutes and Gateways: their CRDs are registered. Where the
     * dashboard may not read CRDs (403), a one-item list of HTTPRoutes answers instead.
     */
    static boolean served(KubernetesClient client, List<String> watched) {
        try {
            return crdServed(client, HTTPROUTES_CRD, "v1") && crdServed(client, GATEWAYS_CRD, "v1");
        } catch (KubernetesClientException e) {
            if (e.getCode() != 403 && e.getCode() != 401) {
                log.warn("Cannot tell whether the Gateway API is installed: {}", e.getMessage());
                return false;
            }
        }
        try {
            var list = new io.fabric8.kubernetes.api.model.ListOptionsBuilder().withLimit(1L).build();
            if (watched.isEmpty()) {
                client.resources(HTTPRoute.class).inAnyNamespace().list(list);
            } else {
                client.resources(HTTPRoute.class).inNamespace(watched.get(0)).list(list);
            }
            return true;
        } catch (KubernetesClientException e) {
            return false;
        }
    }

    /** ReferenceGrants in v1beta1 (the version the typed model has); assumed where CRDs may not be read. */
    private static boolean grantsServed(KubernetesClient client) {
        try {
            return crdServed(client, REFERENCEGRANTS_CRD, "v1beta1");
        } catch (KubernetesClientException e) {
            return e.getCode() == 403 || e.getCode() == 401;
        }
    }

    /** The CRD is installed and serves {@code version} (older Gateway API releases served v1beta1 only). */
    private static boolean crdServed(KubernetesClient client, String name, String version) {
        var crd = client.apiextensions().v1().customResourceDefinitions().withName(name).get();
        return crd != null && crd.getSpec() != null && crd.getSpec().getVersions() != null
                && crd.getSpec().getVersions().stream().anyMatch(v -> version.equals(v.getName())
                && Boolean.TRUE.equals(v.getServed()));
    }

    /**
     * The services a route concerns, as {@code namespace/name}: the Services it is attached to
     * (GAMMA parentRefs) and the Services its rules send to. A version Service
     * ({@code <service>-<version>}) is indexed under its own name; callers look it up too.
     */
    static List<String> servicesOf(HTTPRoute route) {
        Set<String> out = new LinkedHashSet<>();
        GatewayApiRefs.parents(route).stream().filter(GatewayApiRefs.Parent::isService)
                .forEach(p -> out.add(p.namespace() + "/" + p.name()));
        GatewayApiRefs.backends(route).forEach(b -> out.add(b.namespace() + "/" + b.name()));
        return List.copyOf(out);
    }

    static boolean managedVersionService(io.fabric8.kubernetes.api.model.Service s) {
        return Managed.isManaged(s) && s.getMetadata().getLabels().containsKey(VERSION_OF);
    }

    /** The label a version Service carries: the name of the service it is a version of. */
    static final String VERSION_OF = VersionServices.VERSION_OF;
}
