package dev.trafficwizard.gatewayapi;

import com.networknt.schema.JsonSchema;
import com.networknt.schema.ValidationMessage;
import dev.trafficwizard.istio.IstioSchemas;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.utils.Serialization;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Validates objects against the OpenAPI schema of their Gateway API CRD (copied into
 * src/test/resources/gateway-api-crds), of the version the object names (HTTPRoute and Gateway
 * {@code v1}, ReferenceGrant {@code v1beta1}; the experimental HTTPRoute CRD for {@code retry}), the way {@code IstioSchemas} does for Istio: objects
 * with properties become closed (no unknown field), since an API server prunes them. CEL rules are not
 * checked here ({@link HttpRouteCelRulesTest}, {@link GatewayCelRulesTest}).
 */
final class GatewayApiSchemas {

    private static final Map<String, String> FILES = Map.of(
            "HTTPRoute", "standard-httproutes.yaml",
            "Gateway", "standard-gateways.yaml",
            "ReferenceGrant", "standard-referencegrants.yaml");
    private static final Map<String, JsonSchema> SCHEMAS = new ConcurrentHashMap<>();

    private GatewayApiSchemas() {
    }

    static Set<ValidationMessage> validate(HasMetadata object) {
        return validate(object, FILES.get(object.getKind()));
    }

    /** Against the experimental channel's CRD (HTTPRoute only: {@code rules[].retry} is there). */
    static Set<ValidationMessage> validateExperimental(HasMetadata object) {
        if (!"HTTPRoute".equals(object.getKind())) {
            throw new IllegalArgumentException("no experimental schema for " + object.getKind());
        }
        return validate(object, "experimental-httproutes.yaml");
    }

    private static Set<ValidationMessage> validate(HasMetadata object, String file) {
        if (file == null || !object.getApiVersion().startsWith("gateway.networking.k8s.io/")) {
            throw new IllegalArgumentException("no schema for " + object.getApiVersion() + " " + object.getKind());
        }
        String version = object.getApiVersion().substring(object.getApiVersion().indexOf('/') + 1);
        JsonSchema schema = SCHEMAS.computeIfAbsent(file + "/" + version,
                k -> IstioSchemas.closedSchema("/gateway-api-crds/" + file, version));
        return schema.validate(Serialization.jsonMapper().valueToTree(object));
    }
}
