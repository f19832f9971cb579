package dev.trafficwizard.web;

import io.fabric8.istio.api.networking.v1.VirtualService;
import io.fabric8.kubernetes.client.utils.Serialization;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

import java.util.Arrays;
import java.util.List;

import static dev.trafficwizard.web.RoutingDiagramTest.REVIEWS_DR;
import static dev.trafficwizard.web.RoutingDiagramTest.REVIEWS_SERVICE;
import static dev.trafficwizard.web.RoutingDiagramTest.boxes;
import static dev.trafficwizard.web.RoutingDiagramTest.byClass;
import static dev.trafficwizard.web.RoutingDiagramTest.diagram;
import static dev.trafficwizard.web.RoutingDiagramTest.overlap;
import static dev.trafficwizard.web.RoutingDiagramTest.parse;
import static dev.trafficwizard.web.RoutingDiagramTest.save;
import static dev.trafficwizard.web.RoutingDiagramTest.texts;
import static org.assertj.core.api.Assertions.assertThat;

/** Mirrors are dashed edges labelled with their share, outside the weights; faults are written on the rule. */
class RoutingDiagramEffectsTest {

    static final VirtualService MIRRORED_AND_FAULTY = Serialization.unmarshal("""
            apiVersion: networking.istio.io/v1
            kind: VirtualService
            metadata: {name: reviews, namespace: bookinfo}
            spec:
              hosts: [reviews]
              http:
              - match:
                - headers: {x-beta: {exact: "true"}}
                fault:
                  abort: {httpStatus: 503, percentage: {value: 5}}
                  delay: {fixedDelay: 2s, percentage: {value: 10}}
                route:
                - destination: {host: reviews, subset: v2}
              - route:
                - destination: {host: reviews, subset: v1}
                  weight: 90
                - destination: {host: reviews, subset: v2}
                  weight: 10
                mirror: {host: reviews, subset: v3}
                mirrorPercentage: {value: 10}
                timeout: 2s
                retries: {attempts: 3, perTryTimeout: 500ms, retryOn: 5xx}
            """, VirtualService.class);

    @Test
    void aMirrorIsADashedEdgeLabelledWithItsShareAndTheSharesStillAddUpTo100() throws Exception {
        String markup = diagram(REVIEWS_SERVICE, List.of(MIRRORED_AND_FAULTY), List.of(REVIEWS_DR), List.of());
        save("mirror-fault", markup);
        Document svg = parse(markup);

        assertThat(texts(svg, "tw-dg-pct")).as("weighted shares only").containsExactly("100 %", "90 %", "10 %");
        List<Element> mirrors = byClass(svg, "path", "tw-dg-mirror");
        assertThat(mirrors).singleElement().satisfies(p -> {
            assertThat(p.getAttribute("stroke-dasharray")).isEqualTo("6 4");
            assertThat(p.getAttribute("class")).contains("tw-dg-c2");
            assertThat(p.getTextContent()).isEqualTo("mirror 10 % → v3 (its answer is ignored)");
        });
        assertThat(texts(svg, "tw-dg-mirror-pct")).containsExactly("mirror 10 %");
        List<double[]> boxes = boxes(svg);
        assertThat(boxes).as("no two boxes overlap").allSatisfy(a -> boxes.stream().filter(b -> b != a)
                .forEach(b -> assertThat(overlap(a, b)).as("%s and %s", Arrays.toString(a), Arrays.toString(b)).isFalse()));
    }

    @Test
    void faultsTimeoutAndRetriesAreWrittenOnTheRuleInIstiosWords() throws Exception {
        Document svg = parse(diagram(REVIEWS_SERVICE, List.of(MIRRORED_AND_FAULTY), List.of(REVIEWS_DR), List.of()));
        List<Element> faulty = byClass(svg, "g", "tw-dg-faulty");
        assertThat(faulty).singleElement().satisfies(g -> assertThat(g.getTextContent())
                .contains("abort 5 % 503 · delay 10 % 2s"));
        assertThat(texts(svg, "tw-dg-rule")).contains("timeout 2s · retries 3 × 500ms");
    }

    @Test
    void theTextEquivalentSaysWhereCopiesGoAndWhatIsAborted() {
        var routes = dev.trafficwizard.istio.RoutingModel.of(List.of(MIRRORED_AND_FAULTY), List.of(REVIEWS_DR),
                List.of(), REVIEWS_SERVICE).service();
        assertThat(RoutingDiagram.text(routes, RoutingDiagram.Labels.ENGLISH)).containsExactly(
                "Mesh · reviews.bookinfo.svc.cluster.local: rule 1 (header x-beta = true) → v2 100 % "
                        + "[abort 5 % 503 · delay 10 % 2s]; all other requests → v1 90 %, v2 10 %, "
                        + "mirror 10 % → v3 (its answer is ignored) [timeout 2s · retries 3 × 500ms]");
    }
}
