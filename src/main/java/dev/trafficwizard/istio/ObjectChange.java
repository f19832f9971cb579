package dev.trafficwizard.istio;

/**
 * What a write does to one object, the one vocabulary of previews and applies: a preview names
 * what would happen ({@link #planned()}: create, update, unchanged, delete), an apply what did
 * ({@link #done()}: created, updated, unchanged, deleted). Both words are the JSON of the API.
 */
public enum ObjectChange {
    CREATE("create", "created"),
    UPDATE("update", "updated"),
    UNCHANGED("unchanged", "unchanged"),
    DELETE("delete", "deleted");

    private final String planned;
    private final String done;

    ObjectChange(String planned, String done) {
        this.planned = planned;
        this.done = done;
    }

    /** The word of a preview: create, update, unchanged, delete. */
    public String planned() {
        return planned;
    }

    /** The word of an apply: created, updated, unchanged, deleted. */
    public String done() {
        return done;
    }

    public boolean changes() {
        return this != UNCHANGED;
    }
}
