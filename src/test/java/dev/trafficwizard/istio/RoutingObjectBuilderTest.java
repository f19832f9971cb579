package dev.trafficwizard.istio;

import dev.trafficwizard.routing.Retries;
import dev.trafficwizard.routing.RoutingPlan;
import dev.trafficwizard.routing.Rule;
import dev.trafficwizard.routing.TrafficPolicy;
import dev.trafficwizard.routing.TargetService;
import dev.trafficwizard.routing.WeightedDestination;
import io.fabric8.istio.api.api.networking.v1alpha3.HTTPFaultInjection;
import io.fabric8.istio.api.api.networking.v1alpha3.HTTPMatchRequest;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.utils.Serialization;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class RoutingObjectBuilderTest {

    static final TargetService STAFF = new TargetService("default", "fleetman-staff-service", "version", List.of(
            new TargetService.ServiceVersion("safe", 2, 2), new TargetService.ServiceVersion("risky", 1, 1)));

    static final RoutingPlan STAFF_90_10 = RoutingPlan.weighted("default", "fleetman-staff-service",
            List.of(new WeightedDestination("safe", 90), new WeightedDestination("risky", 10)));

    @Test
    void staffServiceNinetyTenMatchesTheGoldenYaml() throws IOException {
        String yaml = YamlRenderer.render(RoutingObjectBuilder.build(STAFF_90_10, STAFF).all());
        assertThat(yaml).isEqualTo(resource("/golden/staff-service-90-10.yaml"));
    }

    @Test
    void everyGeneratedObjectIsValidAgainstTheRealV1Schema() {
        RoutingObjects objects = RoutingObjectBuilder.build(STAFF_90_10, STAFF);
        for (HasMetadata object : objects.all()) {
            assertThat(object.getApiVersion()).isEqualTo("networking.istio.io/v1");
            assertThat(IstioSchemas.validate(object)).as(object.getKind()).isEmpty();
        }
    }

    @Test
    void theSchemaCheckCatchesWhatARealApiServerWouldRejectOrDrop() {
        var vs = RoutingObjectBuilder.build(STAFF_90_10, STAFF).virtualService();
        vs.getSpec().getHttp().get(0).getRoute().get(0).setAdditionalProperty("wieght", 90);
        assertThat(IstioSchemas.validate(vs)).isNotEmpty();
        var dr = RoutingObjectBuilder.build(STAFF_90_10, STAFF).destinationRule();
        dr.getSpec().setHost(null);
        assertThat(IstioSchemas.validate(dr)).isNotEmpty();
    }

    @Test
    void objectsAreNamedAfterTheServiceAndCarryTheManagedByLabel() {
        for (HasMetadata object : RoutingObjectBuilder.build(STAFF_90_10, STAFF).all()) {
            assertThat(object.getMetadata().getName()).isEqualTo("fleetman-staff-service");
            assertThat(object.getMetadata().getNamespace()).isEqualTo("default");
            assertThat(Managed.isManaged(object)).isTrue();
        }
    }

    @Test
    void parsingTheBuiltObjectsGivesThePlanBack() {
        RoutingObjects objects = RoutingObjectBuilder.build(STAFF_90_10, STAFF);
        assertThat(RoutingPlanParser.parse(objects.virtualService(), objects.destinationRule(), STAFF))
                .contains(STAFF_90_10);
    }

    @Test
    void versionsThatAreNotDnsLabelsGetSafeSubsetNamesAndStillRoundTrip() {
        TargetService semver = new TargetService("shop", "cart", "app.kubernetes.io/version", List.of(
                new TargetService.ServiceVersion("1.2.0", 1, 1), new TargetService.ServiceVersion("1.3.0", 1, 1)));
        RoutingPlan plan = RoutingPlan.weighted("shop", "cart",
                List.of(new WeightedDestination("1.2.0", 50), new WeightedDestination("1.3.0", 50)));
        RoutingObjects objects = RoutingObjectBuilder.build(plan, semver);
        assertThat(objects.destinationRule().getSpec().getSubsets()).extracting(s -> s.getName())
                .containsExactly("1-2-0", "1-3-0");
        assertThat(objects.destinationRule().getSpec().getSubsets().get(0).getLabels())
                .containsEntry("app.kubernetes.io/version", "1.2.0");
        assertThat(IstioSchemas.validate(objects.destinationRule())).isEmpty();
        assertThat(RoutingPlanParser.parse(objects.virtualService(), objects.destinationRule(), semver)).contains(plan);
    }

    @Test
    void handEditedRoutingIsNotParsedIntoAPlanThatWouldDropTheEdits() {
        RoutingObjects objects = RoutingObjectBuilder.build(STAFF_90_10, STAFF);
        var withRewrite = Serialization.clone(objects.virtualService());
        var rewrite = new io.fabric8.istio.api.api.networking.v1alpha3.HTTPRewrite();
        rewrite.setUri("/v2");
        withRewrite.getSpec().getHttp().get(0).setRewrite(rewrite);
        assertThat(RoutingPlanParser.parse(withRewrite, objects.destinationRule(), STAFF)).isEmpty();

        var withRedirect = Serialization.clone(objects.virtualService());
        withRedirect.getSpec().getHttp().get(0).setRedirect(new io.fabric8.istio.api.api.networking.v1alpha3.HTTPRedirect());
        assertThat(RoutingPlanParser.parse(withRedirect, objects.destinationRule(), STAFF)).isEmpty();

        var withMatch = Serialization.clone(objects.virtualService());
        withMatch.getSpec().getHttp().get(0).setMatch(List.of(new HTTPMatchRequest()));
        assertThat(RoutingPlanParser.parse(withMatch, objects.destinationRule(), STAFF)).isEmpty();

        var otherHost = Serialization.clone(objects.destinationRule());
        otherHost.getSpec().setHost("ratings.bookinfo.svc.cluster.local");
        assertThat(RoutingPlanParser.parse(objects.virtualService(), otherHost, STAFF)).isEmpty();
    }

    @Test
    void destinationHeadersDoNotStopTheFormFromReadingThePlanAndRuleTimeoutsRetriesAndPoliciesAreReadIntoIt() {
        RoutingObjects objects = RoutingObjectBuilder.build(STAFF_90_10, STAFF);
        var vs = Serialization.clone(objects.virtualService());
        vs.getSpec().getHttp().get(0).setFault(new HTTPFaultInjection());
        vs.getSpec().getHttp().get(0).setTimeout("10s");
        vs.getSpec().getHttp().get(0).setRetries(new io.fabric8.istio.api.api.networking.v1alpha3.HTTPRetry());
        vs.getSpec().getHttp().get(0).getRoute().get(0).setHeaders(Serialization.unmarshal(
                "{\"request\": {\"set\": {\"x-from\": \"wizard\"}}}",
                io.fabric8.istio.api.api.networking.v1alpha3.Headers.class));
        var dr = Serialization.clone(objects.destinationRule());
        dr.getSpec().setTrafficPolicy(Serialization.unmarshal(
                "{\"outlierDetection\": {\"consecutive5xxErrors\": 7}, \"connectionPool\": {\"tcp\": {\"maxConnections\": 9}}}",
                io.fabric8.istio.api.api.networking.v1alpha3.TrafficPolicy.class));
        Rule split = STAFF_90_10.rules().get(0);
        assertThat(RoutingPlanParser.parse(vs, dr, STAFF)).contains(STAFF_90_10.withRules(List.of(
                new Rule(split.match(), split.route(), null, null, "10s", new Retries(null, null, null), null)))
                .withPolicies(new TrafficPolicy(null, null, new TrafficPolicy.ConnectionPool(
                        new TrafficPolicy.ConnectionPool.Tcp(9, null), null),
                        new TrafficPolicy.OutlierDetection(7, null, null, null)), null));
    }

    static String resource(String path) throws IOException {
        try (InputStream in = RoutingObjectBuilderTest.class.getResourceAsStream(path)) {
            assertThat(in).as(path).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
