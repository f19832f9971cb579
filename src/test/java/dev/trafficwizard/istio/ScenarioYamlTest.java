package dev.trafficwizard.istio;

import dev.trafficwizard.routing.checks.PlanValidator;
import io.fabric8.kubernetes.api.model.HasMetadata;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every form's scenario: the plan is valid, its objects match the golden YAML and the real v1
 * schema, and reading them back gives the plan again. Set -Dgolden.update=true to rewrite the files
 * (then read the diff before committing).
 */
class ScenarioYamlTest {

    static List<Scenarios.Scenario> scenarios() {
        return Scenarios.all();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scenarios")
    void goldenYaml(Scenarios.Scenario scenario) throws IOException {
        String yaml = YamlRenderer.render(RoutingObjectBuilder.build(scenario.plan(), scenario.target(),
                scenario.form()).all());
        if (Boolean.getBoolean("golden.update")) {
            Files.writeString(Path.of("src/test/resources" + scenario.golden()), yaml);
        }
        assertThat(yaml).isEqualTo(RoutingObjectBuilderTest.resource(scenario.golden()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scenarios")
    void planIsValidWithoutErrors(Scenarios.Scenario scenario) {
        assertThat(PlanValidator.validate(scenario.plan(), scenario.target()))
                .noneMatch(d -> d.isError());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scenarios")
    void everyObjectIsValidAgainstTheRealV1Schema(Scenarios.Scenario scenario) {
        for (HasMetadata object : RoutingObjectBuilder.build(scenario.plan(), scenario.target()).all()) {
            assertThat(IstioSchemas.validate(object)).as(object.getKind()).isEmpty();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scenarios")
    void readingTheObjectsBackGivesThePlanAndTheForm(Scenarios.Scenario scenario) {
        RoutingObjects objects = RoutingObjectBuilder.build(scenario.plan(), scenario.target(), scenario.form());
        var parsed = RoutingPlanParser.parse(objects.virtualService(), objects.destinationRule(), objects.gateway(),
                scenario.target());
        assertThat(parsed).isPresent();
        assertThat(YamlRenderer.render(RoutingObjectBuilder.build(parsed.get(), scenario.target(), scenario.form())
                .all())).isEqualTo(YamlRenderer.render(objects.all()));
        assertThat(RoutingPlanParser.form(objects.virtualService())).contains(scenario.form());
    }
}
