package dev.trafficwizard.istio;

import dev.trafficwizard.routing.TargetService;
import dev.trafficwizard.routing.TargetService.ServiceVersion;
import io.fabric8.istio.api.api.networking.v1alpha3.HTTPMirrorPolicyBuilder;
import io.fabric8.istio.api.api.networking.v1alpha3.HTTPRoute;
import io.fabric8.istio.api.api.networking.v1alpha3.HTTPRouteBuilder;
import io.fabric8.istio.api.networking.v1.DestinationRule;
import io.fabric8.istio.api.networking.v1.VirtualService;
import io.fabric8.kubernetes.client.utils.Serialization;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static dev.trafficwizard.istio.IstioObjects.dest;
import static dev.trafficwizard.istio.IstioObjects.dr;
import static dev.trafficwizard.istio.IstioObjects.rule;
import static dev.trafficwizard.istio.IstioObjects.vs;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Mirrors, faults, timeouts and retries of a rule, read from live VirtualServices: a mirrored request
 * goes to its version and a copy goes to the mirror (whose answer is ignored); a fault answers or
 * delays a share of the requests before routing; the weighted shares stay those of the forwarded
 * requests (100 %).
 */
class ResilienceSimulationTest {

    static final String REVIEWS = "reviews.bookinfo.svc.cluster.local";
    static final TargetService REVIEWS_SERVICE = new TargetService("bookinfo", "reviews", "version", List.of(
            new ServiceVersion("v1", 2, 2), new ServiceVersion("v2", 1, 1), new ServiceVersion("v3", 1, 1)));
    static final DestinationRule REVIEWS_DR = dr("bookinfo", REVIEWS, "v1", "v2", "v3");

    /** 90/10 v1/v2, 10 % copied to v3, a 2 s timeout, 3 retries of 500 ms on 5xx. */
    static HTTPRoute mirrored() {
        return new HTTPRouteBuilder(rule(List.of(), dest(REVIEWS, "v1", 90), dest(REVIEWS, "v2", 10)))
                .withNewMirror().withHost(REVIEWS).withSubset("v3").endMirror()
                .withNewMirrorPercentage().withValue(10.0).endMirrorPercentage()
                .withTimeout("2s").withNewRetries().withAttempts(3).withPerTryTimeout("500ms").withRetryOn("5xx")
                .endRetries().build();
    }

    @Test
    void aMirroredRequestGoesToItsVersionAndACopyGoesToTheMirrorWhoseAnswerIsIgnored() {
        Resolution r = simulate(vs("bookinfo", "reviews", List.of("reviews"), List.of(), mirrored()));

        assertThat(r.outcome()).isEqualTo(Resolution.Outcome.ROUTED);
        assertThat(r.percentByVersion()).as("the mirror is not a share").containsExactly(Map.entry("v1", 90),
                Map.entry("v2", 10));
        assertThat(r.mirrors()).singleElement().satisfies(m -> {
            assertThat(m.version()).isEqualTo("v3");
            assertThat(m.subset()).isEqualTo("v3");
            assertThat(m.percent()).isEqualTo(10.0);
        });
        assertThat(r.effectLines()).containsExactly(
                "10 % of these requests are also copied to version v3; its answer is ignored.",
                "Timeout 2s: if the answer takes longer, the proxy gives up and answers 504 (Gateway Timeout).",
                "Up to 3 retries, each try limited to 500ms, on 5xx.");
        assertThat(r.notes()).contains("Result: 90 % to version v1 (subset v1); 10 % to version v2 (subset v2).");
    }

