package dev.trafficwizard.routing;

import java.util.Arrays;
import java.util.Optional;

/**
 * The traffic API a plan is written with: Istio's VirtualService / DestinationRule / Gateway, or the
 * Kubernetes Gateway API's HTTPRoute with one Service per version (and a Gateway API Gateway for
 * ingress). {@link #value()} is the text of the plan's {@code api} field: "istio", "gateway-api".
 */
public enum RoutingApi {
    ISTIO("istio"), GATEWAY_API("gateway-api");

    private final String value;

    RoutingApi(String value) {
        this.value = value;
    }

    public String value() {
        return value;
    }

    /** The API named {@code value}; empty for null or any other text. */
    public static Optional<RoutingApi> of(String value) {
        return Arrays.stream(values()).filter(a -> a.value.equals(value)).findFirst();
    }
}
