package dev.trafficwizard.istio;

import io.fabric8.istio.api.api.networking.v1alpha3.HTTPMatchRequest;
import io.fabric8.istio.api.api.networking.v1alpha3.StringMatch;
import io.fabric8.istio.api.networking.v1.Gateway;
import io.fabric8.istio.api.networking.v1.VirtualService;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static dev.trafficwizard.istio.IstioObjects.dest;
import static dev.trafficwizard.istio.IstioObjects.exact;
import static dev.trafficwizard.istio.IstioObjects.gateway;
import static dev.trafficwizard.istio.IstioObjects.match;
import static dev.trafficwizard.istio.IstioObjects.prefix;
import static dev.trafficwizard.istio.IstioObjects.regex;
import static dev.trafficwizard.istio.IstioObjects.rule;
import static dev.trafficwizard.istio.IstioObjects.vs;
import static dev.trafficwizard.istio.ResilienceSimulationTest.REVIEWS;
import static dev.trafficwizard.istio.ResilienceSimulationTest.REVIEWS_DR;
import static dev.trafficwizard.istio.ResilienceSimulationTest.REVIEWS_SERVICE;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The match fields Istio applies outside Envoy's header matcher, or with a twist: {@code withoutHeaders}
 * (an inverted header matcher; a missing header counts as empty, an empty StringMatch means "absent"),
 * {@code port} (the port the request is sent to) and {@code sourceLabels} (the labels of the proxy
 * the request leaves from: the calling pod's sidecar, or the gateway's proxy).
 */
class MatchFieldsSimulationTest {

    /** Rule 1 (index 0) → v2 when the entry fits; the catch-all (index 1) → v1. */
    static VirtualService twoRules(List<String> gateways, List<String> hosts, HTTPMatchRequest entry) {
        return vs("bookinfo", "reviews", hosts, gateways, rule(List.of(entry), dest(REVIEWS, "v2", null)),
                rule(List.of(), dest(REVIEWS, "v1", null)));
    }

    static int ruleInMesh(HTTPMatchRequest entry, SimulatedRequest request) {
        return simulate(request, List.of(twoRules(List.of(), List.of("reviews"), entry)), List.of()).ruleIndex();
    }

    static Resolution simulate(SimulatedRequest request, List<VirtualService> vss, List<Gateway> gateways) {
        return RequestSimulator.simulate(request, vss, List.of(REVIEWS_DR), gateways, REVIEWS_SERVICE, "bookinfo");
    }

    static SimulatedRequest mesh() {
        return SimulatedRequest.insideMesh("reviews", "/");
    }

    @ParameterizedTest(name = "withoutHeaders x-test {0}: header {1} → rule {2}")
    @CsvSource(delimiter = '|', nullValues = "-", value = {
            "exact true   | true  | 1",
            "exact true   | false | 0",
            "exact true   | -     | 0",
            "exact EMPTY  | -     | 1",
            "exact EMPTY  | ''    | 1",
            "exact EMPTY  | x     | 0",
            "prefix beta  | beta1 | 1",
            "prefix beta  | alpha | 0",
            "regex b.*    | beta  | 1",
            "regex *      | any   | 1",
            "regex *      | -     | 0",
            "present      | any   | 1",
            "present      | ''    | 1",
            "present      | -     | 0"})
    void withoutHeadersExcludesWhatItFitsAndAnEmptyMatchMeansTheHeaderIsAbsent(String spec, String value, int rule) {
        String[] parts = spec.split(" ", 2);
        String arg = parts.length > 1 && !parts[1].equals("EMPTY") ? parts[1] : "";
        StringMatch m = switch (parts[0]) {
            case "exact" -> exact(arg);
            case "prefix" -> prefix(arg);
            case "regex" -> regex(arg);
            default -> new StringMatch();
        };
        SimulatedRequest request = value == null ? mesh() : mesh().withHeader("x-test", value);
        assertThat(ruleInMesh(match().withWithoutHeaders(Map.of("x-test", m)).build(), request)).isEqualTo(rule);
    }

    @Test
    void aHeaderRegexStarMeansPresentAsIstiodWritesIt() {
        HTTPMatchRequest star = match().withHeaders(Map.of("x-test", regex("*"))).build();
        assertThat(ruleInMesh(star, mesh().withHeader("x-test", "anything"))).isZero();
        assertThat(ruleInMesh(star, mesh())).isEqualTo(1);
        HTTPMatchRequest uriStar = match().withUri(regex("*")).build();
        assertThat(ruleInMesh(uriStar, mesh())).as("only headers and query parameters: * is no RE2 for a path")
                .isEqualTo(1);
    }

    @Test
    void aWithoutHeaderMismatchIsExplained() {
        Resolution r = simulate(mesh().withHeader("x-test", "true"), List.of(twoRules(List.of(), List.of("reviews"),
                match().withWithoutHeaders(Map.of("x-test", exact("true"))).build())), List.of());
        assertThat(r.notes()).contains("Rule 1 does not fit: header x-test (\"true\") must not equal \"true\".");
    }

