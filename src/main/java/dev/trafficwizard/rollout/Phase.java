package dev.trafficwizard.rollout;

/** Where a rollout is; the names are the API's ({@code "phase": "Progressing"}). */
public enum Phase {
    Progressing, Paused, Succeeded, Aborted;

    /** Succeeded or aborted: nothing more happens to it. */
    public boolean finished() {
        return this == Succeeded || this == Aborted;
    }
}
