package dev.trafficwizard.bench;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.EnvVarBuilder;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.ProbeBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeBuilder;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The pod spec half of {@link RealisticObjects}: containers (the app and 1–3 sidecars, mostly 1)
 * with env (the app 8–16 entries, a sidecar 2–4), resources, probes, ports and volume mounts, pod
 * volumes and security contexts, with the defaults the API server fills in, all drawn from the
 * caller's seeded random (so deterministic).
 * <p>
 * Why so few env entries: a Deployment carries its spec three times (the spec, the last-applied
 * annotation, the FieldsV1 of managedFields), so each env entry costs about 250 bytes of JSON and
 * the two-container floor is about 16 KiB; with 20–40 entries per container a Deployment is about
 * 40 KiB. APP_ENV and SIDECAR_ENV are the knobs.
 */
final class RealisticPods {

    /** The app container has APP_ENV to 2 * APP_ENV env entries, a sidecar SIDECAR_ENV to 2 * SIDECAR_ENV. */
    static final int APP_ENV = 8;
    static final int SIDECAR_ENV = 2;
    private static final String[] SIDECARS = {"log-shipper", "metrics-exporter", "config-reloader"};
    private static final String[] SIDECAR_IMAGES = {"fluent/fluent-bit:3.1.9", "prom/statsd-exporter:v0.27.1",
            "ghcr.io/jimmidyson/configmap-reload:v0.14.0"};
    private static final String[] PLAIN = {"LOG_LEVEL", "LOG_FORMAT", "SERVER_PORT", "MANAGEMENT_PORT",
            "SPRING_PROFILES_ACTIVE", "JAVA_TOOL_OPTIONS", "OTEL_SERVICE_NAME", "OTEL_EXPORTER_OTLP_ENDPOINT",
            "OTEL_TRACES_SAMPLER", "OTEL_TRACES_SAMPLER_ARG", "OTEL_RESOURCE_ATTRIBUTES", "TZ", "LANG",
            "HTTP_CLIENT_TIMEOUT_MS", "HTTP_CLIENT_MAX_CONNECTIONS", "DB_HOST", "DB_PORT", "DB_NAME",
            "DB_POOL_SIZE", "REDIS_HOST", "REDIS_PORT", "KAFKA_BOOTSTRAP_SERVERS", "KAFKA_CONSUMER_GROUP",
            "FEATURE_FLAGS_URL", "CACHE_TTL_SECONDS", "RATE_LIMIT_RPS", "METRICS_PATH", "HEALTH_PATH",
            "GRACEFUL_SHUTDOWN_SECONDS", "MAX_REQUEST_BODY_BYTES", "CORS_ALLOWED_ORIGINS", "REGION", "ZONE_AWARE",
            "RETRY_MAX_ATTEMPTS", "RETRY_BACKOFF_MS", "CIRCUIT_BREAKER_THRESHOLD", "AUDIT_ENABLED",
            "TRACING_ENABLED", "BATCH_SIZE", "WORKER_THREADS", "GOMAXPROCS", "FLUSH_INTERVAL_SECONDS"};
    private static final String[] VALUES = {"info", "json", "8080", "9090", "production",
            "-XX:MaxRAMPercentage=75.0 -XX:+UseG1GC -XX:+ExitOnOutOfMemoryError -Dfile.encoding=UTF-8",
            "http://otel-collector.observability.svc.cluster.local:4317", "parentbased_traceidratio", "0.05",
            "Europe/Berlin", "en_US.UTF-8", "5000", "200", "postgres.data.svc.cluster.local", "5432", "true",
            "redis-master.data.svc.cluster.local", "kafka-0.kafka-headless.data.svc.cluster.local:9092,"
            + "kafka-1.kafka-headless.data.svc.cluster.local:9092", "https://flags.internal.example.com/api/v2",
            "300", "/metrics", "/healthz", "30", "1048576", "https://app.example.com,https://admin.example.com",
            "eu-central-1", "false", "3", "250", "0.5", "64", "8", "2", "10"};
    private static final String[] FIELD_PATHS = {"metadata.name", "metadata.namespace", "status.podIP",
            "spec.nodeName", "spec.serviceAccountName", "status.hostIP"};

    private RealisticPods() {
    }

    /** Fills in {@code pod}: keeps its first container's name and image, adds the rest. */
    static void decorate(PodSpec pod, String app, String version, SplittableRandom rnd) {
        Container first = pod.getContainers().get(0);
        List<Container> containers = new ArrayList<>();
        containers.add(container(first.getName(), first.getImage(), app, version, 8080, true, rnd));
        int draw = rnd.nextInt(10);
        int sidecars = draw < 7 ? 1 : draw < 9 ? 2 : 3;
        for (int i = 0; i < sidecars; i++) {
            containers.add(container(SIDECARS[i], SIDECAR_IMAGES[i], app, version, 9100 + i, false, rnd));
        }
        pod.setContainers(containers);
        pod.setVolumes(volumes(app));
        pod.setServiceAccountName(app);
        pod.setServiceAccount(app);
        pod.setDnsPolicy("ClusterFirst");
        pod.setRestartPolicy("Always");
        pod.setSchedulerName("default-scheduler");
        pod.setTerminationGracePeriodSeconds(30L + 15L * rnd.nextInt(3));
        pod.setNodeSelector(Map.of("kubernetes.io/os", "linux"));
        pod.setSecurityContext(new io.fabric8.kubernetes.api.model.PodSecurityContextBuilder().withRunAsNonRoot(true)
                .withRunAsUser(10001L).withRunAsGroup(10001L).withFsGroup(10001L)
                .withNewSeccompProfile().withType("RuntimeDefault").endSeccompProfile().build());
    }

