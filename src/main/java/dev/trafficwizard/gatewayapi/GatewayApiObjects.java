package dev.trafficwizard.gatewayapi;

import io.fabric8.istio.api.networking.v1.DestinationRule;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.Gateway;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRoute;
import io.fabric8.kubernetes.api.model.gatewayapi.v1beta1.ReferenceGrant;

import java.util.ArrayList;
import java.util.List;

/**
 * The Gateway API objects of one plan ({@link GatewayApiTranslator#translate}): a Service per
 * version the plan routes to, the Gateway when the plan creates one (else null), the ReferenceGrant
 * that lets that Gateway read a TLS Secret of another namespace (else null; v1beta1, the version
 * fabric8's model has and the CRD still serves), and the HTTPRoute named after the service; for the
 * subdomain form's rules ("host h goes to version v") also one HTTPRoute per host
 * ({@code hostRoutes}, see {@link HostRoutes}: labelled {@code traffic-wizard.io/route-of: <service>}
 * so they can be listed, written and removed with the main route). {@code untranslatable} lists
 * what of the plan has no Gateway API equivalent (the objects route differently: do not apply them
 * without saying so); {@code differences} what translates but behaves otherwise than under Istio;
 * {@code destinationRules} the version Services' policies ({@link VersionPolicies}); {@code experimental}
 * the plan's fields written with the Gateway API's experimental channel (HTTPRoute {@code retry}).
 */
public record GatewayApiObjects(List<Service> versionServices, Gateway gateway, ReferenceGrant referenceGrant,
                                HTTPRoute route, List<Untranslatable> untranslatable,
                                List<Difference> differences, List<HTTPRoute> hostRoutes,
                                List<DestinationRule> destinationRules, List<Difference> experimental) {

    public GatewayApiObjects {
        versionServices = List.copyOf(versionServices);
        destinationRules = destinationRules == null ? List.of() : List.copyOf(destinationRules);
        experimental = experimental == null ? List.of() : List.copyOf(experimental);
        hostRoutes = List.copyOf(hostRoutes);
        untranslatable = List.copyOf(untranslatable);
        differences = List.copyOf(differences);
    }

    /** Objects without version policies. */
    public GatewayApiObjects(List<Service> versionServices, Gateway gateway, ReferenceGrant referenceGrant,
                             HTTPRoute route, List<Untranslatable> untranslatable, List<Difference> differences,
                             List<HTTPRoute> hostRoutes) {
        this(versionServices, gateway, referenceGrant, route, untranslatable, differences, hostRoutes, List.of(),
                List.of());
    }

    /** Objects without routes per host. */
    public GatewayApiObjects(List<Service> versionServices, Gateway gateway, ReferenceGrant referenceGrant,
                             HTTPRoute route, List<Untranslatable> untranslatable, List<Difference> differences) {
        this(versionServices, gateway, referenceGrant, route, untranslatable, differences, List.of());
    }

    /** The main route and the routes per host: every HTTPRoute of the plan. */
    public List<HTTPRoute> routes() {
        List<HTTPRoute> out = new ArrayList<>(hostRoutes);
        out.add(route);
        return out;
    }

    /** Whether the objects route as the plan says (differences aside). */
    public boolean complete() {
        return untranslatable.isEmpty();
    }

    /**
     * Every object in a safe write order: the version Services first (a backend that exists before
     * the route points at it), their DestinationRules (the policy is in place before traffic arrives), the ReferenceGrant before the Gateway that needs it, the Gateway
     * before the routes that attach to it, the routes per host, the HTTPRoute last. Remove in the
     * reverse order.
     */
    public List<HasMetadata> all() {
        List<HasMetadata> out = new ArrayList<>(versionServices);
        out.addAll(destinationRules);
        if (referenceGrant != null) {
            out.add(referenceGrant);
        }
        if (gateway != null) {
            out.add(gateway);
        }
        out.addAll(hostRoutes);
        out.add(route);
        return out;
    }
}
