package dev.trafficwizard.routing;

/**
 * Every diagnostic code, by name: what a check, the workflow or a form reports. Each has its text
 * under {@code diagnostic.<CODE>} in both message bundles (DiagnosticCodesTest); the API answers
 * the name as the stable {@code code}, and Istio's analyzer code ({@link #istioCode()}) where Istio has the
 * same rule.
 */
public enum DiagnosticCode {
    ANALYZE_INPUT,
    AUTHORITY_NOT_SERVED,
    BODY_TOO_LARGE,
    CLUSTER_DELETE_FAILED,
    CLUSTER_WRITE_FAILED,
    CONFLICT,
    CONFLICTING_GATEWAYS("IST0145"),
    CONFLICTING_MESH_HOSTS("IST0109"),
    CONTROL_CHARACTER,
    CREDENTIAL_REQUIRED,
    DESTINATION_NOT_FOUND("IST0101"),
    DESTINATION_PORT_NOT_FOUND("IST0101"),
    DUPLICATE_HEADER,
    DUPLICATE_MATCH("IST0131"),
    DUPLICATE_VERSION,
    EMPTY_MATCH,
    FIELDS_DROPPED,
    GATEWAY_CONFLICT("IST0145"),
    GATEWAY_DELETED,
    GATEWAY_MISSING("IST0101"),
    GATEWAY_NOT_FOUND("IST0101"),
    GATEWAY_NOT_MANAGED,
    GATEWAY_API_DIFFERENCE,
    GATEWAY_API_MISSING,
    GATEWAY_API_SHARED,
    GATEWAY_API_UNTRANSLATABLE,
    GATEWAY_SHARED,
    HEADER_PROPAGATION,
    HOST_CONFLICT("IST0109"),
    HOST_NOT_COVERED("IST0132"),
    HOST_NOT_IN_GATEWAY("IST0132"),
    HOST_NOT_SERVED,
    HOST_OVERLAP,
    IGNORED_KIND,
    INEFFECTIVE_MATCH("IST0131"),
    INVALID_API,
    INVALID_BASE_VERSION,
    INVALID_COOKIE_NAME,
    INVALID_DURATION,
    INVALID_HEADER_NAME,
    INVALID_HOST,
    INVALID_METHOD,
    INVALID_NAME,
    INVALID_PORT,
    INVALID_QUERY_PARAM,
    INVALID_REGEX,
    INVALID_URI,
    INVALID_VALUE,
    ISTIO_REJECTS("IST0106"),
    JWT_CLAIM_IN_MESH,
    MALFORMED_REQUEST,
    MATCH_VALUE,
    MESH_MISSES_SERVICE,
    MESH_UNBOUND,
    MESH_WILDCARD_HOST,
    NOTHING_TO_TAKE_OVER,
    NOT_ASCII_NUMBER,
    NOT_A_NUMBER,
    NOT_FOUND,
    NO_CATCH_ALL,
    NO_DESTINATIONS,
    NO_READY_PODS,
    NO_RULES,
    NUMERIC_TLD,
    PLAN_REQUIRED,
    QUERY_PARAM_PREFIX,
    RE2_UNSUPPORTED,
    REQUIRED,
    REVISION_NOT_APPLIED,
    REVISION_WITHOUT_ROUTING,
    ROUTING_SHARED,
    SERVER_REJECTED,
    SERVICE_WITHOUT_SELECTOR,
    SHORT_HOST,
    STICKY_ONE_KEY,
    STICKY_WEIGHTED,
    SUBSET_NOT_FOUND("IST0101"),
    SUBSET_NO_PODS("IST0173"),
    SUBSET_STILL_USED,
    TOO_LONG,
    TOO_MANY,
    TOO_MANY_CONDITIONS,
    UNKNOWN_CHOICE,
    UNKNOWN_FIELD,
    UNKNOWN_REVISION,
    UNKNOWN_SERVICE,
    UNKNOWN_VERSION,
    UNMANAGED_ROUTING,
    UNREACHABLE_RULE("IST0130"),
    VERSION_LOSES_TRAFFIC,
    VERSION_SERVICE_NAME,
    VERSION_SERVICE_TAKEN,
    WAYPOINT_MISSING,
    WEIGHT_NOT_NUMBER,
    WEIGHT_NO_READY_PODS,
    WEIGHT_RANGE,
    WEIGHT_REQUIRED,
    WEIGHT_SUM,
    /** #15: written as an HTTPRoute, a later rule takes precedence over an earlier one for requests both match. */
    GATEWAY_API_ORDER,
    // #15 Gateway API checks (analysis.*: HTTPRoutes, Gateway API Gateways, ambient waypoints)
    ROUTE_BACKEND_NOT_FOUND,
    ROUTE_BACKEND_NO_READY_PODS,
    ROUTE_PARENT_NOT_FOUND,
    ROUTE_HOSTNAME_NOT_IN_GATEWAY,
    ROUTE_NAMESPACE_NOT_ALLOWED,
    REFERENCE_NOT_GRANTED,
    ROUTING_API_MIXED,
    ROUTE_OVER_LIMIT,
    ROUTE_TOO_MANY_MATCHES,
    ROUTE_NOT_ACCEPTED("IST0171"),
    ROUTE_REFS_UNRESOLVED("IST0171"),
    ROUTE_NO_WAYPOINT,
    WAYPOINT_NOT_FOUND,
    // #16 checks (routing/checks: match fields, rule resilience, traffic policies)
    PORT_RANGE,
    INVALID_LABEL,
    SOURCE_LABELS_AT_GATEWAY,
    PERCENT_RANGE,
    PERCENT_TOO_SMALL,
    FAULT_EMPTY,
    FAULT_AT_GATEWAY,
    FAULT_ABORT_ALL,
    HTTP_STATUS_RANGE,
    DURATION_TOO_SHORT,
    DURATION_PRECISION,
    MIRROR_NO_READY_PODS,
    NEGATIVE_NUMBER,
    RETRIES_DISABLED,
    INVALID_RETRY_ON,
    RETRY_BUDGET_OVER_TIMEOUT,
    HEADER_NOT_CHANGEABLE,
    INVALID_HEADER_VALUE,
    AUTHORITY_SET_TWICE,
    LB_ONE_CHOICE,
    LB_DEPRECATED,
    STICKY_TWICE,
    PIN_COOKIE_IN_POLICY,
    TLS_CREDENTIAL_REQUIRED,
    TLS_CREDENTIAL_IGNORED,
    POOL_EMPTY,
    POOL_ZERO_UNLIMITED,
    VERSION_POLICY_UNUSED,
    // #16 gwapi
    GATEWAY_API_EXPERIMENTAL,
    GATEWAY_API_POLICY_PER_VERSION,
    VERSION_POLICY_TAKEN,
    // #16 fgw
    VERSION_POLICY_HOST_TAKEN,
    // #17 run (rollouts: the request's checks until RolloutSpecCheck lands, and the refusals by state)
    ROLLOUT_REQUIRED,
    ROLLOUT_UNKNOWN_VERSION,
    ROLLOUT_SAME_VERSION,
    ROLLOUT_STEP_KIND,
    ROLLOUT_OUT_OF_RANGE,
    ROLLOUT_NEGATIVE,
    ROLLOUT_DURATION,
    ROLLOUT_NO_METRICS,
    ROLLOUT_RUNNING,
    ROLLOUT_FOREIGN_CONTROLLER,
    ROLLOUT_NONE,
    ROLLOUT_FINISHED,
    ROLLOUT_NOT_PAUSED,
    ROLLOUT_ALREADY_PAUSED,
    ROLLOUT_CHANGED,
    ROLLOUT_STORE_UNAVAILABLE;

    private final String istioCode;

    DiagnosticCode() {
        this(null);
    }

    DiagnosticCode(String istioCode) {
        this.istioCode = istioCode;
    }

    /** The code of Istio's analyzer message for the same rule ({@code IST0130} …), or null when Istio has none. */
    public String istioCode() {
        return istioCode;
    }


    /** The Istio code of the code named {@code name}, or null when Istio has none or no code has that name. */
    public static String istioCodeOf(String name) {
        for (DiagnosticCode code : values()) {
            if (code.name().equals(name)) {
                return code.istioCode;
            }
        }
        return null;
    }

    /** The key of its message text. */
    public String messageKey() {
        return "diagnostic." + name();
    }
}
