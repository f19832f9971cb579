package dev.trafficwizard.web;

import io.swagger.v3.oas.models.media.Schema;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.util.Map;

/**
 * Descriptions and defaults of the routing plan's parts in the OpenAPI document. The plan's
 * records live in the pure {@code routing} package, which carries no OpenAPI annotations, so the
 * words are added here, by schema and property name (Istio's names, as the plan uses them).
 */
@Configuration(proxyBeanMethods = false)
class PlanSchemaDocs {

    /** Schema name → its description, then property name → description. */
    static final Map<String, Map<String, String>> DOCS = Map.ofEntries(
            Map.entry("Rule", Map.of(
                    "", "One HTTP rule: the first rule whose match fits takes the request (under the Gateway API, "
                            + "precedence decides). No match: the catch-all, last.",
                    "match", "Alternatives, OR'ed; the fields of one entry are AND'ed. Absent: catch-all.",
                    "route", "A weighted split over versions; integer weights adding up to 100.",
                    "mirror", "Copy a share of the rule's requests to a version as well; its answers are ignored. "
                            + "Absent: no mirror.",
                    "fault", "Fault injection (Istio API only). Absent: none.",
                    "timeout", "The longest a request may take, retries included, as a duration (\"2s\", \"500ms\"), "
                            + "at least 1ms. Absent: no timeout.",
                    "retries", "Retry policy. Absent: Istio's default retries.",
                    "headers", "Headers set, added or removed before forwarding (request) and before answering "
                            + "(response). Absent: unchanged.")),
            Map.entry("MatchCondition", Map.of(
                    "", "One match entry; every field set must fit (AND).",
                    "uri", "exact, prefix or regex (RE2).",
                    "headers", "Header name → exact, prefix or regex; {} means the header is present.",
                    "withoutHeaders", "Header name → a match the request must NOT have; {} means the header is absent.",
                    "queryParams", "Query parameter → exact or regex.",
                    "method", "exact, prefix or regex, e.g. {\"exact\": \"POST\"}.",
                    "authority", "The Host / :authority, exact, prefix or regex.",
                    "port", "The port the request was sent to, 1-65535.",
                    "sourceLabels", "Labels of the calling workload (mesh traffic only).")),
            Map.entry("Mirror", Map.of(
                    "", "Istio's mirror and mirrorPercentage; the Gateway API's RequestMirror filter.",
                    "version", "The version that receives the copies.",
                    "percent", "Share of the rule's requests copied, 0-100. Absent: 100.")),
            Map.entry("Fault", Map.of(
                    "", "Istio's HTTPFaultInjection: a delay and/or an abort. No Gateway API equivalent.",
                    "delay", "Wait before forwarding.",
                    "abort", "Answer without forwarding.")),
            Map.entry("Delay", Map.of(
                    "fixed", "The delay as a duration, at least 1ms (\"2s\").",
                    "percent", "Share of requests delayed, 0-100. Absent: 100.")),
            Map.entry("Abort", Map.of(
                    "httpStatus", "The HTTP status the proxy answers, 200-599.",
                    "percent", "Share of requests aborted, 0-100. Absent: 100.")),
            Map.entry("Retries", Map.of(
                    "", "Istio's HTTPRetry.",
                    "attempts", "Number of retries, 0 or more (0 turns retries off and allows no other field).",
                    "perTryTimeout", "Time for each try, at least 1ms. Absent: the rule's timeout.",
                    "retryOn", "Comma-separated Envoy conditions (5xx, gateway-error, reset, connect-failure, "
                            + "retriable-4xx, refused-stream, retriable-status-codes, ...) or HTTP status codes. "
                            + "Absent: Istio's default.")),
            Map.entry("HeaderChanges", Map.of(
                    "request", "Changes before forwarding the request.",
                    "response", "Changes before answering.")),
            Map.entry("Operations", Map.of(
                    "set", "Header → value, replacing any value.",
                    "add", "Header → value, appended.",
                    "remove", "Header names removed.")),
            Map.entry("TrafficPolicy", Map.of(
                    "", "A DestinationRule trafficPolicy, Istio's names. A plan with trafficPolicy or versionPolicies "
                            + "owns the policies (a part left out is removed); without either the live policies stay.",
                    "tls", "TLS towards the pods.",
                    "loadBalancer", "simple or consistentHash.",
                    "connectionPool", "tcp and/or http limits.",
                    "outlierDetection", "Ejecting pods that fail.")),
            Map.entry("Tls", Map.of(
                    "mode", "DISABLE, ISTIO_MUTUAL, SIMPLE or MUTUAL.",
                    "credentialName", "The Secret with the client certificate (MUTUAL) or CA (SIMPLE).",
                    "sni", "Server name presented, optional.")),
            Map.entry("LoadBalancer", Map.of(
                    "simple", "ROUND_ROBIN, LEAST_REQUEST, RANDOM or PASSTHROUGH.",
                    "consistentHash", "Sticky sessions: exactly one of httpHeaderName, httpCookie, useSourceIp, "
                            + "httpQueryParameterName (the same as the plan's stickySession; give one of the two).")),
            Map.entry("Tcp", Map.of(
                    "maxConnections", "Most connections to the service's pods, 0 or more.",
                    "connectTimeout", "TCP connect timeout, at least 1ms.")),
            Map.entry("Http", Map.of(
                    "http1MaxPendingRequests", "Most requests waiting for a connection, 0 or more.",
                    "http2MaxRequests", "Most active requests, 0 or more.",
                    "maxRequestsPerConnection", "Requests per connection (1 turns keep-alive off), 0 or more.",
                    "maxRetries", "Most outstanding retries, 0 or more.")),
            Map.entry("OutlierDetection", Map.of(
                    "consecutive5xxErrors", "5xx answers in a row before a pod is ejected.",
                    "interval", "How often pods are checked, at least 1ms.",
                    "baseEjectionTime", "Ejection time, times the ejections so far, at least 1ms.",
                    "maxEjectionPercent", "Largest share of pods ejected at once, 0-100.")));

    @Bean
    OpenApiCustomizer planSchemaDescriptions() {
        return openApi -> {
            if (openApi.getComponents() == null || openApi.getComponents().getSchemas() == null) {
                return;
            }
            Map<String, Schema> schemas = openApi.getComponents().getSchemas();
            DOCS.forEach((name, words) -> {
                Schema<?> schema = schemas.get(name);
                if (schema == null) {
                    return;
                }
                words.forEach((property, text) -> {
                    if (property.isEmpty()) {
                        schema.setDescription(text);
                    } else if (schema.getProperties() != null && schema.getProperties().get(property) != null) {
                        schema.getProperties().get(property).setDescription(text);
                    }
                });
            });
            Schema<?> plan = schemas.get("PlanRequest");
            if (plan != null && plan.getProperties() != null) {
                describe(plan, "trafficPolicy", "The DestinationRule's trafficPolicy for the whole service.");
                describe(plan, "versionPolicies", "Version → its own trafficPolicy (the subset's).");
            }
        };
    }

    private static void describe(Schema<?> schema, String property, String text) {
        if (schema.getProperties().get(property) != null) {
            schema.getProperties().get(property).setDescription(text);
        }
    }
}
