package dev.trafficwizard.gatewayapi;

import dev.trafficwizard.istio.Managed;
import dev.trafficwizard.istio.YamlRenderer;
import dev.trafficwizard.routing.RoutingPlan;
import dev.trafficwizard.routing.TargetService;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRoute;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static dev.trafficwizard.gatewayapi.GatewayApiPlans.STAFF;
import static dev.trafficwizard.gatewayapi.GatewayApiPlans.STAFF_90_10;
import static dev.trafficwizard.gatewayapi.GatewayApiPlans.WEBAPP;
import static dev.trafficwizard.gatewayapi.GatewayApiPlans.WEBAPP_HEADER;
import static dev.trafficwizard.gatewayapi.GatewayApiPlans.WEBAPP_URI_PREFIX;
import static dev.trafficwizard.gatewayapi.GatewayApiPlans.versionServices;
import static org.assertj.core.api.Assertions.assertThat;

/** CRD schema and round trip of the route alone, for mesh plans; golden YAML per form: {@link GatewayApiTranslatorTest}. */
class HttpRouteBuilderTest {

    static Stream<Arguments> plans() {
        return Stream.of(
                Arguments.of("staff-service-90-10", STAFF_90_10, STAFF, 8080, new String[] {"safe", "risky"}),
                Arguments.of("webapp-header", WEBAPP_HEADER, WEBAPP, 80, new String[] {"original", "experimental"}),
                Arguments.of("webapp-uri-prefix", WEBAPP_URI_PREFIX, WEBAPP, 80,
                        new String[] {"original", "experimental"}));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("plans")
    void validatesAgainstTheV1SchemaAndItsCelRules(String name, RoutingPlan plan, TargetService target, int port,
                                                   String[] versions) {
        HTTPRoute route = HttpRouteBuilder.build(plan, target, port).route();
        assertThat(route.getApiVersion()).isEqualTo("gateway.networking.k8s.io/v1");
        assertThat(route.getKind()).isEqualTo("HTTPRoute");
        assertThat(GatewayApiSchemas.validate(route)).isEmpty();
        assertThat(HttpRouteCelRules.violations(route)).isEmpty();
        assertThat(Managed.isManaged(route)).isTrue();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("plans")
    void readsBackTheSamePlan(String name, RoutingPlan plan, TargetService target, int port, String[] versions) {
        HTTPRoute route = HttpRouteBuilder.build(plan, target, port).route();
        assertThat(HttpRouteParser.parse(route, versionServices(target, port, versions), target)).contains(plan);
    }

    static String resource(String path) throws IOException {
        try (InputStream in = HttpRouteBuilderTest.class.getResourceAsStream(path)) {
            assertThat(in).as(path).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
