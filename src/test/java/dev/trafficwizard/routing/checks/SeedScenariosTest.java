package dev.trafficwizard.routing.checks;

import dev.trafficwizard.routing.Diagnostic;
import dev.trafficwizard.routing.MeshView;
import dev.trafficwizard.routing.checks.PlanValidator;
import dev.trafficwizard.routing.RoutingPlan;
import dev.trafficwizard.routing.StickySession;
import dev.trafficwizard.routing.TargetService;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.HashSet;
import java.util.List;
import java.util.stream.Stream;

import static dev.trafficwizard.routing.checks.Fixtures.*;
import static org.assertj.core.api.Assertions.assertThat;

/** The routing scenarios of the demo services, through every check: the codes each yields. */
class SeedScenariosTest {

    static Stream<Arguments> scenarios() {
        return Stream.of(
                Arguments.of("URI prefix /experimental or /canary through a new gateway on *",
                        webapp(newGateway("*"), when(List.of(uri(prefix("/experimental")), uri(prefix("/canary"))),
                                "experimental"), otherwise("original")), WEBAPP, List.of()),
                Arguments.of("subdomains fleetman.com and *.fleetman.com by authority",
                        webapp(newGateway("fleetman.com", "*.fleetman.com"),
                                when(authority(exact("experimental.fleetman.com")), "experimental"),
                                otherwise("original")), WEBAPP, List.of()),
                Arguments.of("header x-my-header: canary at the gateway",
                        webapp(newGateway("*"), when(header("x-my-header", exact("canary")), "experimental"),
                                otherwise("original")), WEBAPP, List.of()),
                Arguments.of("the REST contract example", new RoutingPlan("default", "fleetman-webapp",
                        List.of("*"), newGateway("*"), List.of(
                                when(List.of(uri(prefix("/experimental")), uri(prefix("/canary"))), "experimental"),
                                when(header("x-my-header", exact("canary")), "experimental"),
                                when(authority(exact("experimental.fleetman.com")), "experimental"),
                                otherwise(to("original", 90), to("experimental", 10))),
                        new StickySession("x-myval", null, null, null)), WEBAPP, List.of("STICKY_WEIGHTED")),
                Arguments.of("sticky header x-myval, each user kept on their version",
                        sticky(new StickySession("x-myval", null, null, null, "tw-version"),
                                otherwise(to("original", 90), to("experimental", 10))), WEBAPP, List.of()),
                Arguments.of("dark release of staff-service on a header in the mesh",
                        staff(when(header("x-my-header", exact("canary")), "risky"), otherwise("safe")), STAFF,
                        List.of("HEADER_PROPAGATION")),
                Arguments.of("every mistake at once", new RoutingPlan("default", "fleetman-webapp", List.of("*"),
                        null, List.of(otherwise("original"), when(uri(exact("canary")), "experimental")),
                        new StickySession(null, null, null, null)), WEBAPP,
                        List.of("UNREACHABLE_RULE", "INVALID_URI", "MESH_WILDCARD_HOST", "STICKY_ONE_KEY")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scenarios")
    void yields(String name, RoutingPlan plan, TargetService target, List<String> codes) {
        List<Diagnostic> diagnostics = PlanValidator.validate(plan, target, MESH);
        assertThat(diagnostics).extracting(Diagnostic::code).containsExactlyInAnyOrderElementsOf(codes);
    }

    @Test
    void everyCheckRunsOnce() {
        assertThat(Checks.all()).hasSize(21);
        assertThat(new HashSet<>(Checks.all().stream().map(Object::getClass).toList())).hasSize(21);
    }

    @Test
    void anUnknownMeshViewIsEmpty() {
        assertThat(new CheckContext(null, null).mesh()).isEqualTo(MeshView.EMPTY);
    }
}
