package dev.trafficwizard.gatewayapi;

import dev.trafficwizard.istio.Managed;
import dev.trafficwizard.istio.YamlRenderer;
import dev.trafficwizard.routing.RoutingPlan;
import dev.trafficwizard.routing.Rule;
import dev.trafficwizard.routing.WeightedDestination;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Service;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every form's plan in Gateway API objects: golden YAML, the CRD schemas and CEL rules of every
 * object, the labels and annotation the catalog and forms read, and the round trip through
 * {@link GatewayApiParser}. Run with {@code -Dgolden.write=true} to rewrite the golden files after a
 * deliberate change (then review the diff).
 */
class GatewayApiTranslatorTest {

    static List<GatewayApiForms.Case> cases() {
        return GatewayApiForms.all();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void matchesTheGoldenYaml(GatewayApiForms.Case c) throws IOException {
        GatewayApiObjects objects = c.translate();
        assertThat(objects.untranslatable()).isEmpty();
        String yaml = YamlRenderer.render(objects.all());
        if (Boolean.getBoolean("golden.write")) {
            Files.writeString(Path.of("src/test/resources" + c.golden()), yaml);
        }
        assertThat(yaml).isEqualTo(HttpRouteBuilderTest.resource(c.golden()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void everyObjectValidatesAgainstItsCrdAndItsCelRules(GatewayApiForms.Case c) {
        GatewayApiObjects objects = c.translate();
        for (HasMetadata object : objects.all()) {
            assertThat(Managed.isManaged(object)).as(object.getKind()).isTrue();
            if (object instanceof io.fabric8.istio.api.networking.v1.DestinationRule) {
                assertThat(dev.trafficwizard.istio.IstioSchemas.validate(object)).as(object.getKind()).isEmpty();
            } else if (object instanceof io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRoute r && retries(r)) {
                // rules[].retry is the experimental channel's: the standard CRD has no such field
                assertThat(GatewayApiSchemas.validateExperimental(object)).as(object.getKind()).isEmpty();
                assertThat(GatewayApiSchemas.validate(object)).isNotEmpty()
                        .allSatisfy(m -> assertThat(m.getMessage()).contains("retry"));
            } else if (!(object instanceof Service)) {
                assertThat(GatewayApiSchemas.validate(object)).as(object.getKind()).isEmpty();
            }
        }
        assertThat(objects.route().getApiVersion()).isEqualTo("gateway.networking.k8s.io/v1");
        objects.routes().forEach(r -> assertThat(HttpRouteCelRules.violations(r)).isEmpty());
        if (objects.gateway() != null) {
            assertThat(objects.gateway().getApiVersion()).isEqualTo("gateway.networking.k8s.io/v1");
            assertThat(GatewayCelRules.violations(objects.gateway())).isEmpty();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void writesVersionServicesFirstAndTheRouteLastWithTheLabelsTheCatalogAndFormsRead(GatewayApiForms.Case c) {
        GatewayApiObjects objects = c.translate();
        List<HasMetadata> all = objects.all();
        assertThat(all.get(all.size() - 1)).isSameAs(objects.route());
        assertThat(all.subList(all.size() - objects.routes().size(), all.size()))
                .containsExactlyElementsOf(objects.routes());
        assertThat(objects.hostRoutes()).allSatisfy(r -> {
            assertThat(r.getMetadata().getLabels()).containsEntry(HostRoutes.ROUTE_OF, c.target().name());
            assertThat(GatewayApiParser.form(r)).contains(c.form());
        });
        assertThat(all.subList(0, objects.versionServices().size())).containsExactlyElementsOf(objects.versionServices());
        assertThat(all.subList(objects.versionServices().size(), objects.versionServices().size()
                + objects.destinationRules().size())).containsExactlyElementsOf(objects.destinationRules());
        assertThat(objects.destinationRules()).allSatisfy(d -> assertThat(VersionPolicies.isVersionRule(d,
                c.target().name())).isTrue());
        if (objects.referenceGrant() != null && objects.gateway() != null) {
            assertThat(all.indexOf(objects.referenceGrant())).isLessThan(all.indexOf(objects.gateway()));
        }
        assertThat(objects.versionServices()).allSatisfy(s -> assertThat(s.getMetadata().getLabels())
                .containsEntry(VersionServices.VERSION_OF, c.target().name()));
        assertThat(objects.route().getMetadata().getName()).isEqualTo(c.target().name());
        assertThat(GatewayApiParser.form(objects.route())).contains(c.form());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void readsBackTheSamePlan(GatewayApiForms.Case c) {
        GatewayApiObjects objects = c.translate();
        assertThat(GatewayApiParser.parse(objects.route(), objects.hostRoutes(), objects.versionServices(),
                objects.destinationRules(), objects.gateway(), c.target())).contains(normalized(c.plan()));
        // the routes per host may come in any order
        List<io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRoute> reversed = new java.util.ArrayList<>(
                objects.hostRoutes());
        java.util.Collections.reverse(reversed);
        assertThat(GatewayApiParser.parse(objects.route(), reversed, objects.versionServices(),
                objects.destinationRules(), objects.gateway(), c.target())).contains(normalized(c.plan()));
    }

    /** The plan as read back: a lone destination without a weight gets everything, as Istio's parser says too. */
    static RoutingPlan normalized(RoutingPlan plan) {
        List<Rule> rules = plan.rules().stream().map(r -> r.withRoute(r.route().stream()
                .map(d -> new WeightedDestination(d.version(), d.effectiveWeight(r.route().size()))).toList())).toList();
        return plan.withRules(rules);
    }

    static boolean retries(io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRoute route) {
        return route.getSpec().getRules().stream().anyMatch(r -> r.getRetry() != null);
    }
}