    @Test
    void aMirrorWithoutPercentageCopiesEveryRequestAndZeroPercentCopiesNone() {
        HTTPRoute all = new HTTPRouteBuilder(rule(List.of(), dest(REVIEWS, "v1", null)))
                .withNewMirror().withHost(REVIEWS).withSubset("v2").endMirror().build();
        assertThat(simulate(vs("bookinfo", "reviews", List.of("reviews"), List.of(), all)).mirrors())
                .singleElement().satisfies(m -> assertThat(m.percent()).isEqualTo(100.0));

        HTTPRoute none = new HTTPRouteBuilder(all).withNewMirrorPercentage().withValue(0.0).endMirrorPercentage().build();
        Resolution r = simulate(vs("bookinfo", "reviews", List.of("reviews"), List.of(), none));
        assertThat(r.mirrors()).isEmpty();
        assertThat(r.percentByVersion()).containsExactly(Map.entry("v1", 100));
    }

    @Test
    void aMirrorWithoutSubsetCopiesToAllPodsOfTheHostSplitByReadyPods() {
        HTTPRoute allPods = new HTTPRouteBuilder(rule(List.of(), dest(REVIEWS, "v1", null)))
                .withNewMirror().withHost("reviews").endMirror()
                .withNewMirrorPercentage().withValue(10.0).endMirrorPercentage().build();
        Resolution r = simulate(vs("bookinfo", "reviews", List.of("reviews"), List.of(), allPods));
        assertThat(r.mirrors()).extracting(RuleEffects.Mirror::version, RuleEffects.Mirror::percent).containsExactly(
                org.assertj.core.groups.Tuple.tuple("v1", 5.0), org.assertj.core.groups.Tuple.tuple("v2", 2.5),
                org.assertj.core.groups.Tuple.tuple("v3", 2.5));
        assertThat(r.effectLines()).contains("2.5 % of these requests are also copied to version v2; its answer is ignored.");
    }

    @Test
    void theMirrorsListOfIstio118CopiesToEachWithItsOwnPercentage() {
        HTTPRoute two = new HTTPRouteBuilder(rule(List.of(), dest(REVIEWS, "v1", null)))
                .withMirrors(new HTTPMirrorPolicyBuilder().withNewDestination().withHost("reviews").withSubset("v2")
                                .endDestination().withNewPercentage().withValue(0.5).endPercentage().build(),
                        new HTTPMirrorPolicyBuilder().withNewDestination().withHost("reviews").withSubset("v9")
                                .endDestination().build())
                .build();
        Resolution r = simulate(vs("bookinfo", "reviews", List.of("reviews"), List.of(), two));
        assertThat(r.mirrors()).extracting(RuleEffects.Mirror::label, RuleEffects.Mirror::percent,
                RuleEffects.Mirror::subsetMissing).containsExactly(
                org.assertj.core.groups.Tuple.tuple("v2", 0.5, false),
                org.assertj.core.groups.Tuple.tuple(REVIEWS + " (v9)", 100.0, true));
        assertThat(r.effectLines()).contains(
                "0.5 % of these requests are also copied to version v2; its answer is ignored.",
                "100 % of these requests would also be copied to subset v9, which is not defined: the copies go nowhere.");
    }

