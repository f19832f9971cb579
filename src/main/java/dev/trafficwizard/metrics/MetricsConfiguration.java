package dev.trafficwizard.metrics;

import dev.trafficwizard.catalog.Catalog;
import dev.trafficwizard.cluster.ClusterInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The one {@link TrafficMetrics}: Prometheus when {@code traffic-wizard.metrics.prometheus.url} is
 * set, the simulated demo traffic on the embedded demo cluster, otherwise none.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(MetricsProperties.class)
class MetricsConfiguration {

    private static final Logger log = LoggerFactory.getLogger(MetricsConfiguration.class);

    @Bean
    TrafficMetrics trafficMetrics(MetricsProperties properties, ClusterInfo cluster, ObjectProvider<Catalog> catalog) {
        TrafficMetrics metrics = choose(properties, cluster.demo(), catalog::getObject);
        log.info("Traffic metrics: {}", metrics.source());
        return metrics;
    }

    static TrafficMetrics choose(MetricsProperties properties, boolean demo,
                                 java.util.function.Supplier<Catalog> catalog) {
        if (properties.prometheus().configured()) {
            return new PrometheusMetrics(properties.prometheus());
        }
        if (demo) {
            return new DemoTraffic(catalog.get(), properties.demo());
        }
        return new NoMetrics();
    }
}
