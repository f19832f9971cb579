package dev.trafficwizard.workflow;

import dev.trafficwizard.catalog.RoutingState;
import dev.trafficwizard.catalog.ServiceDetail;
import dev.trafficwizard.catalog.ServiceSummary;
import dev.trafficwizard.catalog.VersionSummary;
import dev.trafficwizard.gitops.GitOpsException;
import dev.trafficwizard.gitops.GitProposals;
import dev.trafficwizard.istio.RoutingObjectBuilder;
import dev.trafficwizard.istio.RoutingObjects;
import dev.trafficwizard.istio.YamlRenderer;
import dev.trafficwizard.routing.RoutingPlan;
import dev.trafficwizard.routing.TargetService;
import dev.trafficwizard.routing.WeightedDestination;
import io.fabric8.kubernetes.api.model.HasMetadata;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** #18 drift: Git against the cluster, per object, normalised alike; read once per 30 s; quiet when Git is away. */
class DriftTest {

    private static final TargetService TARGET = new TargetService("shop", "cart", "version", List.of(
            new TargetService.ServiceVersion("v1", 1, 1), new TargetService.ServiceVersion("v2", 1, 1)));

    @Test
    void theSameRoutingWithServerFieldsAndStatusIsTheSameAsGit() {
        RoutingObjects live = built(90, 10);
        live.virtualService().getMetadata().setResourceVersion("42");
        live.virtualService().getMetadata().setUid("3b1c");
        live.virtualService().getMetadata().setGeneration(7L);
        live.virtualService().getMetadata().setCreationTimestamp("2026-12-01T10:00:00Z");
        String file = YamlRenderer.renderOne(built(90, 10).virtualService())
                + "status:\n  observedGeneration: \"7\"\n";

        List<Drift.Entry> entries = Drift.compare(Map.of("shop/cart/virtualservice-cart.yaml", file),
                List.of(live.virtualService()), "shop");

        assertThat(entries).extracting(Drift.Entry::state).containsExactly(Drift.State.SAME);
    }

    @Test
    void eachObjectIsSameDiffersOnlyInGitOrOnlyInTheCluster() {
        RoutingObjects git = built(80, 20);
        RoutingObjects cluster = built(90, 10);
        HasMetadata extra = handMade();
        // one file with two documents (a VirtualService and a Gateway the cluster does not have), one with the rule
        String vsAndGateway = YamlRenderer.render(List.of(git.virtualService(), gateway()));
        List<HasMetadata> live = new ArrayList<>(List.of(cluster.virtualService(), cluster.destinationRule(), extra));

        List<Drift.Entry> entries = Drift.compare(Map.of(
                "a.yaml", vsAndGateway,
                "b.yaml", YamlRenderer.renderOne(git.destinationRule()),
                "README.md", "# not routing\n"), live, "shop");

        assertThat(entries).extracting(e -> e.kind() + " " + e.name() + " " + e.key()).containsExactlyInAnyOrder(
                "VirtualService cart differs", "Gateway cart-gateway git", "DestinationRule cart same",
                "VirtualService cart-by-hand cluster");
        assertThat(entries).filteredOn(e -> e.state() == Drift.State.DIFFERS).first().extracting(Drift.Entry::diff)
                .asString().contains("--- git: virtualservice/cart.yaml", "+++ cluster: virtualservice/cart.yaml",
                        "-      weight: 80", "+      weight: 90");
    }

    @Test
    void theRepositoryIsReadOnceAndAnUnreachableOneIsAQuietLine() {
        AtomicInteger reads = new AtomicInteger();
        GitProposals git = org.mockito.Mockito.mock(GitProposals.class);
        org.mockito.Mockito.when(git.configured()).thenReturn(true);
        org.mockito.Mockito.when(git.repository()).thenReturn("https://***@git.example.com/routing.git");
        org.mockito.Mockito.when(git.read("shop", "cart")).thenAnswer(call -> {
            if (reads.incrementAndGet() > 1) {
                return Optional.of(Map.of("x.yaml", YamlRenderer.renderOne(built(90, 10).virtualService())));
            }
            throw new GitOpsException(GitOpsException.Reason.UNAVAILABLE, "connection refused");
        });
        Drift drift = new Drift(git);
        ServiceDetail service = service(built(90, 10));

        Drift.Report first = drift.of(service).orElseThrow();
        Drift.Report again = drift.of(service).orElseThrow();

        assertThat(first.unavailable()).isEqualTo("connection refused");
        assertThat(first.entries()).isEmpty();
        assertThat(again).isEqualTo(first);
        assertThat(reads).hasValue(1);
        drift.forget("shop", "cart");
        assertThat(drift.of(service).orElseThrow().entries()).extracting(Drift.Entry::state)
                .contains(Drift.State.SAME, Drift.State.ONLY_CLUSTER);
    }

    @Test
    void nothingWithoutARepositoryOrWhenItHoldsNothingForTheService() {
        assertThat(new Drift(org.mockito.Mockito.mock(GitProposals.class)).of(service(built(90, 10)))).isEmpty();
        GitProposals empty = org.mockito.Mockito.mock(GitProposals.class);
        org.mockito.Mockito.when(empty.configured()).thenReturn(true);
        org.mockito.Mockito.when(empty.read("shop", "cart")).thenReturn(Optional.empty());
        assertThat(new Drift(empty).of(service(built(90, 10)))).isEmpty();
    }

    private static RoutingObjects built(int v1, int v2) {
        return RoutingObjectBuilder.build(RoutingPlan.weighted("shop", "cart",
                List.of(new WeightedDestination("v1", v1), new WeightedDestination("v2", v2))), TARGET);
    }

    private static ServiceDetail service(RoutingObjects objects) {
        ServiceSummary summary = new ServiceSummary("shop", "cart", "version", List.of(
                new VersionSummary("v1", List.of("cart-v1"), 1, 1, null, null),
                new VersionSummary("v2", List.of("cart-v2"), 1, 1, null, null)), RoutingState.MANAGED);
        return new ServiceDetail(summary, TARGET, objects.all(), objects.virtualService(), objects.destinationRule());
    }

    private static HasMetadata handMade() {
        var vs = built(50, 50).virtualService();
        vs.getMetadata().setName("cart-by-hand");
        return vs;
    }

    private static HasMetadata gateway() {
        return new io.fabric8.istio.api.networking.v1.GatewayBuilder().withNewMetadata().withName("cart-gateway")
                .withNamespace("shop").endMetadata().withNewSpec().addToSelector("istio", "ingressgateway").endSpec().build();
    }
}
