package dev.trafficwizard.workflow;

import dev.trafficwizard.catalog.Catalog;
import dev.trafficwizard.catalog.ServiceDetail;
import dev.trafficwizard.cluster.ClusterCache;
import dev.trafficwizard.cluster.RoutingApplier;
import dev.trafficwizard.ownership.OwnedObject;
import dev.trafficwizard.ownership.Owner;
import dev.trafficwizard.ownership.OwnerRef;
import dev.trafficwizard.ownership.OwnershipMarks;
import dev.trafficwizard.routing.Diagnostic;
import dev.trafficwizard.routing.DiagnosticCode;
import dev.trafficwizard.routing.Hosts;
import dev.trafficwizard.security.Actor;
import dev.trafficwizard.security.Role;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * #18 own: who owns the routing a write would change ({@link OwnershipMarks} on each object and on its
 * namespace, the namespace's marks from the cluster cache), and the refusal of such a write: error
 * {@code OWNED_BY_OTHER_TOOL} at path "" per owned object, unless an admin acknowledged the owner.
 * The Argo CD instance label counts only with {@code traffic-wizard.gitops.argocd.instance-label=true}.
 */
@Component("ownership")
public class Ownership {

    private final ClusterCache cache;
    private final Catalog catalog;
    private final OwnershipMarks marks;
    private final ForeignControllers controllers;

    Ownership(ClusterCache cache, Catalog catalog, boolean instanceLabel) {
        this(cache, catalog, new OwnershipMarks(instanceLabel), (namespace, service) -> List.of());
    }

    @org.springframework.beans.factory.annotation.Autowired
    Ownership(ClusterCache cache, Catalog catalog,
              @Value("${traffic-wizard.gitops.argocd.instance-label:false}") boolean instanceLabel,
              @Value("${traffic-wizard.gitops.argocd.instance-label-key:app.kubernetes.io/instance}") String instanceLabelKey,
              org.springframework.beans.factory.ObjectProvider<ForeignControllers> controllers) {
        this(cache, catalog, new OwnershipMarks(instanceLabel, instanceLabelKey),
                (namespace, service) -> controllers.getIfAvailable(() -> (n, s) -> List.of()).managing(namespace, service));
    }

    Ownership(ClusterCache cache, Catalog catalog, OwnershipMarks marks, ForeignControllers controllers) {
        this.cache = cache;
        this.catalog = catalog;
        this.marks = marks;
        this.controllers = controllers;
    }

    /** The owners of a service's routing, for its page and the services list (empty: none, or no such service). */
    public List<Owner> owners(String namespace, String service) {
        return catalog.service(namespace, service).map(this::owners).orElse(List.of());
    }

    /**
     * The same for a row of the services list, cheaply: the namespace's marks and those of the
     * VirtualServices and DestinationRules for the service's host (index look-ups, no routing model).
     */
    public List<Owner> listed(String namespace, String service) {
        Map<String, Owner> found = new LinkedHashMap<>();
        namespaceOwners(namespace).forEach(o -> found.putIfAbsent(key(o), o));
        String fqdn = Hosts.serviceFqdn(service, namespace);
        List<HasMetadata> objects = new ArrayList<>(cache.virtualServicesFor(fqdn));
        objects.addAll(cache.destinationRulesFor(fqdn));
        for (HasMetadata object : objects) {
            objectOwners(object).forEach(o -> found.putIfAbsent(key(o), o));
        }
        controllerOwners(namespace, service).forEach(o -> found.putIfAbsent(key(o), o));
        return List.copyOf(found.values());
    }

    /**
     * #18 fix: an Argo Rollouts Rollout or Flagger Canary that shapes the service's traffic owns its
     * routing although it leaves no mark on the VirtualService ({@link ForeignControllers}); the mark
     * named is where its spec names the service or object.
     */
    private List<Owner> controllerOwners(String namespace, String service) {
        if (namespace == null || service == null) {
            return List.of();
        }
        return controllers.managing(namespace, service).stream()
                .map(c -> new Owner(c.tool(), c.kind(), c.name(), c.detail())).toList();
    }

    /** The owners of the service's namespace first, then of each of its routing objects; each owner once. */
    public List<Owner> owners(ServiceDetail service) {
        Map<String, Owner> found = new LinkedHashMap<>();
        namespaceOwners(service.target().namespace()).forEach(o -> found.putIfAbsent(key(o), o));
        for (HasMetadata object : service.routingObjects()) {
            objectOwners(object).forEach(o -> found.putIfAbsent(key(o), o));
        }
        controllerOwners(service.summary().namespace(), service.summary().name())
                .forEach(o -> found.putIfAbsent(key(o), o));
        return List.copyOf(found.values());
    }

