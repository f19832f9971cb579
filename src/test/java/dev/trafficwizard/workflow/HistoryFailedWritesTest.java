package dev.trafficwizard.workflow;

import dev.trafficwizard.routing.FormKind;
import java.time.Duration;
import org.awaitility.Awaitility;
import dev.trafficwizard.AsAdmin;
import dev.trafficwizard.cluster.ClusterWriteException;
import dev.trafficwizard.cluster.RoutingApplier;
import dev.trafficwizard.security.AuditLines;
import io.fabric8.kubernetes.client.KubernetesClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.bean.override.mockito.MockitoBean;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.doThrow;

/**
 * Issue #12 finding 6, failed writes: one that was put back entirely changed nothing and is only
 * audited; one that left something not put back is in the history too, as failed.
 */
@SpringBootTest(properties = "traffic-wizard.cluster.mode=demo")
class HistoryFailedWritesTest {

    @MockitoBean
    RoutingApplier applier;
    @Autowired
    RoutingWorkflow workflow;
    @Autowired
    History history;
    @Autowired
    KubernetesClient client;

    @AfterEach
    void cleanUp() {
        client.configMaps().inNamespace("bookinfo").delete();
    }

    void applyFailing(List<String> restored, List<String> notRestored) {
        doThrow(new ClusterWriteException("VirtualService bookinfo/reviews", "HTTP 500", false, 500, restored,
                notRestored, null)).when(applier).apply(any());
        assertThat(AsAdmin.get(() -> workflow.apply(ReviewLinksIntegrationTest.plan(80, 20), null,
                FormKind.WEIGHTED))).isInstanceOf(WriteResult.Failed.class);
    }

    @Test
    void aFailureThatWasPutBackIsAuditedOnlyOneThatLeftChangesIsInTheHistory() throws Exception {
        try (AuditLines audit = new AuditLines()) {
            applyFailing(List.of("DestinationRule bookinfo/reviews"), List.of());
            assertThat(audit.objects()).anySatisfy(l -> assertThat(l.get("outcome").asString()).isEqualTo("failed"));
        }
        assertThat(history.revisions("bookinfo", "reviews")).isEmpty();

        applyFailing(List.of(), List.of("DestinationRule bookinfo/reviews"));
        Awaitility.await().atMost(Duration.ofSeconds(5))
                .until(() -> !history.revisions("bookinfo", "reviews").isEmpty());
        assertThat(history.revisions("bookinfo", "reviews")).singleElement().satisfies(r -> {
            assertThat(r.outcome()).isEqualTo(Outcome.FAILED);
            assertThat(r.message()).contains("NOT put back: [DestinationRule bookinfo/reviews]");
        });
    }
}
