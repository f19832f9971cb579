package dev.trafficwizard.cluster;

import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** #19: what the caches keep of a Deployment and a Service, and that repeated labels are shared. */
class TrimTest {

    static Deployment deployment(String name, Map<String, String> labels, Map<String, String> templateLabels) {
        return new DeploymentBuilder().withNewMetadata().withName(name).withNamespace("team-1")
                .withLabels(labels).addToAnnotations(Trim.LAST_APPLIED, "{\"big\":true}").endMetadata()
                .withNewSpec().withReplicas(2).withNewSelector().withMatchLabels(Map.of("app", "a")).endSelector()
                .withNewTemplate().withNewMetadata().withLabels(templateLabels).endMetadata()
                .withNewSpec().addNewContainer().withName("app").withImage("a:1").endContainer().endSpec()
                .endTemplate().endSpec().build();
    }

    @Test
    void aTemplateRepeatingTheDeploymentsLabelsSharesOneMapAndLabelStringsAreShared() {
        // new String(...): two parsed objects hold equal strings that are not the same object
        Deployment one = Trim.deployment(deployment("a", Map.of("app", "a", "team", new String("payments")),
                Map.of("app", "a", "team", new String("payments"))));
        Deployment two = Trim.deployment(deployment("b", Map.of("app", "b", "team", new String("payments")),
                Map.of("app", "b", "version", "v2")));

        assertThat(one.getSpec().getTemplate().getMetadata().getLabels())
                .isSameAs(one.getMetadata().getLabels()).containsEntry("team", "payments");
        assertThat(one.getMetadata().getLabels().get("team")).isSameAs(two.getMetadata().getLabels().get("team"));
        assertThat(two.getSpec().getTemplate().getMetadata().getLabels())
                .isNotSameAs(two.getMetadata().getLabels()).containsOnly(Map.entry("app", "b"), Map.entry("version", "v2"));
        assertThat(one.getMetadata().getAnnotations()).isNull();
        assertThat(one.getSpec().getTemplate().getSpec()).isNull();
        assertThat(one.getSpec().getReplicas()).isEqualTo(2);
    }

    @Test
    void aServiceKeepsItsLabelsAndAnnotationsButNotKubectlsCopy() {
        Service service = Trim.service(new ServiceBuilder().withNewMetadata().withName("s").withNamespace("team-1")
                .addToLabels("team", new String("payments")).addToAnnotations(Trim.LAST_APPLIED, "{}")
                .addToAnnotations("owner", "alice").endMetadata().withNewSpec().addToSelector("app", "s").endSpec()
                .build());

        assertThat(service.getMetadata().getLabels()).containsExactly(Map.entry("team", "payments"));
        assertThat(service.getMetadata().getLabels().get("team")).isSameAs("payments");
        assertThat(service.getMetadata().getAnnotations()).containsExactly(Map.entry("owner", "alice"));
        assertThat(service.getSpec().getSelector()).containsEntry("app", "s");
    }
}