    @Test
    void faultsAbortAndDelayAShareBeforeRoutingAndTheSharesStayThoseOfTheForwardedRequests() {
        VirtualService faulty = Serialization.unmarshal("""
                apiVersion: networking.istio.io/v1
                kind: VirtualService
                metadata: {name: reviews, namespace: bookinfo}
                spec:
                  hosts: [reviews]
                  http:
                  - fault:
                      delay: {fixedDelay: 2s, percentage: {value: 10}}
                      abort: {httpStatus: 503, percentage: {value: 5}}
                    mirror: {host: reviews, subset: v3}
                    mirrorPercentage: {value: 10}
                    route:
                    - destination: {host: reviews, subset: v1}
                      weight: 90
                    - destination: {host: reviews, subset: v2}
                      weight: 10
                """, VirtualService.class);
        Resolution r = simulate(faulty);

        assertThat(r.abortedPercent()).isEqualTo(5.0);
        assertThat(r.delayedPercent()).isEqualTo(10.0);
        assertThat(r.shares().stream().mapToInt(Resolution.Share::percent).sum()).isEqualTo(100);
        assertThat(r.effectLines()).containsExactly(
                "10 % of these requests are delayed 2s by the proxy (fault injection) before they are forwarded.",
                "5 % of these requests are answered 503 by the proxy (fault injection) without reaching any version.",
                "10 % of these requests are also copied to version v3; its answer is ignored.",
                "Aborted requests are not copied: only the forwarded ones are.",
                "No retry policy on this rule: the Istio default applies (2 retries on connect-failure, refused-stream, "
                        + "unavailable, cancelled and 503).");
        assertThat(r.notes()).contains("Result for the 95 % of the requests that are forwarded: "
                + "90 % to version v1 (subset v1); 10 % to version v2 (subset v2).");

        EntryPoint mesh = RoutingModel.of(List.of(faulty), List.of(REVIEWS_DR), List.of(), REVIEWS_SERVICE).service().mesh();
        assertThat(mesh.rules()).singleElement().satisfies(rule -> {
            assertThat(rule.abortedPercent()).isEqualTo(5.0);
            assertThat(rule.delayedPercent()).isEqualTo(10.0);
            assertThat(rule.sharesLabel()).isEqualTo("v1 90 %, v2 10 %");
            assertThat(rule.effects().label()).isEqualTo("mirror v3 10 % · abort 5 % 503 · delay 10 % 2s");
        });
        assertThat(mesh.mirrors()).singleElement().satisfies(m -> {
            assertThat(m.mirror().version()).isEqualTo("v3");
            assertThat(m.entryPercent()).as("10 % of the 95 % forwarded").isCloseTo(9.5, within(1e-9));
        });
    }

    @Test
    void aFaultWithoutPercentageIsInjectedIntoNoRequestAsEnvoyDoes() {
        VirtualService noPercent = Serialization.unmarshal("""
                apiVersion: networking.istio.io/v1
                kind: VirtualService
                metadata: {name: reviews, namespace: bookinfo}
                spec:
                  hosts: [reviews]
                  http:
                  - fault:
                      abort: {httpStatus: 418}
                    route:
                    - destination: {host: reviews, subset: v1}
                """, VirtualService.class);
        Resolution r = simulate(noPercent);
        assertThat(r.abortedPercent()).isZero();
        assertThat(r.effects().fault()).isNull();
        assertThat(r.notes()).anyMatch(n -> n.contains("no percentage") && n.contains("istio/istio#36303"));
    }

    @Test
    void aGrpcAbortAndAnExplicitlyDisabledRetryPolicyAreSaid() {
        VirtualService grpc = Serialization.unmarshal("""
                apiVersion: networking.istio.io/v1
                kind: VirtualService
                metadata: {name: reviews, namespace: bookinfo}
                spec:
                  hosts: [reviews]
                  http:
                  - fault:
                      abort: {grpcStatus: UNAVAILABLE, percentage: {value: 100}}
                    retries: {attempts: 0}
                    route:
                    - destination: {host: reviews, subset: v1}
                """, VirtualService.class);
        Resolution r = simulate(grpc);
        assertThat(r.effectLines()).containsExactly(
                "100 % of these requests are answered gRPC UNAVAILABLE by the proxy (fault injection) without reaching "
                        + "any version.",
                "Retries are switched off for this rule (attempts: 0).");
    }

    @Test
    void aRuleWithoutResilienceHasNoEffectLines() {
        Resolution r = simulate(vs("bookinfo", "reviews", List.of("reviews"), List.of(),
                rule(List.of(), dest(REVIEWS, "v1", null))));
        assertThat(r.effects()).isEqualTo(RuleEffects.NONE);
        assertThat(r.lines()).isEmpty();
    }

    static Resolution simulate(VirtualService vs) {
        return RequestSimulator.simulate(SimulatedRequest.insideMesh("reviews.bookinfo", "/"), List.of(vs),
                List.of(REVIEWS_DR), List.of(), REVIEWS_SERVICE, "bookinfo");
    }
}
