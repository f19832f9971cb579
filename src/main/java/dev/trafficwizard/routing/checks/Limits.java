package dev.trafficwizard.routing.checks;

/** Upper bounds that keep plans (and the objects built from them) of a sane size. */
public final class Limits {

    public static final int MAX_RULES = 50;
    public static final int MAX_DESTINATIONS = 20;
    public static final int MAX_HOSTS = 50;
    /** Longest match value (exact, prefix or regex). */
    public static final int MAX_VALUE_LENGTH = 1024;

    private Limits() {
    }
}