    private static Container container(String name, String image, String app, String version, int port,
                                       boolean main, SplittableRandom rnd) {
        int cpu = 50 * (1 + rnd.nextInt(main ? 10 : 3));
        int memory = 64 * (1 + rnd.nextInt(main ? 16 : 4));
        String portName = main ? "http" : "metrics";
        int envCount = main ? APP_ENV + rnd.nextInt(APP_ENV + 1) : SIDECAR_ENV + rnd.nextInt(SIDECAR_ENV + 1);
        ContainerBuilder c = new ContainerBuilder().withName(name).withImage(image)
                .withImagePullPolicy("IfNotPresent").withEnv(env(app, version, envCount, rnd))
                .addNewPort().withName(portName).withContainerPort(port).withProtocol("TCP").endPort()
                .withNewResources().addToRequests("cpu", new Quantity(cpu + "m"))
                .addToRequests("memory", new Quantity(memory + "Mi"))
                .addToLimits("cpu", new Quantity(2 * cpu + "m")).addToLimits("memory", new Quantity(2 * memory + "Mi"))
                .endResources()
                .withLivenessProbe(probe(port, portName, main ? "/healthz/live" : null, 10 + rnd.nextInt(20), rnd))
                .withReadinessProbe(probe(port, portName, main ? "/healthz/ready" : "/metrics", 5, rnd))
                .addNewVolumeMount().withName("config").withMountPath("/etc/" + name).withReadOnly(true)
                .endVolumeMount()
                .addNewVolumeMount().withName("tmp").withMountPath("/tmp").endVolumeMount()
                .withTerminationMessagePath("/dev/termination-log").withTerminationMessagePolicy("File")
                .withNewSecurityContext().withAllowPrivilegeEscalation(false).withReadOnlyRootFilesystem(true)
                .withNewCapabilities().withDrop("ALL").endCapabilities().endSecurityContext();
        if (main) {
            c.addNewPort().withName("http-admin").withContainerPort(8081).withProtocol("TCP").endPort()
                    .addNewVolumeMount().withName("secrets").withMountPath("/var/run/secrets/" + app)
                    .withReadOnly(true).endVolumeMount()
                    .addNewVolumeMount().withName("tokens").withMountPath("/var/run/secrets/tokens")
                    .withReadOnly(true).endVolumeMount();
        } else {
            c.withArgs("--config=/etc/" + name + "/config.yaml", "--log.level=info", "--web.listen-address=:" + port);
        }
        return c.build();
    }

    private static Probe probe(int port, String portName, String path, int initialDelay, SplittableRandom rnd) {
        ProbeBuilder p = new ProbeBuilder().withInitialDelaySeconds(initialDelay).withPeriodSeconds(10)
                .withTimeoutSeconds(1 + rnd.nextInt(3)).withSuccessThreshold(1).withFailureThreshold(3);
        return path == null ? p.withNewTcpSocket().withPort(new IntOrString(port)).endTcpSocket().build()
                : p.withNewHttpGet().withPath(path).withPort(new IntOrString(portName)).withScheme("HTTP")
                .endHttpGet().build();
    }

    private static List<EnvVar> env(String app, String version, int count, SplittableRandom rnd) {
        List<EnvVar> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            String name = i < PLAIN.length ? PLAIN[i] : PLAIN[i % PLAIN.length] + "_" + i / PLAIN.length;
            EnvVarBuilder e = new EnvVarBuilder().withName(name);
            int kind = rnd.nextInt(10);
            if (kind == 0) {
                e.withNewValueFrom().withNewSecretKeyRef().withName(app + "-secrets")
                        .withKey(name.toLowerCase().replace('_', '-')).endSecretKeyRef().endValueFrom();
            } else if (kind == 1) {
                e.withNewValueFrom().withNewConfigMapKeyRef().withName(app + "-config")
                        .withKey(name.toLowerCase().replace('_', '.')).endConfigMapKeyRef().endValueFrom();
            } else if (kind == 2) {
                e.withNewValueFrom().withNewFieldRef().withApiVersion("v1")
                        .withFieldPath(FIELD_PATHS[rnd.nextInt(FIELD_PATHS.length)]).endFieldRef().endValueFrom();
            } else if (name.equals("OTEL_SERVICE_NAME")) {
                e.withValue(app);
            } else if (name.equals("OTEL_RESOURCE_ATTRIBUTES")) {
                e.withValue("service.version=" + version + ",deployment.environment=production");
            } else {
                e.withValue(VALUES[(i + rnd.nextInt(3)) % VALUES.length]);
            }
            out.add(e.build());
        }
        return out;
    }

    private static List<Volume> volumes(String app) {
        return List.of(
                new VolumeBuilder().withName("config").withNewConfigMap().withName(app + "-config")
                        .withDefaultMode(420).endConfigMap().build(),
                new VolumeBuilder().withName("secrets").withNewSecret().withSecretName(app + "-secrets")
                        .withDefaultMode(420).endSecret().build(),
                new VolumeBuilder().withName("tmp").withNewEmptyDir().withSizeLimit(new Quantity("256Mi"))
                        .endEmptyDir().build(),
                new VolumeBuilder().withName("tokens").withNewProjected().withDefaultMode(420)
                        .addNewSource().withNewServiceAccountToken().withAudience("vault")
                        .withExpirationSeconds(3607L).withPath("vault-token").endServiceAccountToken().endSource()
                        .addNewSource().withNewConfigMap().withName("kube-root-ca.crt").addNewItem()
                        .withKey("ca.crt").withPath("ca.crt").endItem().endConfigMap().endSource()
                        .endProjected().build());
    }
}
