package dev.trafficwizard.cluster;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Chooses the cluster: in-cluster service account, else kubeconfig (current or configured
 * context), else the embedded demo cluster. {@code traffic-wizard.cluster.mode} forces one.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({ClusterProperties.class, WatchScope.class})
class ClusterConnection {

    private static final Logger log = LoggerFactory.getLogger(ClusterConnection.class);
    static final String SERVICE_ACCOUNT_TOKEN = "/var/run/secrets/kubernetes.io/serviceaccount/token";

    @Bean(destroyMethod = "close")
    DemoCluster demoCluster(ClusterProperties properties) {
        return new DemoCluster(resolveMode(properties) == ClusterProperties.Mode.DEMO);
    }

    @Bean
    ClusterInfo clusterInfo(ClusterProperties properties, DemoCluster demo) {
        ClusterProperties.Mode mode = resolveMode(properties);
        ClusterInfo info = switch (mode) {
            case DEMO -> new ClusterInfo(mode, "demo", demo.url());
            case IN_CLUSTER -> new ClusterInfo(mode, "in-cluster", inClusterConfig().getMasterUrl());
            default -> {
                Config config = kubeconfig(properties);
                String context = config.getCurrentContext() == null ? "(none)" : config.getCurrentContext().getName();
                yield new ClusterInfo(mode, context, config.getMasterUrl());
            }
        };
        log.info("Traffic Wizard connects to the {}", info.describe());
        if (info.demo()) {
            log.info("Demo cluster: no cluster configured (no service account, no kubeconfig); "
                    + "seeded with the demo services. Set traffic-wizard.cluster.mode to change this.");
        }
        return info;
    }

    @Bean(destroyMethod = "close")
    KubernetesClient kubernetesClient(ClusterProperties properties, ClusterInfo info, DemoCluster demo) {
        Config config = switch (info.mode()) {
            case DEMO -> demo.clientConfig();
            case IN_CLUSTER -> inClusterConfig();
            default -> kubeconfig(properties);
        };
        // No automatic retries: a write whose answer was lost and retried could come back as a
        // conflict and leave the first write in place without its undo. Informers re-list by themselves.
        config.setRequestRetryBackoffLimit(0);
        // Parsing skips what the caches drop anyway (managed fields, pod templates' specs): ReadTrims
        return ReadTrims.client(config);
    }

    static ClusterProperties.Mode resolveMode(ClusterProperties properties) {
        if (properties.mode() != ClusterProperties.Mode.AUTO) {
            return properties.mode();
        }
        if (System.getenv("KUBERNETES_SERVICE_HOST") != null && Files.isReadable(Path.of(SERVICE_ACCOUNT_TOKEN))) {
            return ClusterProperties.Mode.IN_CLUSTER;
        }
        return kubeconfigFile(properties).isFile() ? ClusterProperties.Mode.KUBECONFIG : ClusterProperties.Mode.DEMO;
    }

    static File kubeconfigFile(ClusterProperties properties) {
        if (properties.kubeconfig() != null) {
            return new File(properties.kubeconfig());
        }
        String env = System.getenv("KUBECONFIG");
        if (env != null && !env.isBlank()) {
            return new File(env.split(File.pathSeparator)[0]);
        }
        return new File(System.getProperty("user.home"), ".kube/config");
    }

    private static Config kubeconfig(ClusterProperties properties) {
        File file = kubeconfigFile(properties);
        if (!file.isFile()) {
            throw new IllegalStateException("traffic-wizard.cluster.mode=kubeconfig but no kubeconfig at " + file);
        }
        return Config.fromKubeconfig(properties.context(), file);
    }

    private static Config inClusterConfig() {
        // No kubeconfig inside a pod: auto-configuration reads the mounted service account.
        return Config.autoConfigure(null);
    }
}
