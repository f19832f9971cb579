package dev.trafficwizard.bench;

import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.ServiceBuilder;

import java.util.List;
import java.util.Map;

public class ScratchRealistic {
    public static void main(String[] args) {
        BenchSeed seed = new BenchSeed(10, 60, 2, 40, true);
        var dispatcher = new KubernetesCrudDispatcher(List.of());
        BenchSeed.Sizes sizes = seed.seed(new DirectStore(dispatcher));
        System.out.print(sizes.report());
        BenchSeed.Sizes minimal = new BenchSeed(10, 60, 2, 40).seed(new DirectStore(new KubernetesCrudDispatcher(List.of())));
        System.out.print("minimal:\n" + minimal.report());
        Map<String, String> labels = Map.of("app", "svc-3-1", "version", "v2");
        Deployment d = new DeploymentBuilder().withNewMetadata()
                .withName("svc-3-1-v2").withNamespace("team-3").withLabels(labels).endMetadata()
                .withNewSpec().withReplicas(2).withNewSelector().withMatchLabels(labels).endSelector()
                .withNewTemplate().withNewMetadata().withLabels(labels).endMetadata()
                .withNewSpec().addNewContainer().withName("app").withImage("example/svc-3-1:v2")
                .endContainer().endSpec().endTemplate().endSpec()
                .withNewStatus().withReplicas(2).withReadyReplicas(2).endStatus().build();
        String a = Serialization.asJson(RealisticObjects.deployment(d));
        String b = Serialization.asJson(RealisticObjects.deployment(d));
        System.out.println("deterministic=" + a.equals(b) + " len=" + a.length());
        Deployment back = Serialization.unmarshal(a, Deployment.class);
        System.out.println("selector=" + back.getSpec().getSelector().getMatchLabels()
                + " app=" + back.getMetadata().getLabels().get("app") + " version=" + back.getMetadata().getLabels().get("version")
                + " tmpl app=" + back.getSpec().getTemplate().getMetadata().getLabels().get("app")
                + " tmpl version=" + back.getSpec().getTemplate().getMetadata().getLabels().get("version")
                + " replicas=" + back.getSpec().getReplicas() + " ready=" + back.getStatus().getReadyReplicas()
                + " containers=" + back.getSpec().getTemplate().getSpec().getContainers().size()
                + " labels=" + back.getMetadata().getLabels().size() + " annotations=" + back.getMetadata().getAnnotations().size()
                + " lastApplied=" + back.getMetadata().getAnnotations().get(ServerFields.LAST_APPLIED).length()
                + " minimal untouched=" + (d.getMetadata().getAnnotations() == null || d.getMetadata().getAnnotations().isEmpty()));
        Service s = new ServiceBuilder().withNewMetadata().withName("svc-3-1").withNamespace("team-3").endMetadata()
                .withNewSpec().withSelector(Map.of("app", "svc-3-1")).addNewPort().withPort(8080).endPort().endSpec().build();
        String sa = Serialization.asJson(RealisticObjects.service(s));
        System.out.println("svc deterministic=" + sa.equals(Serialization.asJson(RealisticObjects.service(s))) + " len=" + sa.length()
                + " selector=" + Serialization.unmarshal(sa, Service.class).getSpec().getSelector());
        java.util.IntSummaryStatistics st = new java.util.IntSummaryStatistics();
        for (int i = 0; i < 300; i++) {
            Map<String, String> l = Map.of("app", "svc-" + i % 7 + "-" + i, "version", "v" + (1 + i % 2));
            Deployment m = new DeploymentBuilder().withNewMetadata()
                .withName("svc-" + i + "-v2").withNamespace("team-" + i % 7).withLabels(l).endMetadata()
                .withNewSpec().withReplicas(2).withNewSelector().withMatchLabels(l).endSelector()
                .withNewTemplate().withNewMetadata().withLabels(l).endMetadata()
                .withNewSpec().addNewContainer().withName("app").withImage("example/x:v2")
                .endContainer().endSpec().endTemplate().endSpec()
                .withNewStatus().withReplicas(2).withReadyReplicas(2).endStatus().build();
            st.accept(Serialization.asJson(RealisticObjects.deployment(m)).length());
        }
        System.out.println("deployments " + st);
        if (args.length > 0) {
            System.out.println(a);
            System.out.println(sa);
        }
    }
}
