package dev.trafficwizard.hostile;

import dev.trafficwizard.AsAdmin;
import dev.trafficwizard.catalog.Catalog;
import dev.trafficwizard.istio.Managed;
import dev.trafficwizard.cluster.ReviewStore;
import dev.trafficwizard.workflow.RoutingWorkflow;
import io.fabric8.istio.client.IstioClient;
import io.fabric8.kubernetes.client.KubernetesClient;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.annotation.Import;
import org.springframework.security.test.context.support.WithMockUser;
import org.springframework.test.web.servlet.MockMvc;

import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The demo cluster as an administrator (who may write anything) for the hostile-input tests, and
 * what they need around each input: what is in the cluster, and putting it back after an input
 * that was valid and applied.
 */
@SpringBootTest(properties = "traffic-wizard.cluster.mode=demo")
@WithMockUser(username = "admin", roles = "ADMIN")
@Import(dev.trafficwizard.WithCsrf.class)
@AutoConfigureMockMvc
abstract class HostileInputTestBase {

    static final long SEED = Long.getLong("hostile.seed", 20_261_126L);

    @Autowired
    MockMvc mvc;
    @Autowired
    KubernetesClient client;
    @Autowired
    Catalog catalog;
    @Autowired
    RoutingWorkflow workflow;

    TreeMap<String, String> snapshot() {
        return ClusterSnapshot.of(client);
    }

    /**
     * The snapshot as far as "nothing was written" goes: a well-formed but stale base version is a
     * conflict, which writes no routing (it goes to the audit log; older versions also recorded it in
     * the service's history, which this still tolerates).
     */
    static SortedMap<String, String> routing(Map<String, String> snapshot, boolean conflict) {
        TreeMap<String, String> out = new TreeMap<>(snapshot);
        if (conflict) {
            out.keySet().removeIf(k -> k.contains("/traffic-wizard-history-"));
        }
        return out;
    }

    /** Removes what an accepted input wrote: managed routing, managed Gateways, review links. */
    void restore() {
        dev.trafficwizard.AsAdmin.removeManagedRouting(catalog, workflow, "default", "fleetman-staff-service", "fleetman-webapp");
        var gateways = client.adapt(IstioClient.class).v1().gateways();
        gateways.inAnyNamespace().list().getItems().stream().filter(Managed::isManaged)
                .forEach(g -> gateways.resource(g).delete());
        client.configMaps().inAnyNamespace().withLabel(ReviewStore.REVIEW_LABEL, "true").list().getItems()
                .forEach(c -> client.configMaps().resource(c).delete());
    }
}
