package dev.trafficwizard.workflow;

import dev.trafficwizard.catalog.ServiceDetail;
import dev.trafficwizard.cluster.ClusterCache;
import dev.trafficwizard.istio.RequestSimulator;
import dev.trafficwizard.istio.Resolution;
import dev.trafficwizard.istio.RoutingObjectBuilder;
import dev.trafficwizard.istio.RoutingObjects;
import dev.trafficwizard.istio.SimulatedRequest;
import dev.trafficwizard.routing.RoutingPlan;
import io.fabric8.kubernetes.api.model.HasMetadata;
import org.springframework.stereotype.Service;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * "Where does this request go?" answered from Istio objects: the live ones of the whole mesh, or
 * the live ones with a plan's proposed objects in place of the ones it would write.
 */
@Service
public class Simulations {

    private final ClusterCache cache;
    private final PlanObjects plans;

    Simulations(ClusterCache cache, PlanObjects plans) {
        this.cache = cache;
        this.plans = plans;
    }

    /**
     * The simulator on the plan's proposed objects when they can be built; otherwise (nothing is
     * built from an incomplete plan, e.g. a version missing) on the live objects.
     */
    public Resolution proposedOrLive(ServiceDetail service, RoutingPlan plan, SimulatedRequest request) {
        return plan != null && plans.check(plan).buildable() ? proposed(service, plan, request)
                : live(service, request);
    }

    public Resolution live(ServiceDetail service, SimulatedRequest request) {
        return RequestSimulator.simulate(request, cache.virtualServices(), cache.destinationRules(), cache.gateways(),
                service.target(), service.target().namespace());
    }

    public Resolution proposed(ServiceDetail service, RoutingPlan plan, SimulatedRequest request) {
        RoutingObjects objects = RoutingObjectBuilder.build(plan, service.target());
        return RequestSimulator.simulate(request,
                replace(cache.virtualServices(), objects.virtualService()),
                replace(cache.destinationRules(), objects.destinationRule()),
                replace(cache.gateways(), objects.gateway()),
                service.target(), service.target().namespace());
    }

    private static <T extends HasMetadata> List<T> replace(List<T> live, T proposed) {
        List<T> out = new ArrayList<>();
        for (T object : live) {
            if (proposed == null || !sameName(object, proposed)) {
                out.add(object);
            }
        }
        if (proposed != null) {
            out.add(proposed);
        }
        return out;
    }

    private static boolean sameName(HasMetadata a, HasMetadata b) {
        return Objects.equals(a.getMetadata().getNamespace(), b.getMetadata().getNamespace())
                && Objects.equals(a.getMetadata().getName(), b.getMetadata().getName());
    }
}
