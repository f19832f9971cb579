package dev.trafficwizard.gatewayapi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.utils.Serialization;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.Set;

/**
 * Validates objects against the {@code v1} OpenAPI schema of the Gateway API's HTTPRoute CRD
 * (copied into src/test/resources/gateway-api-crds), the way {@code IstioSchemas} does for Istio:
 * objects with properties become closed (no unknown field), since an API server prunes them.
 * CEL rules are not checked here ({@link HttpRouteCelRulesTest}).
 */
final class GatewayApiSchemas {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
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
        if (httpRoute != null) {
            return httpRoute;
        }
        try (InputStream in = GatewayApiSchemas.class.getResourceAsStream("/gateway-api-crds/standard-httproutes.yaml")) {
            JsonNode crd = YAML.readTree(in);
            for (JsonNode version : crd.path("spec").path("versions")) {
                if (version.path("name").asText().equals("v1")) {
                    JsonNode schema = version.path("schema").path("openAPIV3Schema").deepCopy();
                    schema.path("properties").forEach(GatewayApiSchemas::close);
                    httpRoute = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V4).getSchema(schema);
                    return httpRoute;
                }
            }
            throw new IllegalStateException("no v1 schema for HTTPRoute");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void close(JsonNode node) {
        if (node instanceof ObjectNode object) {
            if (object.has("properties") && !object.path("x-kubernetes-preserve-unknown-fields").asBoolean(false)
                    && !object.has("additionalProperties")) {
                object.put("additionalProperties", false);
            }
            Iterator<JsonNode> children = object.elements();
            while (children.hasNext()) {
                close(children.next());
            }
        } else if (node != null && node.isArray()) {
            node.forEach(GatewayApiSchemas::close);
        }
    }
}
