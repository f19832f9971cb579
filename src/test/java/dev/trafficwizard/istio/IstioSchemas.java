package dev.trafficwizard.istio;

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
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Validates objects against the {@code v1} OpenAPI schema of Istio's real CRDs (copied into
 * src/test/resources/istio-crds). Objects with properties become closed (no unknown field) unless
 * the schema preserves unknown fields, because a real API server silently prunes such fields: a
 * typo would be lost without a word.
 */
public final class IstioSchemas {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final Map<String, JsonSchema> SCHEMAS = new ConcurrentHashMap<>();
    private static final Map<String, String> FILES = Map.of(
            "VirtualService", "virtualservices.yaml",
            "DestinationRule", "destinationrules.yaml",
            "Gateway", "gateways.yaml");

    private IstioSchemas() {
    }

    /** Schema violations, and the CRD's CEL rules the object breaks ({@link IstioCelRules}). */
    public static Set<ValidationMessage> validate(HasMetadata object) {
        JsonNode json = Serialization.jsonMapper().valueToTree(object);
        Set<ValidationMessage> out = new java.util.LinkedHashSet<>(schema(object.getKind()).validate(json));
        for (String violation : IstioCelRules.violations(CEL.computeIfAbsent(object.getKind(),
                k -> openApiSchema("/istio-crds/" + FILES.get(k), "v1")), json)) {
            out.add(ValidationMessage.builder().type("x-kubernetes-validations").code("cel").message(violation)
                    .build());
        }
        return out;
    }

    private static final Map<String, JsonNode> CEL = new ConcurrentHashMap<>();

    private static JsonNode openApiSchema(String resource, String name) {
        try (InputStream in = IstioSchemas.class.getResourceAsStream(resource)) {
            for (JsonNode version : YAML.readTree(in).path("spec").path("versions")) {
                if (version.path("name").asText().equals(name)) {
                    return version.path("schema").path("openAPIV3Schema");
                }
            }
            throw new IllegalStateException("no " + name + " schema in " + resource);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static JsonSchema schema(String kind) {
        return SCHEMAS.computeIfAbsent(kind, k -> closedV1Schema("/istio-crds/" + FILES.get(k)));
    }

    /**
     * The {@code v1} OpenAPI schema of the CRD in the test resource {@code resource}, closed as
     * described above; also for the Gateway API's CRDs.
     */
    public static JsonSchema closedV1Schema(String resource) {
        return closedSchema(resource, "v1");
    }

    /** The OpenAPI schema of version {@code name} of the CRD in {@code resource}, closed as described above. */
    public static JsonSchema closedSchema(String resource, String name) {
        try (InputStream in = IstioSchemas.class.getResourceAsStream(resource)) {
            JsonNode crd = YAML.readTree(in);
            for (JsonNode version : crd.path("spec").path("versions")) {
                if (version.path("name").asText().equals(name)) {
                    JsonNode schema = version.path("schema").path("openAPIV3Schema").deepCopy();
                    schema.path("properties").forEach(IstioSchemas::close);
                    return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V4).getSchema(schema);
                }
            }
            throw new IllegalStateException("no " + name + " schema in " + resource);
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
            node.forEach(IstioSchemas::close);
        }
    }
}
