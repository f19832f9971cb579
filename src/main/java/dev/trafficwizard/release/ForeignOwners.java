package dev.trafficwizard.release;

import dev.trafficwizard.catalog.Catalog;
import dev.trafficwizard.catalog.ServiceDetail;
import dev.trafficwizard.cluster.ForeignRelease;
import dev.trafficwizard.cluster.ForeignReleases;
import dev.trafficwizard.ownership.OwnershipMarks;
import dev.trafficwizard.rollout.ForeignController;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.OwnerReference;
import org.springframework.stereotype.Component;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The other controllers that manage a service's routing: no rollout may start while one does.
 * <ul>
 * <li>an Argo Rollouts {@code Rollout} or a Flagger {@code Canary} of the namespace whose spec names the
 * service, a VirtualService named after it, or one of its routing objects ({@link ForeignRelease});</li>
 * <li>a routing object of the service (its VirtualServices, DestinationRules, HTTPRoutes, version
 * Services: {@link ServiceDetail#routingObjects()}) with a controller {@code ownerReference}
 * ({@code controller: true}) — Flagger sets one to its Canary on the VirtualService and
 * DestinationRules it creates ({@code pkg/router/istio.go}); Traffic Wizard never sets one;</li>
 * <li>a routing object with Argo Rollouts' annotation {@value #ARGO_MANAGED_BY} (its value the
 * Rollout's name), which Argo Rollouts puts on the DestinationRule whose subsets it edits
 * ({@code rollout/trafficrouting/istio/istio.go}, {@code ManagedByRolloutsKey} in
 * {@code pkg/apis/rollouts/v1alpha1/types.go}).</li>
 * </ul>
 * Each is found once; its {@code detail} says where, in the objects' own terms (field paths, no prose),
 * e.g. {@code VirtualService bookinfo/reviews: metadata.ownerReferences → Canary reviews}. Rollouts and
 * Canaries of other namespaces are not looked at.
 */
@Component
public class ForeignOwners implements dev.trafficwizard.workflow.ForeignControllers {

    static final String ARGO_MANAGED_BY = OwnershipMarks.ARGO_ROLLOUTS_MANAGED_BY;
    private static final String ARGO = OwnershipMarks.ARGO_ROLLOUTS;

    private final Catalog catalog;
    private final ForeignReleases releases;

    public ForeignOwners(Catalog catalog, ForeignReleases releases) {
        this.catalog = catalog;
        this.releases = releases;
    }

    /** The controllers other than Traffic Wizard that manage the service's routing, first those named in a spec. */
    @Override
    public List<ForeignController> managing(String namespace, String service) {
        // no such service (among the watched namespaces): nothing to step aside for, and no list call
        // for a namespace someone typed
        return catalog.service(namespace, service).map(this::managing).orElse(List.of());
    }

    /** The same for a service already read from the catalog (a page that shows it). */
    public List<ForeignController> managing(ServiceDetail shown) {
        String namespace = shown.summary().namespace();
        String service = shown.summary().name();
        List<HasMetadata> objects = shown.routingObjects();
        List<ForeignRelease> inNamespace = releases.in(namespace);
        Map<String, ForeignController> found = new LinkedHashMap<>();
        for (ForeignRelease release : inNamespace) {
            reason(release, namespace, service, objects).ifPresent(detail -> add(found, new ForeignController(
                    release.tool(), release.kind(), release.namespace(), release.name(), release.phase(), detail)));
        }
        for (HasMetadata object : objects) {
            String where = object.getKind() + " " + object.getMetadata().getNamespace() + "/"
                    + object.getMetadata().getName() + ": ";
            String ns = object.getMetadata().getNamespace();
            List<OwnerReference> owners = object.getMetadata().getOwnerReferences();
            for (OwnerReference owner : owners == null ? List.<OwnerReference>of() : owners) {
                if (Boolean.TRUE.equals(owner.getController())) {
                    add(found, new ForeignController(tool(owner.getApiVersion()), owner.getKind(), ns, owner.getName(),
                            phase(inNamespace, owner.getKind(), ns, owner.getName()),
                            where + "metadata.ownerReferences → " + owner.getKind() + " " + owner.getName()));
                }
            }
            String rollout = object.getMetadata().getAnnotations() == null ? null
                    : object.getMetadata().getAnnotations().get(ARGO_MANAGED_BY);
            if (rollout != null && !rollout.isBlank()) {
                add(found, new ForeignController(ARGO, "Rollout", ns, rollout, phase(inNamespace, "Rollout", ns, rollout),
                        where + "metadata.annotations[" + ARGO_MANAGED_BY + "] → Rollout " + rollout));
            }
        }
        return List.copyOf(found.values());
    }

    /**
     * The reads that failed (other than a missing CRD) when looking for controllers of the namespace:
     * while any did, whether another controller manages a service there is not known.
     */
    public List<ForeignReleases.Failure> unknown(String namespace) {
        return releases.listing(namespace).failed();
    }

    /** Where the release's spec names the service, a VirtualService named after it, or one of its routing objects. */
    private static Optional<String> reason(ForeignRelease release, String namespace, String service,
                                           List<HasMetadata> objects) {
        String where = release.kind() + " " + release.namespace() + "/" + release.name() + ": ";
        Optional<ForeignRelease.Reference> named = release.naming("Service", namespace, service)
                .or(() -> release.naming("VirtualService", namespace, service));
        if (named.isPresent()) {
            return named.map(r -> where + r.field() + " → " + r.kind() + " " + r.name());
        }
        for (HasMetadata object : objects) {
            Optional<ForeignRelease.Reference> ref = release.naming(object.getKind(),
                    object.getMetadata().getNamespace(), object.getMetadata().getName());
            if (ref.isPresent()) {
                return ref.map(r -> where + r.field() + " → " + r.kind() + " " + r.namespace() + "/" + r.name());
            }
        }
        return Optional.empty();
    }

    private static void add(Map<String, ForeignController> found, ForeignController controller) {
        found.putIfAbsent(controller.kind() + " " + controller.namespace() + "/" + controller.name(), controller);
    }

    private static String phase(List<ForeignRelease> releases, String kind, String namespace, String name) {
        return releases.stream().filter(r -> r.kind().equals(kind) && r.namespace().equals(namespace)
                && r.name().equals(name)).map(ForeignRelease::phase).findFirst().orElse(null);
    }

    /** The tool behind an owner's API group: Argo Rollouts and Flagger by name, others by their group. */
    static String tool(String apiVersion) {
        return OwnershipMarks.toolOf(apiVersion);
    }
}
