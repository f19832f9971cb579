package dev.trafficwizard.rollout;

/**
 * Another controller that manages a service's routing (an Argo Rollouts {@code Rollout}, a Flagger
 * {@code Canary}, or the owner named on its routing objects): no rollout may start while one does.
 * {@code phase} is what that controller reports (null when unknown), {@code detail} how it was found.
 */
public record ForeignController(String tool, String kind, String namespace, String name, String phase,
                                String detail) {
}