    @Test
    void aPortMatchFitsOnlyRequestsToThatPortAndIsAssumedWhenThePortIsNotGiven() {
        HTTPMatchRequest on9080 = match().withPort(9080L).build();
        assertThat(ruleInMesh(on9080, mesh().withPort(9080))).isZero();
        Resolution other = simulate(mesh().withPort(8080), List.of(twoRules(List.of(), List.of("reviews"), on9080)),
                List.of());
        assertThat(other.ruleIndex()).isEqualTo(1);
        assertThat(other.notes()).contains("Rule 1 does not fit: the request goes to port 8080, the entry only to port 9080.");
        Resolution unknown = simulate(mesh(), List.of(twoRules(List.of(), List.of("reviews"), on9080)), List.of());
        assertThat(unknown.ruleIndex()).isZero();
        assertThat(unknown.notes()).contains("The simulator cannot check port of the request and assumed they fit.");
    }

    @Test
    void throughAGatewayTheDefaultPortIsTheServersAndAnotherPortFindsNoServer() {
        Gateway ingress = gateway("bookinfo", "ingress", "*");
        VirtualService vs = twoRules(List.of("ingress"), List.of("*"), match().withPort(80L).build());
        SimulatedRequest outside = SimulatedRequest.fromOutside("bookinfo.example.com", "/");
        assertThat(simulate(outside, List.of(vs), List.of(ingress)).ruleIndex()).isZero();
        assertThat(simulate(outside.withPort(80), List.of(vs), List.of(ingress)).ruleIndex()).isZero();

        Resolution r = simulate(outside.withPort(8443), List.of(vs), List.of(ingress));
        assertThat(r.outcome()).isEqualTo(Resolution.Outcome.NO_GATEWAY);
        assertThat(r.notes()).containsExactly("No Gateway has a server on port 8443 that accepts the host "
                + "bookinfo.example.com, so the request is not taken at the ingress.");
    }

    @Test
    void sourceLabelsMustAllBeLabelsOfTheCallingPod() {
        HTTPMatchRequest fromProductpage = match().withSourceLabels(Map.of("app", "productpage")).build();
        assertThat(ruleInMesh(fromProductpage, mesh().withSourceLabels(Map.of("app", "productpage", "version", "v1"))))
                .isZero();
        Resolution other = simulate(mesh().withSourceLabels(Map.of("app", "ratings")),
                List.of(twoRules(List.of(), List.of("reviews"), fromProductpage)), List.of());
        assertThat(other.ruleIndex()).isEqualTo(1);
        assertThat(other.notes()).contains("Rule 1 does not fit: the caller's labels (app=ratings) do not include "
                + "app=productpage.");
        Resolution none = simulate(mesh(), List.of(twoRules(List.of(), List.of("reviews"), fromProductpage)), List.of());
        assertThat(none.ruleIndex()).isEqualTo(1);
        assertThat(none.notes()).contains("Rule 1 does not fit: the entry only applies to callers labelled "
                + "app=productpage, and the request names no caller labels.");
    }

    @Test
    void throughAGatewayTheGatewaysLabelsAreTheSourceLabels() {
        Gateway ingress = gateway("bookinfo", "ingress", "*");
        SimulatedRequest outside = SimulatedRequest.fromOutside("bookinfo.example.com", "/")
                .withSourceLabels(Map.of("app", "productpage"));
        VirtualService gatewayLabels = twoRules(List.of("ingress"), List.of("*"),
                match().withSourceLabels(Map.of("istio", "ingressgateway")).build());
        Resolution r = simulate(outside, List.of(gatewayLabels), List.of(ingress));
        assertThat(r.ruleIndex()).isZero();
        assertThat(r.notes()).contains("Through a gateway the request leaves from the proxy of bookinfo/ingress: its "
                + "labels (istio=ingressgateway) count for sourceLabels matches, not the caller's labels entered.");

        VirtualService podLabels = twoRules(List.of("ingress"), List.of("*"),
                match().withSourceLabels(Map.of("app", "productpage")).build());
        assertThat(simulate(outside, List.of(podLabels), List.of(ingress)).notes()).contains(
                "Rule 1 does not fit: the gateway's proxy (labels istio=ingressgateway) does not carry app=productpage.");
    }

    @Test
    void anEntryNamingGatewaysIsDecidedByThemAloneAsIstiodDoes() {
        Gateway ingress = gateway("bookinfo", "ingress", "*");
        VirtualService vs = twoRules(List.of("ingress"), List.of("*"), match().withGateways("ingress")
                .withSourceLabels(Map.of("app", "productpage")).build());
        assertThat(simulate(SimulatedRequest.fromOutside("a.example.com", "/"), List.of(vs), List.of(ingress))
                .ruleIndex()).isZero();
    }
}
