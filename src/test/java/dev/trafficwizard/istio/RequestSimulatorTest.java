package dev.trafficwizard.istio;

import dev.trafficwizard.istio.Resolution.FixedResponse;
import dev.trafficwizard.istio.Resolution.Outcome;
import dev.trafficwizard.istio.Resolution.Share;
import dev.trafficwizard.routing.RoutingPlan;
import dev.trafficwizard.routing.TargetService;
import dev.trafficwizard.routing.TargetService.ServiceVersion;
import dev.trafficwizard.routing.WeightedDestination;
import io.fabric8.istio.api.api.networking.v1alpha3.HTTPRoute;
import io.fabric8.istio.api.api.networking.v1alpha3.HTTPRouteBuilder;
import io.fabric8.istio.api.api.networking.v1alpha3.HTTPRouteDestination;
import io.fabric8.istio.api.api.networking.v1alpha3.StringMatch;
import io.fabric8.istio.api.networking.v1.DestinationRule;
import io.fabric8.istio.api.networking.v1.Gateway;
import io.fabric8.istio.api.networking.v1.VirtualService;
import io.fabric8.kubernetes.client.utils.Serialization;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static dev.trafficwizard.istio.IstioObjects.vs;
import static dev.trafficwizard.istio.IstioObjects.rule;
import static dev.trafficwizard.istio.IstioObjects.dest;
import static dev.trafficwizard.istio.IstioObjects.match;
import static dev.trafficwizard.istio.IstioObjects.exact;
import static dev.trafficwizard.istio.IstioObjects.prefix;
import static dev.trafficwizard.istio.IstioObjects.regex;
import static dev.trafficwizard.istio.IstioObjects.dr;
import static dev.trafficwizard.istio.IstioObjects.gateway;
import static org.assertj.core.api.Assertions.assertThat;

class RequestSimulatorTest {

    static final String WEBAPP = "fleetman-webapp.default.svc.cluster.local";
    static final String STAFF_HOST = "fleetman-staff-service.default.svc.cluster.local";
    static final TargetService WEBAPP_SERVICE = new TargetService("default", "fleetman-webapp", "version",
            List.of(new ServiceVersion("original", 2, 2), new ServiceVersion("experimental", 1, 1)));
    static final TargetService STAFF = new TargetService("default", "fleetman-staff-service", "version",
            List.of(new ServiceVersion("safe", 2, 2), new ServiceVersion("risky", 1, 1)));
    static final DestinationRule WEBAPP_DR = dr("default", WEBAPP, "original", "experimental");
    static final DestinationRule STAFF_DR = dr("default", "fleetman-staff-service", "safe", "risky");
    static final Gateway INGRESS = gateway("default", "ingress-gateway-configuration", "*");

