package dev.trafficwizard.security;

import dev.trafficwizard.cluster.DemoCluster;
import dev.trafficwizard.hostile.ClusterSnapshot;
import io.fabric8.kubernetes.client.KubernetesClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.request;

/**
 * Every endpoint the dashboard serves, found from its request mappings (so a new one cannot be
 * left out), against every kind of caller: anonymous, viewer, an operator of another namespace,
 * operator, admin, and a pipeline with a ServiceAccount token (an operator). A caller below an endpoint's level never gets past security (401 or the login
 * page when anonymous, 403 otherwise) and a refused request writes nothing; a caller at or above
 * it always does. The table below says who may use what; an endpoint missing from it fails the test.
 */
@SpringBootTest(properties = "traffic-wizard.cluster.mode=demo")
@AutoConfigureMockMvc
class EndpointMatrixTest {

    /** Who may call an endpoint; OPERATOR means an operator of the path's namespace. */
    enum Level { PUBLIC, VIEWER, OPERATOR, ADMIN }

    static final Map<String, Level> TABLE = new TreeMap<>(Map.ofEntries(
            Map.entry("GET /", Level.VIEWER),
            Map.entry("GET /login", Level.PUBLIC),
            Map.entry("GET /services", Level.VIEWER),
            Map.entry("GET /services/{namespace}/{name}", Level.VIEWER),
            Map.entry("GET /services/{namespace}/{name}/history", Level.VIEWER),
            Map.entry("POST /services/{namespace}/{name}/simulate", Level.VIEWER),
            Map.entry("POST /services/{namespace}/{name}/routing/delete", Level.OPERATOR),
            Map.entry("POST /services/{namespace}/{name}/take-over", Level.ADMIN),
            Map.entry("GET /services/{namespace}/{name}/{kind:weighted|header|uri|subdomain|dark|rules}", Level.VIEWER),
            Map.entry("POST /services/{namespace}/{name}/{kind:weighted|header|uri|subdomain|dark|rules}/preview",
                    Level.VIEWER),
            Map.entry("POST /services/{namespace}/{name}/{kind:weighted|header|uri|subdomain|dark|rules}/simulate",
                    Level.VIEWER),
            Map.entry("POST /services/{namespace}/{name}/{kind:weighted|header|uri|subdomain|dark|rules}/apply",
                    Level.OPERATOR),
            Map.entry("POST /services/{namespace}/{name}/{kind:weighted|header|uri|subdomain|dark|rules}/review",
                    Level.OPERATOR),
            // #16: the rules editor's buttons and "Open in rules editor" render a form, nothing is written
            Map.entry("POST /services/{namespace}/{name}/{kind:weighted|header|uri|subdomain|dark|rules}/editor",
                    Level.VIEWER),
            Map.entry("POST /services/{namespace}/{name}/{kind:weighted|header|uri|subdomain|dark|rules}/open-rules",
                    Level.VIEWER),
            // #18 ui: "Propose as Git change" commits the plan to the repository (nothing to the cluster)
            Map.entry("POST /services/{namespace}/{name}/{kind:weighted|header|uri|subdomain|dark|rules}/propose",
                    Level.OPERATOR),
            Map.entry("GET /reviews/{id}", Level.VIEWER),
            Map.entry("POST /reviews/{id}/simulate", Level.VIEWER),
            Map.entry("POST /reviews/{id}/apply", Level.OPERATOR),
            Map.entry("GET /api/v1/services", Level.VIEWER),
            Map.entry("GET /api/v1/namespaces/{namespace}/services/{name}", Level.VIEWER),
            Map.entry("GET /api/v1/namespaces/{namespace}/services/{name}/history", Level.VIEWER),
            Map.entry("POST /api/v1/routing/preview", Level.VIEWER),
            Map.entry("POST /api/v1/routing/apply", Level.OPERATOR),
            Map.entry("POST /api/v1/namespaces/{namespace}/services/{name}/history/{revision}/rollback",
                    Level.OPERATOR),
            Map.entry("DELETE /api/v1/namespaces/{namespace}/services/{name}/routing", Level.OPERATOR),
            // #14 paste: anyone who can log in analyzes pasted routing (nothing is written)
            Map.entry("GET /analyze", Level.VIEWER),
            Map.entry("POST /analyze", Level.VIEWER),
            Map.entry("POST /analyze/simulate", Level.VIEWER),
            Map.entry("POST /api/v1/analyze", Level.VIEWER),
            Map.entry("GET /v3/api-docs", Level.VIEWER),
            Map.entry("GET /v3/api-docs.yaml", Level.VIEWER),
            Map.entry("GET /v3/api-docs/swagger-config", Level.VIEWER),
            Map.entry("GET /swagger-ui.html", Level.VIEWER),
            Map.entry("GET /error", Level.PUBLIC),
            // #14 web: anyone who can log in reads the live checks
            Map.entry("GET /checks", Level.VIEWER),
            Map.entry("GET /checks/object/{kind}/{namespace}/{name}", Level.VIEWER),
            Map.entry("GET /api/v1/checks", Level.VIEWER),
            // #17 ui: the service page's Release panel (its look and the start form's step buttons write nothing)
            Map.entry("GET /services/{namespace}/{name}/rollout", Level.VIEWER),
            Map.entry("POST /services/{namespace}/{name}/rollout/steps", Level.VIEWER),
            Map.entry("POST /services/{namespace}/{name}/rollout/start", Level.OPERATOR),
            Map.entry("POST /services/{namespace}/{name}/rollout/promote", Level.OPERATOR),
            Map.entry("POST /services/{namespace}/{name}/rollout/pause", Level.OPERATOR),
            Map.entry("POST /services/{namespace}/{name}/rollout/resume", Level.OPERATOR),
            Map.entry("POST /services/{namespace}/{name}/rollout/abort", Level.OPERATOR),
            Map.entry("POST /services/{namespace}/{name}/demo-traffic", Level.OPERATOR),
            // #17 run: rollouts (the POSTs change routing, for operators of the namespace)
            Map.entry("GET /api/v1/namespaces/{namespace}/services/{name}/rollout", Level.VIEWER),
            Map.entry("POST /api/v1/namespaces/{namespace}/services/{name}/rollout", Level.OPERATOR),
            Map.entry("POST /api/v1/namespaces/{namespace}/services/{name}/rollout/promote", Level.OPERATOR),
            Map.entry("POST /api/v1/namespaces/{namespace}/services/{name}/rollout/abort", Level.OPERATOR),
            Map.entry("POST /api/v1/namespaces/{namespace}/services/{name}/rollout/pause", Level.OPERATOR),
            Map.entry("POST /api/v1/namespaces/{namespace}/services/{name}/rollout/resume", Level.OPERATOR),
            // #18 git: proposing a plan as a Git commit (writes nothing to the cluster, for operators of the namespace)
            Map.entry("POST /api/v1/routing/propose", Level.OPERATOR)));

