package dev.trafficwizard.rollout;

/**
 * What an action or a tick did to a rollout: the state after it, the routing to write now
 * ({@code write}, null: nothing to write), or why the action was refused ({@code refused}, a
 * {@link Refusal}; the state is then unchanged).
 */
public record Transition(RolloutState state, RouteTarget write, Refusal refused) {

    /** Why an action cannot be taken in the rollout's phase. */
    public enum Refusal { FINISHED, NOT_PAUSED, ALREADY_PAUSED }

    static Transition to(RolloutState state, RouteTarget write) {
        return new Transition(state, write, null);
    }

    static Transition refuse(RolloutState state, Refusal why) {
        return new Transition(state, null, why);
    }

    public boolean changed() {
        return refused == null;
    }
}