    /** The objects among the writes (deletes included) that another tool owns, each with its first owner. */
    public List<OwnedObject> owned(List<RoutingApplier.Write> writes) {
        return owned(null, writes);
    }

    /**
     * The same for the writes of a service: a controller that shapes its traffic (a Rollout, a Canary)
     * owns each object written, after the objects' and the namespace's marks.
     */
    public List<OwnedObject> owned(ServiceDetail service, List<RoutingApplier.Write> writes) {
        List<Owner> byController = service == null ? List.of()
                : controllerOwners(service.summary().namespace(), service.summary().name());
        List<OwnedObject> owned = new ArrayList<>();
        for (RoutingApplier.Write write : writes) {
            HasMetadata subject = write.live() != null ? write.live() : write.desired();
            if (subject == null || subject.getMetadata() == null) {
                continue;
            }
            ObjectMeta meta = subject.getMetadata();
            List<Owner> owners = new ArrayList<>(objectOwners(subject));
            // #18 fix: an object opted out of Flux (kustomize.toolkit.fluxcd.io/reconcile: disabled) is not Flux's
            boolean fluxOff = OwnershipMarks.fluxDisabled(meta.getLabels(), meta.getAnnotations());
            namespaceOwners(meta.getNamespace()).stream()
                    .filter(o -> !(fluxOff && OwnershipMarks.FLUX.equals(o.tool()))).forEach(owners::add);
            owners.addAll(byController);
            if (!owners.isEmpty()) {
                owned.add(new OwnedObject(subject.getKind(), meta.getNamespace(), meta.getName(), owners.get(0)));
            }
        }
        return owned;
    }

    /** The preview's warnings: the same text as the refusal, so the user knows before applying. */
    List<Diagnostic> warnings(List<RoutingApplier.Write> writes) {
        return warnings(null, writes);
    }

    /** The same for the writes of a service (its Rollout or Canary included). */
    List<Diagnostic> warnings(ServiceDetail service, List<RoutingApplier.Write> writes) {
        return owned(service, writes).stream().map(o -> Diagnostic.warning(DiagnosticCode.OWNED_BY_OTHER_TOOL, "", args(o)))
                .toList();
    }

    /**
     * Why the writes are refused: one error per owned object, unless there is none, or the current
     * user is an admin who acknowledged the owner ({@code acknowledgeOwner}; ignored for anyone else).
     */
    Optional<WriteResult.Rejected> refused(List<OwnedObject> owned, boolean acknowledgeOwner) {
        if (owned.isEmpty() || overrides(acknowledgeOwner)) {
            return Optional.empty();
        }
        return Optional.of(new WriteResult.Rejected(owned.stream()
                .map(o -> Diagnostic.error(DiagnosticCode.OWNED_BY_OTHER_TOOL, "", args(o))).toList()));
    }

    /** An acknowledgement counts from an admin only. */
    static boolean overrides(boolean acknowledgeOwner) {
        return acknowledgeOwner && Actor.roles().contains(Role.ADMIN);
    }

    /** The recorded override: "overrode Argo CD ownership of VirtualService bookinfo/reviews; ...". */
    static String override(List<OwnedObject> owned) {
        return String.join("; ", owned.stream().map(OwnedObject::override).toList());
    }

    private static Object[] args(OwnedObject o) {
        return new Object[]{o.object(), o.owner().tool(), o.owner().kind(), o.owner().name(), o.owner().mark()};
    }

    private List<Owner> objectOwners(HasMetadata object) {
        ObjectMeta meta = object.getMetadata();
        List<OwnerRef> refs = meta.getOwnerReferences() == null ? List.of() : meta.getOwnerReferences().stream()
                .map(r -> new OwnerRef(r.getApiVersion(), r.getKind(), r.getName(), Boolean.TRUE.equals(r.getController())))
                .toList();
        return marks.ofObject(meta.getLabels(), meta.getAnnotations(), refs);
    }

    private List<Owner> namespaceOwners(String namespace) {
        return namespace == null ? List.of()
                : marks.ofNamespace(namespace, cache.namespaceLabels(namespace), cache.namespaceAnnotations(namespace));
    }

    private static String key(Owner o) {
        return o.tool() + "/" + o.kind() + "/" + o.name();
    }
}
