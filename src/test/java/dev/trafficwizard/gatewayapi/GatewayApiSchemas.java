package dev.trafficwizard.gatewayapi;

import com.networknt.schema.JsonSchema;
import com.networknt.schema.ValidationMessage;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.utils.Serialization;

import java.util.Set;

/**
 * Validates objects against the {@code v1} OpenAPI schema of the Gateway API's HTTPRoute CRD
 * (copied into src/test/resources/gateway-api-crds), the way {@code IstioSchemas} does for Istio:
 * objects with properties become closed (no unknown field), since an API server prunes them.
 * CEL rules are not checked here ({@link HttpRouteCelRulesTest}).
 */
final class GatewayApiSchemas {

    private static JsonSchema httpRoute;

    private GatewayApiSchemas() {
    }

    static Set<ValidationMessage> validate(HasMetadata object) {
        if (!"HTTPRoute".equals(object.getKind())) {
            throw new IllegalArgumentException("no schema for " + object.getKind());
        }
        return schema().validate(Serialization.jsonMapper().valueToTree(object));
    }

    private static synchronized JsonSchema schema() {
        if (httpRoute == null) {
            httpRoute = dev.trafficwizard.istio.IstioSchemas.closedV1Schema("/gateway-api-crds/standard-httproutes.yaml");
        }
        return httpRoute;
    }
}