    // (a) path prefixes through a gateway on all hosts
    static final VirtualService WEBAPP_PATHS = vs("default", "fleetman-webapp", List.of("*"),
            List.of("ingress-gateway-configuration"),
            rule(List.of(match().withUri(prefix("/experimental")).build(), match().withUri(prefix("/canary")).build()),
                    dest(WEBAPP, "experimental", null)),
            rule(List.of(), dest(WEBAPP, "original", null)));

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "/experimental/x | experimental | 0 | 0",
            "/canary         | experimental | 0 | 1",
            "/canary?x=1     | experimental | 0 | 1",
            "/               | original     | 1 | -1",
            "/vehicles       | original     | 1 | -1"})
    void pathPrefixesThroughTheGateway(String path, String version, int rule, int entry) {
        Resolution r = fromOutside("fleetman.example", path, List.of(WEBAPP_PATHS), List.of(INGRESS));
        assertThat(r.outcome()).isEqualTo(Outcome.ROUTED);
        assertThat(r.gateway()).isEqualTo("default/ingress-gateway-configuration");
        assertThat(r.virtualService()).isEqualTo("default/fleetman-webapp");
        assertThat(r.ruleIndex()).isEqualTo(rule);
        assertThat(r.matchIndex()).isEqualTo(entry);
        assertThat(r.percentByVersion()).containsExactly(Map.entry(version, 100));
        assertThat(r.shares()).singleElement().satisfies(s -> {
            assertThat(s.host()).isEqualTo(WEBAPP);
            assertThat(s.subset()).isEqualTo(version);
            assertThat(s.labels()).containsExactly(Map.entry("version", version));
            assertThat(s.subsetMissing()).isFalse();
        });
        assertThat(r.ambiguous()).isFalse();
        assertThat(r.notes()).isNotEmpty();
    }

    // (b) subdomains
    static final Gateway SUBDOMAINS = gateway("default", "fleetman-gateway", "fleetman.com", "*.fleetman.com");
    static final VirtualService WEBAPP_SUBDOMAINS = vs("default", "fleetman-webapp",
            List.of("fleetman.com", "*.fleetman.com"), List.of("fleetman-gateway"),
            rule(List.of(match().withAuthority(exact("experimental.fleetman.com")).build()),
                    dest(WEBAPP, "experimental", null)),
            rule(List.of(), dest(WEBAPP, "original", null)));

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "experimental.fleetman.com    | ROUTED     | experimental",
            "Experimental.Fleetman.com:80 | ROUTED     | experimental",
            "fleetman.com                 | ROUTED     | original",
            "www.fleetman.com             | ROUTED     | original",
            "a.b.fleetman.com             | ROUTED     | original",
            "other.com                    | NO_GATEWAY | ",
            "notfleetman.com              | NO_GATEWAY | "})
    void subdomainsThroughTheirGateway(String host, Outcome outcome, String version) {
        Resolution r = fromOutside(host, "/", List.of(WEBAPP_SUBDOMAINS), List.of(SUBDOMAINS));
        assertThat(r.outcome()).isEqualTo(outcome);
        if (version == null) {
            assertThat(r.shares()).isEmpty();
            assertThat(r.gateway()).isNull();
            assertThat(r.notes()).last().asString().contains("404");
        } else {
            assertThat(r.percentByVersion()).containsExactly(Map.entry(version, 100));
        }
    }

    @Test
    void aGatewayThatAcceptsTheHostButNoVirtualServiceForItIsNotFound() {
        Gateway wide = gateway("istio-system", "wide", "*");
        Resolution r = fromOutside("other.com", "/", List.of(WEBAPP_SUBDOMAINS), List.of(wide, SUBDOMAINS));
        assertThat(r.outcome()).isEqualTo(Outcome.NOT_FOUND);
        assertThat(r.gateway()).isEqualTo("istio-system/wide");
        assertThat(r.virtualService()).isNull();
    }

    @Test
    void gatewaysInOtherNamespacesAreNamedWithTheirNamespaceAndServerHostsMayCarryOne() {
        Gateway shared = gateway("istio-system", "shared", "default/fleetman.com", "./*.fleetman.com");
        VirtualService bound = vs("default", "web", List.of("fleetman.com", "*.fleetman.com"),
                List.of("istio-system/shared"), rule(List.of(), dest(WEBAPP, "original", null)));
        VirtualService wrongNamespace = vs("default", "web", List.of("fleetman.com"),
                List.of("shared"), rule(List.of(), dest(WEBAPP, "original", null)));
        assertThat(fromOutside("www.fleetman.com", "/", List.of(bound), List.of(shared)).percentByVersion())
                .containsExactly(Map.entry("original", 100));
        assertThat(fromOutside("fleetman.com", "/", List.of(wrongNamespace), List.of(shared)).outcome())
                .isEqualTo(Outcome.NOT_FOUND);
    }

    // (c) header
    static final VirtualService WEBAPP_HEADER = vs("default", "fleetman-webapp", List.of("*"),
            List.of("ingress-gateway-configuration"),
            rule(List.of(match().withHeaders(Map.of("x-my-header", exact("canary"))).build()),
                    dest(WEBAPP, "experimental", null)),
            rule(List.of(), dest(WEBAPP, "original", null)));

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "X-My-Header | canary | experimental",
            "x-my-header | Canary | original",
            "x-my-header | other  | original",
            "x-other     | canary | original"})
    void headerRouting(String name, String value, String version) {
        Resolution r = simulate(SimulatedRequest.fromOutside("fleetman.example", "/").withHeader(name, value),
                List.of(WEBAPP_HEADER), List.of(INGRESS), WEBAPP_SERVICE);
        assertThat(r.percentByVersion()).containsExactly(Map.entry(version, 100));
    }

    @Test
    void withoutTheHeaderTheCatchAllDecidesAndTheNotesSayWhy() {
        Resolution r = fromOutside("fleetman.example", "/", List.of(WEBAPP_HEADER), List.of(INGRESS));
        assertThat(r.percentByVersion()).containsExactly(Map.entry("original", 100));
        assertThat(r.notes()).anySatisfy(n -> assertThat(n).contains("Rule 1 does not fit").contains("x-my-header")
                .contains("absent"));
    }

    // (d) weights
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"90,10|90,10", "9,1|90,10", "1,1,1|34,33,33", "2,1|67,33", "0,0|50,50",
            "100,0|100,0"})
    void weightsBecomePercentagesThatAddUpTo100(String weights, String expected) {
        List<Integer> w = ints(weights);
        String[] versions = {"original", "experimental", "third"};
        HTTPRouteDestination[] dests = new HTTPRouteDestination[w.size()];
        for (int i = 0; i < w.size(); i++) {
            dests[i] = dest(WEBAPP, versions[i], w.get(i));
        }
        VirtualService weighted = vs("default", "fleetman-webapp", List.of("*"),
                List.of("ingress-gateway-configuration"), rule(List.of(), dests));
        DestinationRule three = dr("default", WEBAPP, versions);
        Resolution r = RequestSimulator.simulate(SimulatedRequest.fromOutside("x", "/"), List.of(weighted),
                List.of(three), List.of(INGRESS), WEBAPP_SERVICE, null);
        assertThat(r.shares()).extracting(Share::percent).containsExactlyElementsOf(ints(expected));
    }

    @Test
    void theGeneratedNinetyTenObjectsSplitNinetyTenInsideTheMesh() {
        RoutingObjects objects = RoutingObjectBuilder.build(RoutingPlan.weighted("default", "fleetman-staff-service",
                List.of(new WeightedDestination("safe", 90), new WeightedDestination("risky", 10))), STAFF);
        Resolution r = RequestSimulator.simulate(SimulatedRequest.insideMesh("fleetman-staff-service", "/"),
                List.of(objects.virtualService()), List.of(objects.destinationRule()), List.of(), STAFF, null);
        assertThat(r.outcome()).isEqualTo(Outcome.ROUTED);
        assertThat(r.shares()).containsExactly(
                new Share(STAFF_HOST, "safe", "safe", 90, false, Map.of("version", "safe")),
                new Share(STAFF_HOST, "risky", "risky", 10, false, Map.of("version", "risky")));
    }

    // (e) inside the mesh
    @ParameterizedTest
    @CsvSource({"fleetman-staff-service", "fleetman-staff-service.default", "fleetman-staff-service.default.svc",
            "fleetman-staff-service.default.svc.cluster.local", "fleetman-staff-service:8080"})
    void withoutAVirtualServiceKubernetesSplitsByReadyPods(String host) {
        Resolution r = inMesh(SimulatedRequest.insideMesh(host, "/"), List.of());
        assertThat(r.outcome()).isEqualTo(Outcome.ROUND_ROBIN);
        assertThat(r.percentByVersion()).containsExactly(Map.entry("safe", 67), Map.entry("risky", 33));
        assertThat(r.shares()).allSatisfy(s -> assertThat(s.host()).isEqualTo(STAFF_HOST));
        assertThat(r.virtualService()).isNull();
    }

    static final VirtualService DARK_RELEASE = vs("default", "fleetman-staff-service",
            List.of("fleetman-staff-service"), List.of(),
            rule(List.of(match().withHeaders(Map.of("x-dark", exact("on"))).build()),
                    dest("fleetman-staff-service", "risky", null)),
            rule(List.of(), dest("fleetman-staff-service", "safe", null)));

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"on|risky", "off|safe", "|safe"})
    void darkReleaseInsideTheMesh(String header, String version) {
        SimulatedRequest request = SimulatedRequest.insideMesh("fleetman-staff-service.default.svc.cluster.local", "/");
        Resolution r = inMesh(header == null ? request : request.withHeader("x-dark", header), List.of(DARK_RELEASE));
        assertThat(r.outcome()).isEqualTo(Outcome.ROUTED);
        assertThat(r.gateway()).isNull();
        assertThat(r.virtualService()).isEqualTo("default/fleetman-staff-service");
        assertThat(r.shares()).singleElement().satisfies(s -> {
            assertThat(s.host()).isEqualTo(STAFF_HOST);
            assertThat(s.version()).isEqualTo(version);
        });
        if ("on".equals(header)) {
            assertThat(r.notes()).anySatisfy(n -> assertThat(n).contains("sidecars do not copy headers"));
        }
    }

    @Test
    void aShortHostResolvesInTheRequestersNamespace() {
        Resolution r = RequestSimulator.simulate(SimulatedRequest.insideMesh("fleetman-staff-service", "/"),
                List.of(DARK_RELEASE), List.of(STAFF_DR), List.of(), STAFF, "other");
        assertThat(r.outcome()).isEqualTo(Outcome.ROUND_ROBIN);
        assertThat(r.notes()).anySatisfy(n -> assertThat(n).contains("fleetman-staff-service.other.svc.cluster.local"));
    }

    @Test
    void aDestinationWithoutSubsetSpreadsOverAllReadyPods() {
        VirtualService plain = vs("default", "staff", List.of("fleetman-staff-service"), List.of(),
                rule(List.of(), dest("fleetman-staff-service", null, null)));
        Resolution r = inMesh(SimulatedRequest.insideMesh("fleetman-staff-service", "/"), List.of(plain));
        assertThat(r.outcome()).isEqualTo(Outcome.ROUTED);
        assertThat(r.percentByVersion()).containsExactly(Map.entry("safe", 67), Map.entry("risky", 33));
        assertThat(r.shares()).allSatisfy(s -> assertThat(s.subset()).isNull());
    }

    // (f) subsets that do not exist
    @Test
    void aSubsetMissingFromTheDestinationRuleIsFlagged() {
        VirtualService split = vs("default", "fleetman-staff-service", List.of(STAFF_HOST), List.of(),
                rule(List.of(), dest(STAFF_HOST, "safe", 80), dest(STAFF_HOST, "canary", 20)));
        Resolution r = inMesh(SimulatedRequest.insideMesh(STAFF_HOST, "/"), List.of(split));
        assertThat(r.hasErrors()).isTrue();
        assertThat(r.shares()).containsExactly(
                new Share(STAFF_HOST, "safe", "safe", 80, false, Map.of("version", "safe")),
                new Share(STAFF_HOST, "canary", null, 20, true));
        assertThat(r.notes()).anySatisfy(n -> assertThat(n).contains("canary").contains("503"));
    }

    @Test
    void aSubsetWithoutAnyDestinationRuleIsFlagged() {
        Resolution r = RequestSimulator.simulate(SimulatedRequest.insideMesh("fleetman-staff-service", "/"),
                List.of(DARK_RELEASE), List.of(), List.of(), STAFF, null);
        assertThat(r.shares()).singleElement().satisfies(s -> assertThat(s.subsetMissing()).isTrue());
        assertThat(r.notes()).anySatisfy(n -> assertThat(n).contains("No DestinationRule").contains("503"));
    }

    // (g) gateway-only VirtualServices do not apply in the mesh
    @Test
    void aVirtualServiceBoundOnlyToAGatewayDoesNotApplyInsideTheMesh() {
        VirtualService gatewayOnly = vs("default", "fleetman-staff-service", List.of("fleetman-staff-service"),
                List.of("ingress-gateway-configuration"), rule(List.of(), dest("fleetman-staff-service", "risky", null)));
        Resolution r = inMesh(SimulatedRequest.insideMesh("fleetman-staff-service", "/"), List.of(gatewayOnly));
        assertThat(r.outcome()).isEqualTo(Outcome.ROUND_ROBIN);
        assertThat(r.percentByVersion()).containsExactly(Map.entry("safe", 67), Map.entry("risky", 33));
        assertThat(r.notes()).anySatisfy(n -> assertThat(n).contains("bound only to default/ingress-gateway-configuration"));

        VirtualService both = vs("default", "fleetman-staff-service", List.of("fleetman-staff-service"),
                List.of("ingress-gateway-configuration", "mesh"), rule(List.of(), dest("fleetman-staff-service", "risky", null)));
        assertThat(inMesh(SimulatedRequest.insideMesh("fleetman-staff-service", "/"), List.of(both)).percentByVersion())
                .containsExactly(Map.entry("risky", 100));
    }

    @Test
    void aMeshOnlyVirtualServiceDoesNotApplyAtTheGateway() {
        Resolution r = fromOutside("fleetman.example", "/", List.of(DARK_RELEASE), List.of(INGRESS));
        assertThat(r.outcome()).isEqualTo(Outcome.NOT_FOUND);
    }

    // (h) the other match fields
    static final VirtualService FIELDS = vs("default", "fleetman-webapp", List.of("*"),
            List.of("ingress-gateway-configuration"),
            rule(List.of(match().withUri(regex("/api/v[0-9]+/vehicles")).build()), dest(WEBAPP, "experimental", null)),
            rule(List.of(match().withMethod(exact("POST")).withUri(prefix("/orders")).build()),
                    dest(WEBAPP, "experimental", null)),
            rule(List.of(match().withQueryParams(Map.of("beta", exact("yes"))).build(),
                    match().withQueryParams(Map.of("exp", prefix("on"))).build()), dest(WEBAPP, "experimental", null)),
            rule(List.of(match().withUri(prefix("/admin")).withWithoutHeaders(Map.of("x-internal", new StringMatch()))
                    .build()), dest(WEBAPP, "experimental", null)),
            rule(List.of(match().withUri(exact("/Canary")).withIgnoreUriCase().build()), dest(WEBAPP, "experimental", null)),
            rule(List.of(match().withUri(regex("/(")).build()), dest(WEBAPP, "experimental", null)),
            rule(List.of(match().withUri(prefix("/")).build()), dest(WEBAPP, "original", null)));

    @ParameterizedTest(name = "{0} {1} {2} -> {3} by rule {4}")
    @CsvSource(delimiter = '|', value = {
            "GET  | /api/v2/vehicles        |                 | experimental | 0",
            "GET  | /api/v2/vehicles/7      |                 | original     | 6",
            "GET  | /api/vX/vehicles        |                 | original     | 6",
            "POST | /orders/1               |                 | experimental | 1",
            "GET  | /orders/1               |                 | original     | 6",
            "get  | /x?beta=yes             |                 | experimental | 2",
            "GET  | /x?beta=no              |                 | original     | 6",
            "GET  | /x?exp=only             |                 | experimental | 2",
            "GET  | /admin                  |                 | experimental | 3",
            "GET  | /admin                  | x-internal=1    | original     | 6",
            "GET  | /CANARY                 |                 | experimental | 4",
            "GET  | /canary                 |                 | experimental | 4",
            "GET  | /canary/x               |                 | original     | 6"})
    void otherMatchFields(String method, String path, String header, String version, int rule) {
        SimulatedRequest request = SimulatedRequest.fromOutside("fleetman.example", path).withMethod(method);
        if (header != null) {
            request = request.withHeader(header.split("=")[0], header.split("=")[1]);
        }
        Resolution r = simulate(request, List.of(FIELDS), List.of(INGRESS), WEBAPP_SERVICE);
        assertThat(r.ruleIndex()).isEqualTo(rule);
        assertThat(r.percentByVersion()).containsExactly(Map.entry(version, 100));
    }

    @Test
    void queryParametersCanBeGivenApartFromThePath() {
        SimulatedRequest request = new SimulatedRequest("x", "/list", "GET", Map.of(), Map.of("beta", "yes"), true);
        assertThat(simulate(request, List.of(FIELDS), List.of(INGRESS), WEBAPP_SERVICE).ruleIndex()).isEqualTo(2);
        assertThat(simulate(request, List.of(FIELDS), List.of(INGRESS), WEBAPP_SERVICE).matchIndex()).isEqualTo(0);
    }

    @Test
    void whenNoRuleFitsEnvoyAnswers404() {
        VirtualService onlyCanary = vs("default", "fleetman-webapp", List.of("*"), List.of("ingress-gateway-configuration"),
                rule(List.of(match().withUri(prefix("/canary")).build()), dest(WEBAPP, "experimental", null)));
        Resolution r = fromOutside("fleetman.example", "/", List.of(onlyCanary), List.of(INGRESS));
        assertThat(r.outcome()).isEqualTo(Outcome.NOT_FOUND);
        assertThat(r.virtualService()).isEqualTo("default/fleetman-webapp");
        assertThat(r.ruleIndex()).isEqualTo(-1);
        assertThat(r.notes()).last().asString().contains("404").contains("NR");
    }

    @Test
    void severalVirtualServicesForTheSameHostTakeTheFirstAndSaySo() {
        VirtualService b = vs("default", "b-webapp", List.of("*"), List.of("ingress-gateway-configuration"),
                rule(List.of(), dest(WEBAPP, "experimental", null)));
        VirtualService a = vs("default", "a-webapp", List.of("*"), List.of("ingress-gateway-configuration"),
                rule(List.of(), dest(WEBAPP, "original", null)));
        Resolution r = fromOutside("fleetman.example", "/", List.of(b, a), List.of(INGRESS));
        assertThat(r.ambiguous()).isTrue();
        assertThat(r.virtualService()).isEqualTo("default/a-webapp");
        assertThat(r.notes()).anySatisfy(n -> assertThat(n).contains("Several VirtualServices"));
    }

    @Test
    void theMostSpecificHostWinsOverAWildcardAsInEnvoy() {
        VirtualService wildcard = vs("default", "a-all", List.of("*"), List.of("ingress-gateway-configuration"),
                rule(List.of(), dest(WEBAPP, "original", null)));
        VirtualService exact = vs("default", "b-exact", List.of("beta.fleetman.com"), List.of("ingress-gateway-configuration"),
                rule(List.of(), dest(WEBAPP, "experimental", null)));
        Resolution r = fromOutside("beta.fleetman.com", "/", List.of(wildcard, exact), List.of(INGRESS));
        assertThat(r.virtualService()).isEqualTo("default/b-exact");
        assertThat(r.ambiguous()).isFalse();
    }

    @Test
    void redirectsAndDirectResponsesAreReportedAsSuch() {
        HTTPRoute redirect = new HTTPRouteBuilder().withMatch(match().withUri(prefix("/old")).build())
                .withNewRedirect().withUri("/new").endRedirect().build();
        HTTPRoute direct = new HTTPRouteBuilder().withMatch(match().withUri(prefix("/health")).build())
                .withNewDirectResponse().withStatus(200L).withNewBody().withNewHTTPBodyStringSpecifier("ok").endBody()
                .endDirectResponse().build();
        VirtualService vs = vs("default", "web", List.of("*"), List.of("ingress-gateway-configuration"),
                redirect, direct, rule(List.of(), dest(WEBAPP, "original", null)));
        Resolution moved = fromOutside("fleetman.example", "/old", List.of(vs), List.of(INGRESS));
        assertThat(moved.outcome()).isEqualTo(Outcome.ROUTED);
        assertThat(moved.shares()).isEmpty();
        assertThat(moved.fixedResponse()).isEqualTo(new FixedResponse(FixedResponse.Kind.REDIRECT, 301, "fleetman.example/new"));
        Resolution health = fromOutside("fleetman.example", "/health", List.of(vs), List.of(INGRESS));
        assertThat(health.fixedResponse()).isEqualTo(new FixedResponse(FixedResponse.Kind.DIRECT_RESPONSE, 200, "ok"));
    }

    @Test
    void liveObjectsReadFromYamlBehaveLikeBuiltOnes() {
        VirtualService live = Serialization.unmarshal("""
                apiVersion: networking.istio.io/v1beta1
                kind: VirtualService
                metadata: {name: fleetman-webapp, namespace: default}
                spec:
                  hosts: ["*"]
                  gateways: [ingress-gateway-configuration]
                  http:
                  - match:
                    - headers: {x-my-header: {}}
                    - uri: {prefix: /canary}
                    route:
                    - destination: {host: fleetman-webapp, subset: experimental}
                  - route:
                    - destination: {host: fleetman-webapp, subset: original}
                      weight: 75
                    - destination: {host: fleetman-webapp, subset: experimental}
                      weight: 25
                """, VirtualService.class);
        List<VirtualService> vss = List.of(live);
        assertThat(simulate(SimulatedRequest.fromOutside("a", "/").withHeader("x-my-header", "anything"), vss,
                List.of(INGRESS), WEBAPP_SERVICE).percentByVersion()).containsExactly(Map.entry("experimental", 100));
        assertThat(fromOutside("a", "/canary/1", vss, List.of(INGRESS)).matchIndex()).isEqualTo(1);
        assertThat(fromOutside("a", "/", vss, List.of(INGRESS)).percentByVersion())
                .containsExactly(Map.entry("original", 75), Map.entry("experimental", 25));
    }

    // helpers

    static Resolution fromOutside(String host, String path, List<VirtualService> vss, List<Gateway> gateways) {
        return simulate(SimulatedRequest.fromOutside(host, path), vss, gateways, WEBAPP_SERVICE);
    }

    static Resolution simulate(SimulatedRequest request, List<VirtualService> vss, List<Gateway> gateways,
                               TargetService target) {
        return RequestSimulator.simulate(request, vss, List.of(WEBAPP_DR, STAFF_DR), gateways, target, null);
    }

    static Resolution inMesh(SimulatedRequest request, List<VirtualService> vss) {
        return RequestSimulator.simulate(request, vss, List.of(WEBAPP_DR, STAFF_DR), List.of(INGRESS), STAFF, null);
    }

    static List<Integer> ints(String csv) {
        return Arrays.stream(csv.split(",")).map(String::trim).map(Integer::valueOf).toList();
    }
}
