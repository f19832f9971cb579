package dev.trafficwizard.cluster;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.kubernetes.client.utils.Serialization;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/** Reading other tools' Rollouts and Canaries: their fields, a cluster without them, failures, the cache. */
@EnableKubernetesMockClient
class ForeignReleasesTest {

    KubernetesMockServer server;
    KubernetesClient client;

    private static final String ROLLOUTS_PATH = "/apis/argoproj.io/v1alpha1/namespaces/shop/rollouts";
    private static final String CANARIES_PATH = "/apis/flagger.app/v1beta1/namespaces/shop/canaries";

    private static GenericKubernetesResource yaml(String text) {
        return Serialization.unmarshal(text, GenericKubernetesResource.class);
    }

    private static List<String> refs(ForeignRelease release) {
        return release.references().stream()
                .map(r -> r.field() + " " + r.kind() + " " + r.namespace() + "/" + r.name()).toList();
    }

    @Test
    void anArgoCanaryNamesItsServicesVirtualServicesAndDestinationRule() {
        ForeignRelease rollout = ForeignReleaseParser.rollout(yaml("""
                apiVersion: argoproj.io/v1alpha1
                kind: Rollout
                metadata: {name: reviews, namespace: shop}
                spec:
                  strategy:
                    canary:
                      stableService: reviews-stable
                      canaryService: reviews-canary
                      trafficRouting:
                        istio:
                          virtualServices:
                          - name: reviews
                          - name: reviews-edge.ingress
                          - name: reviews-fqdn.mesh.cluster.local
                          destinationRule: {name: reviews-dr, stableSubsetName: stable, canarySubsetName: canary}
                status: {phase: Progressing}
                """));

        assertThat(rollout).extracting(ForeignRelease::tool, ForeignRelease::kind, ForeignRelease::namespace,
                ForeignRelease::name, ForeignRelease::phase)
                .containsExactly("Argo Rollouts", "Rollout", "shop", "reviews", "Progressing");
        String istio = "spec.strategy.canary.trafficRouting.istio.";
        assertThat(refs(rollout)).containsExactly(
                "spec.strategy.canary.stableService Service shop/reviews-stable",
                "spec.strategy.canary.canaryService Service shop/reviews-canary",
                istio + "virtualServices[0].name VirtualService shop/reviews",
                istio + "virtualServices[1].name VirtualService ingress/reviews-edge",
                istio + "virtualServices[2].name VirtualService mesh/reviews-fqdn",
                istio + "destinationRule.name DestinationRule shop/reviews-dr");
    }

    @Test
    void anArgoCanaryWithOneVirtualServiceAndABlueGreenRollout() {
        ForeignRelease canary = ForeignReleaseParser.rollout(yaml("""
                apiVersion: argoproj.io/v1alpha1
                kind: Rollout
                metadata: {name: web, namespace: shop}
                spec:
                  strategy:
                    canary:
                      trafficRouting:
                        istio:
                          virtualService: {name: web, routes: [primary]}
                """));
        assertThat(refs(canary)).containsExactly(
                "spec.strategy.canary.trafficRouting.istio.virtualService.name VirtualService shop/web");
        assertThat(canary.phase()).as("no status yet").isNull();

        ForeignRelease blueGreen = ForeignReleaseParser.rollout(yaml("""
                apiVersion: argoproj.io/v1alpha1
                kind: Rollout
                metadata: {name: api, namespace: shop}
                spec:
                  strategy:
                    blueGreen: {activeService: api-active, previewService: api-preview}
                status: {phase: Healthy}
                """));
        assertThat(refs(blueGreen)).containsExactly("spec.strategy.blueGreen.activeService Service shop/api-active",
                "spec.strategy.blueGreen.previewService Service shop/api-preview");
        assertThat(blueGreen.phase()).isEqualTo("Healthy");
    }

