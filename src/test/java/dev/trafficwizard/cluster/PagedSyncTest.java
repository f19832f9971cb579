package dev.trafficwizard.cluster;

import io.fabric8.istio.api.networking.v1.DestinationRuleListBuilder;
import io.fabric8.istio.api.networking.v1.GatewayListBuilder;
import io.fabric8.istio.api.networking.v1.VirtualServiceListBuilder;
import io.fabric8.kubernetes.api.model.ConfigMapListBuilder;
import io.fabric8.kubernetes.api.model.ListMeta;
import io.fabric8.kubernetes.api.model.ListMetaBuilder;
import io.fabric8.kubernetes.api.model.ServiceListBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentListBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.http.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The informers list in pages: against a scripted API server (expectations, no CRUD store) the
 * Deployments come in two pages of one, joined by a {@code continue} token, and the cache holds
 * both. Every other kind answers an empty list; the Gateway API and Namespaces are not served (404).
 */
class PagedSyncTest {

    KubernetesMockServer server;
    KubernetesClient client;

    @BeforeEach
    void setUp() {
        server = new KubernetesMockServer(false);
        server.init();
        client = server.createClient();
    }

    @AfterEach
    void tearDown() {
        client.close();
        server.destroy();
    }

    static Deployment deployment(String name) {
        return new DeploymentBuilder().withNewMetadata().withName(name).withNamespace("shop")
                .withResourceVersion("5").endMetadata()
                .withNewSpec().withNewTemplate().withNewMetadata().withLabels(Map.of("app", name)).endMetadata()
                .endTemplate().endSpec().build();
    }

    static ListMeta meta(String continueToken) {
        return new ListMetaBuilder().withResourceVersion("7").withContinue(continueToken).build();
    }

    /** An empty list of one kind ({@code selector}: its label selector query parameter, or ""), then its watch. */
    void answer(String path, String selector, Object list) {
        server.expect().get().withPath(path + "?" + selector + "limit=500").andReturn(200, list).always();
        watch(path, selector);
    }

    /** The watch after the list (query parameters in fabric8's order): a WebSocket that stays open, silent. */
    void watch(String path, String selector) {
        server.expect().get().withPath(path + "?allowWatchBookmarks=true&" + selector
                        + "resourceVersion=7&timeoutSeconds=600&watch=true")
                .andUpgradeToWebSocket().open().done().always();
    }

    @Test
    void deploymentsAreListedInPagesJoinedByTheContinueToken() throws InterruptedException {
        answer("/api/v1/services", "", new ServiceListBuilder().withMetadata(meta(null)).build());
        answer("/apis/networking.istio.io/v1/virtualservices", "",
                new VirtualServiceListBuilder().withMetadata(meta(null)).build());
        answer("/apis/networking.istio.io/v1/destinationrules", "",
                new DestinationRuleListBuilder().withMetadata(meta(null)).build());
        answer("/apis/networking.istio.io/v1/gateways", "",
                new GatewayListBuilder().withMetadata(meta(null)).build());
        for (String label : List.of("history", "review", "rollout")) {
            answer("/api/v1/configmaps", "labelSelector=traffic-wizard.io%2F" + label + "%3Dtrue&",
                    new ConfigMapListBuilder().withMetadata(meta(null)).build());
        }
        server.expect().get().withPath("/apis/apps/v1/deployments?limit=500").andReturn(200,
                new DeploymentListBuilder().withMetadata(meta("page-2")).withItems(deployment("cart")).build()).once();
        server.expect().get().withPath("/apis/apps/v1/deployments?continue=page-2&limit=500").andReturn(200,
                new DeploymentListBuilder().withMetadata(meta(null)).withItems(deployment("checkout")).build()).once();
        watch("/apis/apps/v1/deployments", "");

        List<String> paths = new ArrayList<>();
        try (ClusterCache cache = new ClusterCache(client, new ClusterProperties(ClusterProperties.Mode.DEMO,
                null, null, 10, 2000), new ClusterInfo(ClusterProperties.Mode.DEMO, "test", "mock"))) {
            assertThat(cache.deployments("shop")).extracting(d -> d.getMetadata().getName())
                    .containsExactlyInAnyOrder("cart", "checkout");
        } finally {
            RecordedRequest r;
            while ((r = server.takeRequest(100, TimeUnit.MILLISECONDS)) != null) {
                paths.add(r.getPath());
            }
        }
        List<String> deploymentLists = paths.stream().filter(p -> p.startsWith("/apis/apps/v1/deployments?")
                && !p.contains("watch=true")).toList();
        assertThat(deploymentLists).as("all requests: %s", paths).containsExactly(
                "/apis/apps/v1/deployments?limit=500", "/apis/apps/v1/deployments?continue=page-2&limit=500");
        assertThat(paths).as("every list is paged").filteredOn(p -> !p.contains("watch=true")
                && !p.contains("customresourcedefinitions")).allMatch(p -> p.contains("limit="));
        assertThat(paths).anyMatch(p -> p.startsWith("/apis/apps/v1/deployments?") && p.contains("watch=true"));
    }
}
