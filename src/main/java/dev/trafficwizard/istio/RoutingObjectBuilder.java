package dev.trafficwizard.istio;

import dev.trafficwizard.routing.Names;
import dev.trafficwizard.routing.PlanValidator;
import dev.trafficwizard.routing.Rule;
import dev.trafficwizard.routing.RoutingPlan;
import dev.trafficwizard.routing.TargetService;
import dev.trafficwizard.routing.WeightedDestination;
import io.fabric8.istio.api.api.networking.v1alpha3.HTTPRoute;
import io.fabric8.istio.api.api.networking.v1alpha3.HTTPRouteBuilder;
import io.fabric8.istio.api.api.networking.v1alpha3.HTTPRouteDestination;
import io.fabric8.istio.api.api.networking.v1alpha3.HTTPRouteDestinationBuilder;
import io.fabric8.istio.api.api.networking.v1alpha3.Subset;
import io.fabric8.istio.api.api.networking.v1alpha3.SubsetBuilder;
import io.fabric8.istio.api.networking.v1.DestinationRule;
import io.fabric8.istio.api.networking.v1.DestinationRuleBuilder;
import io.fabric8.istio.api.networking.v1.VirtualService;
import io.fabric8.istio.api.networking.v1.VirtualServiceBuilder;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns a validated plan into a DestinationRule (one subset per version used, selected by the
 * service's version label) and a VirtualService (destinations by FQDN and subset, integer weights).
 * Both are named after the service and carry the managed-by label.
 */
public final class RoutingObjectBuilder {

    private RoutingObjectBuilder() {
    }

    public static RoutingObjects build(RoutingPlan plan, TargetService target) {
        return new RoutingObjects(destinationRule(plan, target), virtualService(plan, target));
    }

    static DestinationRule destinationRule(RoutingPlan plan, TargetService target) {
        List<Subset> subsets = new ArrayList<>();
        for (String version : versionsUsed(plan)) {
            subsets.add(new SubsetBuilder()
                    .withName(Names.subsetName(version))
                    .withLabels(Map.of(target.versionLabel(), version))
                    .build());
        }
        return new DestinationRuleBuilder()
                .withMetadata(metadata(plan))
                .withNewSpec()
                .withHost(target.fqdn())
                .withSubsets(subsets)
                .endSpec()
                .build();
    }

    static VirtualService virtualService(RoutingPlan plan, TargetService target) {
        List<HTTPRoute> http = new ArrayList<>();
        for (Rule rule : plan.rules()) {
            List<HTTPRouteDestination> route = new ArrayList<>();
            for (WeightedDestination d : rule.route()) {
                route.add(new HTTPRouteDestinationBuilder()
                        .withNewDestination()
                        .withHost(target.fqdn())
                        .withSubset(Names.subsetName(d.version()))
                        .endDestination()
                        .withWeight(PlanValidator.effectiveWeight(d, rule.route().size()))
                        .build());
            }
            http.add(new HTTPRouteBuilder().withRoute(route).build());
        }
        List<String> hosts = plan.hosts().isEmpty() ? List.of(target.fqdn()) : plan.hosts();
        return new VirtualServiceBuilder()
                .withMetadata(metadata(plan))
                .withNewSpec()
                .withHosts(hosts)
                .withHttp(http)
                .endSpec()
                .build();
    }

    private static Set<String> versionsUsed(RoutingPlan plan) {
        Set<String> versions = new LinkedHashSet<>();
        plan.rules().forEach(r -> r.route().forEach(d -> versions.add(d.version())));
        return versions;
    }

    private static ObjectMeta metadata(RoutingPlan plan) {
        return new ObjectMetaBuilder()
                .withName(plan.service())
                .withNamespace(plan.namespace())
                .withLabels(Map.of(Managed.LABEL, Managed.VALUE))
                .build();
    }
}
