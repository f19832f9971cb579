package dev.trafficwizard.catalog;

import dev.trafficwizard.cluster.ClusterInfo;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Which cluster the dashboard shows, as pages put it in their header: the demo badge, or the
 * kubeconfig context and the API server. The web layer's view of {@link ClusterInfo}.
 */
public record ClusterView(boolean demo, String context, String server) {

    static ClusterView of(ClusterInfo info) {
        return new ClusterView(info.demo(), info.context(), info.server());
    }

    @Configuration(proxyBeanMethods = false)
    static class Wiring {

        @Bean
        ClusterView clusterView(ClusterInfo info) {
            return ClusterView.of(info);
        }
    }
}
