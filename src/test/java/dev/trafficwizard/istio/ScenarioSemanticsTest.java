package dev.trafficwizard.istio;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The generated routing does what the form promised: requests resolved by the simulator against
 * the objects each scenario builds.
 */
class ScenarioSemanticsTest {

    static SimulatedRequest outside(String host, String path, String... headers) {
        return new SimulatedRequest(host, path, "GET", headerMap(headers), Map.of(), true);
    }

    static SimulatedRequest mesh(String host, String path, String... headers) {
        return new SimulatedRequest(host, path, "GET", headerMap(headers), Map.of(), false);
    }

    static Map<String, String> headerMap(String... pairs) {
        return pairs.length == 0 ? Map.of() : Map.of(pairs[0], pairs[1]);
    }

    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of(Scenarios.URI_PREFIX, outside("shop.example", "/experimental/cart"), "ROUTED",
                        Map.of("experimental", 100)),
                Arguments.of(Scenarios.URI_PREFIX, outside("shop.example", "/canary"), "ROUTED",
                        Map.of("experimental", 100)),
                Arguments.of(Scenarios.URI_PREFIX, outside("shop.example", "/"), "ROUTED", Map.of("original", 100)),
                Arguments.of(Scenarios.URI_PREFIX, mesh("fleetman-webapp", "/experimental"), "ROUND_ROBIN",
                        Map.of("original", 67, "experimental", 33)),
                Arguments.of(Scenarios.SUBDOMAIN, outside("experimental.fleetman.com", "/"), "ROUTED",
                        Map.of("experimental", 100)),
                Arguments.of(Scenarios.SUBDOMAIN, outside("fleetman.com", "/"), "ROUTED", Map.of("original", 100)),
                Arguments.of(Scenarios.SUBDOMAIN, outside("other.fleetman.com", "/"), "NOT_FOUND", Map.of()),
                Arguments.of(Scenarios.SUBDOMAIN, outside("other.com", "/"), "NO_GATEWAY", Map.of()),
                Arguments.of(Scenarios.HEADER, outside("a.example", "/", "x-my-header", "canary"), "ROUTED",
                        Map.of("experimental", 100)),
                Arguments.of(Scenarios.HEADER, outside("a.example", "/", "x-my-header", "stable"), "ROUTED",
                        Map.of("original", 100)),
                Arguments.of(Scenarios.WEIGHTED_GATEWAY, outside("a.example", "/"), "ROUTED",
                        Map.of("original", 90, "experimental", 10)),
                Arguments.of(Scenarios.STICKY_HEADER, mesh("fleetman-staff-service", "/", "x-myval", "42"), "ROUTED",
                        Map.of("safe", 100)),
                Arguments.of(Scenarios.DARK_RELEASE, mesh("fleetman-staff-service", "/", "x-dark-release", "true"),
                        "ROUTED", Map.of("risky", 100)),
                Arguments.of(Scenarios.DARK_RELEASE, mesh("fleetman-staff-service.default.svc.cluster.local", "/"),
                        "ROUTED", Map.of("safe", 100)),
                Arguments.of(Scenarios.DARK_RELEASE, outside("fleetman.com", "/", "x-dark-release", "true"),
                        "NO_GATEWAY", Map.of()),
                Arguments.of(Scenarios.PINNED_VERSIONS, mesh("fleetman-staff-service", "/"), "ROUTED",
                        Map.of("safe", 90, "risky", 10)),
                Arguments.of(Scenarios.PINNED_VERSIONS, mesh("fleetman-staff-service", "/", "cookie", "tw-version=risky"),
                        "ROUTED", Map.of("risky", 100)),
                Arguments.of(Scenarios.PINNED_VERSIONS,
                        mesh("fleetman-staff-service", "/", "cookie", "lang=en; tw-version=safe; theme=dark"),
                        "ROUTED", Map.of("safe", 100)),
                Arguments.of(Scenarios.PINNED_VERSIONS, mesh("fleetman-staff-service", "/", "cookie", "xtw-version=risky"),
                        "ROUTED", Map.of("safe", 90, "risky", 10)),
                Arguments.of(Scenarios.HTTPS_GATEWAY, outside("fleetman.com", "/"), "ROUTED", Map.of("original", 100)),
                Arguments.of(Scenarios.HTTPS_GATEWAY, mesh("fleetman-webapp", "/"), "ROUTED", Map.of("original", 100)));
    }

    @ParameterizedTest(name = "{0}: {1} -> {2} {3}")
    @MethodSource("cases")
    void requestGoesWhereTheFormSaid(Scenarios.Scenario scenario, SimulatedRequest request, String outcome,
                                     Map<String, Integer> shares) {
        RoutingObjects objects = RoutingObjectBuilder.build(scenario.plan(), scenario.target());
        Resolution resolution = RequestSimulator.simulate(request, List.of(objects.virtualService()),
                List.of(objects.destinationRule()), objects.gateway() == null ? List.of() : List.of(objects.gateway()),
                scenario.target(), "default");
        assertThat(resolution.outcome().name()).as(String.join("\n", resolution.notes())).isEqualTo(outcome);
        assertThat(resolution.percentByVersion()).isEqualTo(shares);
    }
}