    /** Endpoints outside the controllers' mappings (actuator). */
    static final Map<String, Level> ACTUATOR = Map.of(
            "GET /actuator/health", Level.PUBLIC,
            "GET /actuator/health/liveness", Level.PUBLIC,
            "GET /actuator/prometheus", Level.VIEWER,
            "GET /actuator/info", Level.VIEWER);

    static final String PLAN = RoleEnforcementTest.PLAN;
    static final String FORM = RoleEnforcementTest.FORM;

    /** The same operator limited to namespace default as in {@link RoleEnforcementTest}. */
    @DynamicPropertySource
    static void users(DynamicPropertyRegistry registry) {
        RoleEnforcementTest.password(registry);
    }

    @Autowired
    MockMvc mvc;
    @Autowired
    KubernetesClient client;
    @Autowired
    DemoCluster demo;
    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mappings;

    /**
     * A caller: user name and password (null for anonymous; for the pipeline, which logs in with the
     * demo cluster's ServiceAccount token, "token") and the level it holds in bookinfo.
     */
    record Caller(String name, String password, Level level) {
        @Override
        public String toString() {
            return name;
        }
    }

    static final List<Caller> CALLERS = List.of(new Caller("anonymous", null, null),
            new Caller("viewer", "viewer", Level.VIEWER), new Caller("default-operator", "secret", Level.VIEWER),
            new Caller("operator", "operator", Level.OPERATOR), new Caller("admin", "admin", Level.ADMIN),
            new Caller("pipeline token", "token", Level.OPERATOR));

