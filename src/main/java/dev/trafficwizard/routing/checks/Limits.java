package dev.trafficwizard.routing.checks;

/**
 * Upper bounds that keep plans (and the objects built from them) of a sane size, far above what a
 * real plan needs. {@link dev.trafficwizard.routing.checks.PlanLimits} checks them all before any other
 * work, so everything done per request stays linear in a bounded size.
 */
public final class Limits {

    public static final int MAX_RULES = 50;
    /** Match entries (OR'd) of one rule. */
    public static final int MAX_MATCHES = 20;
    /** Header conditions of one match entry. */
    public static final int MAX_HEADERS = 20;
    /** Query parameter conditions of one match entry. */
    public static final int MAX_QUERY_PARAMS = 20;
    /**
     * Match conditions (uri, authority, method, each header, each query parameter) over all rules:
     * each limit above alone would still let one plan hold 50 x 20 x 40 of them.
     */
    public static final int MAX_CONDITIONS = 500;
    public static final int MAX_DESTINATIONS = 20;
    /** Hosts of the plan, and server hosts of its gateway. */
    public static final int MAX_HOSTS = 50;
    /** Longest match value (exact, prefix or regex), header or query parameter name, sticky-session field. */
    public static final int MAX_VALUE_LENGTH = 1024;
    /** Longest namespace, service, gateway, host, version or secret name (a DNS subdomain). */
    public static final int MAX_NAME_LENGTH = 253;

    /** Source labels of one match entry. */
    public static final int MAX_SOURCE_LABELS = 20;
    /** Headers one operation (set, add or remove) of a rule's request or response header changes names. */
    public static final int MAX_HEADER_CHANGES = 20;
    /** Retry attempts of one rule (Envoy's default circuit breaker allows 3 retries at once). */
    public static final int MAX_RETRY_ATTEMPTS = 100;
    /** Entries of {@code versionPolicies}. */
    public static final int MAX_VERSION_POLICIES = 50;

    private Limits() {
    }
}
