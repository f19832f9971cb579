package dev.trafficwizard.browser;

import dev.trafficwizard.AsAdmin;
import dev.trafficwizard.catalog.Catalog;
import dev.trafficwizard.workflow.RoutingWorkflow;
import io.fabric8.kubernetes.client.KubernetesClient;
import org.junit.jupiter.api.AfterEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.security.test.context.support.WithMockUser;

/**
 * Browser tests on the demo cluster's bookinfo/reviews, run as an admin for the set-up they write
 * through the workflow; after each test its managed routing, history and review links are gone.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "traffic-wizard.cluster.mode=demo")
@WithMockUser(roles = "ADMIN")
@Import(dev.trafficwizard.WithCsrf.class)
abstract class ReviewsBrowserTestBase extends BrowserTestBase {

    @Autowired
    RoutingWorkflow workflow;
    @Autowired
    Catalog catalog;
    @Autowired
    KubernetesClient client;

    @AfterEach
    void removeReviewsRouting() {
        AsAdmin.removeManagedRouting(catalog, workflow, "bookinfo", "reviews");
        client.configMaps().inNamespace("bookinfo").delete();
    }
}
