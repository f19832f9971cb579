package dev.trafficwizard.workflow;

import dev.trafficwizard.rollout.ForeignController;

import java.util.List;

/**
 * #18 fix: the controllers other than Traffic Wizard that shape a service's traffic (an Argo Rollouts
 * {@code Rollout} or a Flagger {@code Canary} naming the service or its routing objects). They leave no
 * mark on the VirtualService they edit, so {@link Ownership} asks for them; implemented in release
 * ({@code ForeignOwners}), which depends on workflow, hence the interface here.
 */
public interface ForeignControllers {

    /** The controllers managing the service's routing (empty when none, or no such service). */
    List<ForeignController> managing(String namespace, String service);
}