    @Test
    void everyMappedEndpointIsInTheTable() {
        TreeSet<String> mapped = new TreeSet<>();
        mappings.getHandlerMethods().keySet().forEach(info -> mapped.addAll(endpoints(info)));
        assertThat(mapped).as("endpoints without a row in TABLE: classify them")
                .isSubsetOf(TABLE.keySet());
        assertThat(TABLE.keySet()).as("rows of TABLE no controller serves").isSubsetOf(mapped);
    }

    static Stream<Arguments> cases() {
        List<Arguments> out = new ArrayList<>();
        Map<String, Level> all = new TreeMap<>(TABLE);
        all.putAll(ACTUATOR);
        for (Caller caller : CALLERS) {
            all.forEach((endpoint, level) -> out.add(Arguments.of(caller, endpoint, level)));
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("cases")
    void callersBelowTheLevelAreRefusedAndWriteNothing(Caller caller, String endpoint, Level level) throws Exception {
        boolean allowed = level == Level.PUBLIC || (caller.level() != null && caller.level().compareTo(level) >= 0);
        var before = ClusterSnapshot.of(client);
        MockHttpServletRequestBuilder request = call(caller, endpoint);
        if ("token".equals(caller.password())) {
            request.header("Authorization", "Bearer " + demo.pipelineToken());
        }
        int status = mvc.perform(request).andReturn().getResponse().getStatus();
        if (allowed) {
            assertThat(status).as(caller + " may use " + endpoint).isNotIn(401, 403);
        } else if (endpoint.equals("POST /reviews/{id}/apply") && "default-operator".equals(caller.name())) {
            // the namespace is the stored review's: an unknown id is 404 for every writer; a review
            // in bookinfo is 403 for this operator (RoleEnforcementTest.aReviewIsAppliedOnlyByWritersOfItsNamespace)
            assertThat(status).as(caller + " may not use " + endpoint).isEqualTo(404);
            assertThat(ClusterSnapshot.of(client)).as("nothing written").isEqualTo(before);
        } else {
            assertThat(status).as(caller + " may not use " + endpoint)
                    .isIn(caller.password() == null ? List.of(401, 302) : List.of(403));
            assertThat(ClusterSnapshot.of(client)).as("nothing written").isEqualTo(before);
        }
    }

    private static MockHttpServletRequestBuilder call(Caller caller, String endpoint) {
        String method = endpoint.substring(0, endpoint.indexOf(' '));
        String path = endpoint.substring(method.length() + 1)
                .replace("{namespace}", "bookinfo").replace("{name}", "reviews")
                .replace("{kind:weighted|header|uri|subdomain|dark|rules}", "weighted")
                .replace("{id}", "does-not-exist").replace("{revision}", "1").replace("{kind}", "Gateway");
        MockHttpServletRequestBuilder request = request(HttpMethod.valueOf(method), path).with(csrf());
        if (path.startsWith("/api/v1/routing/")) {
            request.contentType(MediaType.APPLICATION_JSON).content(PLAN);
        } else if (method.equals("POST") && path.endsWith("/rollout")) {
            // #17 run: an empty spec, refused by validation (400) once past the namespace check
            request.contentType(MediaType.APPLICATION_JSON).content("{}");
        } else if (method.equals("POST") && !path.startsWith("/api/")) {
            // the forms' POSTs are htmx requests (@HxRequest): without the header nothing is mapped
            request.contentType(MediaType.APPLICATION_FORM_URLENCODED).content(FORM).header("HX-Request", "true");
        }
        return caller.password() == null || caller.password().equals("token") ? request
                : request.with(httpBasic(caller.name(), caller.password()));
    }

    private static List<String> endpoints(RequestMappingInfo info) {
        List<String> out = new ArrayList<>();
        var methods = info.getMethodsCondition().getMethods();
        for (String pattern : info.getPatternValues()) {
            if (methods.isEmpty()) {
                out.add("GET " + pattern);
            }
            methods.forEach(m -> out.add(m.name() + " " + pattern));
        }
        return out;
    }
}