    @Test
    void anArgoCanaryThroughTheGatewayApiPluginNamesItsHttpRoutes() {
        ForeignRelease rollout = ForeignReleaseParser.rollout(yaml("""
                apiVersion: argoproj.io/v1alpha1
                kind: Rollout
                metadata: {name: web, namespace: shop}
                spec:
                  strategy:
                    canary:
                      stableService: web-stable
                      canaryService: web-canary
                      trafficRouting:
                        plugins:
                          argoproj-labs/gatewayAPI:
                            httpRoutes: [{name: web-a}, {name: web-b, useHeaderRoutes: true}]
                            namespace: edge
                """));
        String plugin = "spec.strategy.canary.trafficRouting.plugins[argoproj-labs/gatewayAPI].";
        assertThat(refs(rollout)).contains(plugin + "httpRoutes[0].name HTTPRoute edge/web-a",
                plugin + "httpRoutes[1].name HTTPRoute edge/web-b");
        ForeignRelease one = ForeignReleaseParser.rollout(yaml("""
                apiVersion: argoproj.io/v1alpha1
                kind: Rollout
                metadata: {name: web, namespace: shop}
                spec:
                  strategy:
                    canary:
                      trafficRouting:
                        plugins:
                          argoproj-labs/gatewayAPI: {httpRoute: web}
                """));
        assertThat(refs(one)).containsExactly(plugin + "httpRoute HTTPRoute shop/web");
    }

    @Test
    void aFlaggerCanaryManagesItsApexServiceAndWhatFlaggerCreatesForIt() {
        ForeignRelease named = ForeignReleaseParser.canary(yaml("""
                apiVersion: flagger.app/v1beta1
                kind: Canary
                metadata: {name: podinfo, namespace: shop}
                spec:
                  targetRef: {apiVersion: apps/v1, kind: Deployment, name: podinfo}
                  service: {name: frontend, port: 9898}
                status: {phase: Promoting}
                """));
        assertThat(named).extracting(ForeignRelease::tool, ForeignRelease::kind, ForeignRelease::phase)
                .containsExactly("Flagger", "Canary", "Promoting");
        assertThat(named.naming("Service", "shop", "frontend")).isPresent();
        assertThat(named.naming("VirtualService", "shop", "frontend")).isPresent();
        assertThat(named.naming("DestinationRule", "shop", "frontend-primary")).isPresent();
        assertThat(named.naming("Service", "shop", "frontend-canary")).isPresent();
        assertThat(named.naming("Service", "shop", "podinfo")).as("spec.service.name comes first").isEmpty();

        ForeignRelease byTarget = ForeignReleaseParser.canary(yaml("""
                apiVersion: flagger.app/v1beta1
                kind: Canary
                metadata: {name: podinfo, namespace: shop}
                spec:
                  targetRef: {apiVersion: apps/v1, kind: Deployment, name: podinfo}
                  service: {port: 9898}
                """));
        assertThat(byTarget.naming("Service", "shop", "podinfo")).get()
                .extracting(ForeignRelease.Reference::field).isEqualTo("spec.targetRef.name");
        assertThat(byTarget.phase()).isNull();
    }

