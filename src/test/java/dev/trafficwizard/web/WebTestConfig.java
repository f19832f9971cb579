package dev.trafficwizard.web;

import dev.trafficwizard.catalog.ClusterView;
import dev.trafficwizard.cluster.ClusterInfo;
import dev.trafficwizard.cluster.ClusterProperties;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;

/**
 * What every {@code @WebMvcTest} slice needs besides the controller: the cluster shown in the page
 * header ({@link LayoutAdvice}), the diagnostic resolver and the services rows (plain components, not in
 * the slice).
 */
@TestConfiguration(proxyBeanMethods = false)
@Import({DiagnosticMessages.class, Diagrams.class, FieldLabels.class, RenderedRows.class, OptionsHtml.class, dev.trafficwizard.security.AccessPolicy.class, dev.trafficwizard.WithCsrf.class,
        RolloutPanel.class, RolloutViews.class, PageFigures.class})
class WebTestConfig {

    static final ClusterView DEMO = new ClusterView(true, "demo", "http://127.0.0.1:1");

    @Bean
    ClusterView clusterView() {
        return DEMO;
    }

    /** #18 own: the owners shown on the service page and list (none: a mock answers empty lists). */
    @Bean
    dev.trafficwizard.workflow.Ownership ownership() {
        return org.mockito.Mockito.mock(dev.trafficwizard.workflow.Ownership.class);
    }

    /** #17: no rollout in the slices (a mock answers none), and no metrics source (PageFigures finds none). */
    @Bean
    dev.trafficwizard.release.Rollouts rollouts() {
        return org.mockito.Mockito.mock(dev.trafficwizard.release.Rollouts.class);
    }

    /** For the security configuration (demo users). */
    @Bean
    ClusterInfo clusterInfo() {
        return new ClusterInfo(ClusterProperties.Mode.DEMO, "demo", DEMO.server());
    }
}