    @Test
    void aClusterWithoutTheCrdsHasNoneAndAFailureIsNoneToo() {
        // nothing expected: the mock answers 404, as an API server without the CRD does
        assertThat(new ForeignReleases(client).in("shop")).isEmpty();
        assertThat(new ForeignReleases(client).listing("shop").failed()).as("a missing CRD is known: none").isEmpty();

        server.expect().get().withPath(ROLLOUTS_PATH).andReturn(403, "forbidden").always();
        server.expect().get().withPath(CANARIES_PATH).andReturn(500, "boom").always();
        ch.qos.logback.classic.Logger logger = (ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory
                .getLogger(ForeignReleases.class);
        ch.qos.logback.core.read.ListAppender<ch.qos.logback.classic.spi.ILoggingEvent> logged =
                new ch.qos.logback.core.read.ListAppender<>();
        logged.start();
        logger.addAppender(logged);
        // no retries, as the application's client (ClusterConnection)
        AtomicLong nanos = new AtomicLong();
        try (KubernetesClient once = new io.fabric8.kubernetes.client.KubernetesClientBuilder().withConfig(
                new io.fabric8.kubernetes.client.ConfigBuilder(client.getConfiguration())
                        .withRequestRetryBackoffLimit(0).build()).build()) {
            ForeignReleases releases = new ForeignReleases(once, nanos::get);
            assertThat(releases.in("shop")).isEmpty();
            nanos.addAndGet(ForeignReleases.FRESH.plusSeconds(1).toNanos());
            assertThat(releases.in("shop")).as("read again, failing again").isEmpty();
            // pages show none, but a rollout start must know the reads failed
            assertThat(releases.listing("shop").failed()).extracting(ForeignReleases.Failure::what)
                    .containsExactly("rollouts.argoproj.io in shop", "canaries.flagger.app in shop");
            assertThat(releases.listing("shop").failed().get(0).reason()).startsWith("HTTP 403");
        } finally {
            logger.detachAppender(logged);
        }
        assertThat(logged.list).filteredOn(e -> e.getLevel() == ch.qos.logback.classic.Level.WARN)
                .extracting(e -> e.getFormattedMessage().substring(0, e.getFormattedMessage().indexOf(':')))
                .containsExactly("Cannot list rollouts.argoproj.io in shop (403)",
                        "Cannot list canaries.flagger.app in shop (500)").as("once per kind and status code");
    }

    @Test
    void aNamespaceIsReadOnceWhileFreshThenAgain() {
        server.expect().get().withPath(ROLLOUTS_PATH).andReturn(200, """
                {"apiVersion":"argoproj.io/v1alpha1","kind":"RolloutList","items":[
                 {"apiVersion":"argoproj.io/v1alpha1","kind":"Rollout","metadata":{"name":"web","namespace":"shop"},
                  "spec":{"strategy":{"canary":{"stableService":"web"}}},"status":{"phase":"Paused"}}]}
                """).always();
        AtomicLong nanos = new AtomicLong();
        ForeignReleases releases = new ForeignReleases(client, nanos::get);

        assertThat(releases.in("shop")).extracting(ForeignRelease::name, ForeignRelease::phase)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("web", "Paused"));
        int requests = server.getRequestCount();
        releases.in("shop");
        assertThat(server.getRequestCount()).as("fresh: no new list call").isEqualTo(requests);

        nanos.addAndGet(TimeUnit.MILLISECONDS.toNanos(ForeignReleases.FRESH.plus(Duration.ofMillis(1)).toMillis()));
        assertThat(releases.in("shop")).hasSize(1);
        assertThat(server.getRequestCount()).as("read again after FRESH").isEqualTo(requests + 2);
    }

    @Test
    void watchingEveryNamespacePagesReadOneClusterWideListingRefreshedInTheBackground() throws Exception {
        server.expect().get().withPath("/apis/argoproj.io/v1alpha1/rollouts").andReturn(200, """
                {"apiVersion":"argoproj.io/v1alpha1","kind":"RolloutList","items":[
                 {"apiVersion":"argoproj.io/v1alpha1","kind":"Rollout","metadata":{"name":"web","namespace":"shop"},
                  "spec":{"strategy":{"canary":{"stableService":"web"}}},"status":{"phase":"Paused"}},
                 {"apiVersion":"argoproj.io/v1alpha1","kind":"Rollout","metadata":{"name":"api","namespace":"tools"},
                  "spec":{"strategy":{"canary":{"stableService":"api"}}},"status":{"phase":"Healthy"}}]}
                """).always();
        server.expect().get().withPath("/apis/flagger.app/v1beta1/canaries").andReturn(404, "").always();
        AtomicLong nanos = new AtomicLong();
        ForeignReleases releases = new ForeignReleases(client, nanos::get, true);

        assertThat(releases.in("shop")).extracting(ForeignRelease::name).containsExactly("web");
        assertThat(releases.in("tools")).extracting(ForeignRelease::name, ForeignRelease::phase)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("api", "Healthy"));
        assertThat(releases.in("elsewhere")).isEmpty();
        assertThat(server.getRequestCount()).as("two cluster-wide lists for three namespaces").isEqualTo(2);

        nanos.addAndGet(ForeignReleases.FRESH.plusSeconds(1).toNanos());
        assertThat(releases.in("shop")).as("older than FRESH: answered at once, refreshed behind")
                .extracting(ForeignRelease::name).containsExactly("web");
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(5))
                .until(() -> server.getRequestCount() == 4);
    }

    @Test
    void theDemoClusterServesItsSeededRollout() {
        try (DemoClusterFixture demo = new DemoClusterFixture()) {
            assertThat(demo.foreignReleases().in("bookinfo")).singleElement().satisfies(r -> {
                assertThat(r).extracting(ForeignRelease::tool, ForeignRelease::kind, ForeignRelease::name,
                        ForeignRelease::phase).containsExactly("Argo Rollouts", "Rollout", "details", "Paused");
                assertThat(r.naming("VirtualService", "bookinfo", "details")).isPresent();
            });
            assertThat(demo.foreignReleases().in("default")).isEmpty();
        }
    }
}
