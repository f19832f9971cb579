package dev.trafficwizard.bench;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.ManagedFieldsEntry;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.ServicePortBuilder;
import io.fabric8.kubernetes.api.model.ServiceSpec;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentConditionBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatus;
import io.fabric8.kubernetes.client.utils.Serialization;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;

/**
 * Makes the benchmark's minimal objects look like production ones: many labels and annotations, a
 * {@code kubectl.kubernetes.io/last-applied-configuration} of a few KiB, {@code managedFields}, and
 * for Deployments full pod specs ({@link RealisticPods}) and status, for Services the fields the API
 * server fills in and a second port.
 * <p>
 * Every method returns a decorated deep copy and leaves its argument alone. The output is
 * deterministic: a {@link SplittableRandom} seeded from the kind, namespace and name draws every
 * choice, times are fixed and the input's maps are copied in key order, so the same input gives the
 * same bytes, in any JVM. What the dashboard reads
 * stays as it was: existing labels (selector labels {@code app}/{@code version},
 * {@code app.kubernetes.io/managed-by: traffic-wizard}) and annotations are never overwritten, a
 * Deployment's selector, replicas and ready replicas are kept, Services keep their selector and
 * their first port's number, and {@link #metadataOnly} leaves spec and status untouched. Labels
 * that make the product see an owner (Argo CD's {@code app.kubernetes.io/instance}, Flux's, Argo
 * Rollouts') and Istio's {@code networking.istio.io/exportTo} are not added.
 */
final class RealisticObjects {

    /** What the API server fills into a Deployment's spec: not in a manifest, so not in the last-applied one. */
    private static final List<String> DEPLOYMENT_DEFAULTS = List.of("imagePullPolicy", "terminationMessagePath",
            "terminationMessagePolicy", "dnsPolicy", "restartPolicy", "schedulerName", "successThreshold",
            "revisionHistoryLimit", "progressDeadlineSeconds", "strategy", "defaultMode", "serviceAccount",
            "terminationGracePeriodSeconds", "periodSeconds", "failureThreshold", "scheme");
    private static final List<String> SERVICE_DEFAULTS = List.of("clusterIP", "clusterIPs", "ipFamilies",
            "ipFamilyPolicy", "internalTrafficPolicy", "sessionAffinity");
    private static final int SERVICE_LAST_APPLIED = 896;
    private static final long BASE_TIME = Instant.parse("2025-06-01T00:00:00Z").getEpochSecond();
    private static final String[] COMPONENTS = {"api", "backend", "worker", "frontend", "gateway"};
    private static final String[] WORDS = {"service", "owned", "by", "the", "team", "handles", "requests",
            "for", "orders", "payments", "inventory", "and", "reports", "see", "runbook", "before", "scaling",
            "on-call", "rotation", "escalate", "to", "platform", "engineering", "in", "business", "hours"};

    private RealisticObjects() {
    }

    /** A production-like copy of {@code minimal} (a Deployment as {@link BenchSeed} builds it). */
    static Deployment deployment(Deployment minimal) {
        Deployment d = copy(minimal);
        ObjectMeta meta = d.getMetadata();
        SplittableRandom rnd = random("Deployment", meta);
        String app = label(meta, "app", meta.getName());
        String version = label(meta, "version", "v1");
        labels(meta, app, version, rnd);
        ObjectMeta template = d.getSpec().getTemplate().getMetadata();
        labels(template, app, version, rnd);
        Map<String, String> podAnnotations = annotations(template);
        podAnnotations.putIfAbsent("prometheus.io/scrape", "true");
        podAnnotations.putIfAbsent("prometheus.io/port", "9090");
        podAnnotations.putIfAbsent("prometheus.io/path", "/metrics");
        podAnnotations.putIfAbsent("kubectl.kubernetes.io/default-container", "app");
        podAnnotations.putIfAbsent("checksum/config", hex(rnd, 64));
        podAnnotations.putIfAbsent("checksum/secret", hex(rnd, 64));
        RealisticPods.decorate(d.getSpec().getTemplate().getSpec(), app, version, rnd);
        d.getSpec().setRevisionHistoryLimit(10);
        d.getSpec().setProgressDeadlineSeconds(600);
        d.getSpec().setStrategy(new io.fabric8.kubernetes.api.model.apps.DeploymentStrategyBuilder()
                .withType("RollingUpdate").withNewRollingUpdate().withMaxSurge(new IntOrString("25%"))
                .withMaxUnavailable(new IntOrString("25%")).endRollingUpdate().build());
        int revision = 1 + rnd.nextInt(9);
        commonAnnotations(meta, app, rnd);
        lastApplied(d, 3584 + rnd.nextInt(1024), DEPLOYMENT_DEFAULTS, rnd);
        annotations(meta).putIfAbsent("deployment.kubernetes.io/revision", String.valueOf(revision));
        long appliedAt = time(rnd);
        String applied = Instant.ofEpochSecond(appliedAt).toString();
        String rolled = Instant.ofEpochSecond(appliedAt + 3600L * (1 + rnd.nextInt(48))).toString();
        status(d, applied, rolled);
        Map<String, Object> tree = ServerFields.tree(d);
        List<ManagedFieldsEntry> managed = new ArrayList<>();
        managed.add(ServerFields.entry("kubectl-client-side-apply", "apps/v1", applied, null,
                metaAndSpec(tree, List.of("deployment.kubernetes.io/revision"))));
        managed.add(ServerFields.entry("kube-controller-manager", "apps/v1", rolled, null,
                Map.of("f:metadata", Map.of("f:annotations",
                        Map.of("f:deployment.kubernetes.io/revision", Map.of())))));
        managed.add(ServerFields.entry("kube-controller-manager", "apps/v1", rolled, "status",
                ServerFields.fields(tree, List.of("status"))));
        meta.setManagedFields(managed);
        return d;
    }

    /** A production-like copy of {@code minimal} (a Service as {@link BenchSeed} builds it). */
    static Service service(Service minimal) {
        Service s = copy(minimal);
        ObjectMeta meta = s.getMetadata();
        SplittableRandom rnd = random("Service", meta);
        labels(meta, meta.getName(), null, rnd);
        ServiceSpec spec = s.getSpec();
        List<ServicePort> ports = new ArrayList<>();
        for (ServicePort p : spec.getPorts()) {
            ServicePort port = new ServicePortBuilder(p).build();
            if (port.getName() == null) {
                port.setName(ports.isEmpty() ? "http" : "http-" + port.getPort());
            }
            port.setProtocol(port.getProtocol() == null ? "TCP" : port.getProtocol());
            port.setTargetPort(port.getTargetPort() == null ? new IntOrString(port.getPort()) : port.getTargetPort());
            ports.add(port);
        }
        if (ports.stream().noneMatch(p -> p.getPort() == 9090)) {
            ports.add(new ServicePortBuilder().withName("http-metrics").withPort(9090).withProtocol("TCP")
                    .withTargetPort(new IntOrString(9090)).build());
        }
        spec.setPorts(ports);
        spec.setType(spec.getType() == null ? "ClusterIP" : spec.getType());
        spec.setSessionAffinity("None");
        String ip = "10.96." + rnd.nextInt(256) + "." + (1 + rnd.nextInt(254));
        spec.setClusterIP(ip);
        spec.setClusterIPs(List.of(ip));
        spec.setIpFamilies(List.of("IPv4"));
        spec.setIpFamilyPolicy("SingleStack");
        spec.setInternalTrafficPolicy("Cluster");
        commonAnnotations(meta, meta.getName(), rnd);
        lastApplied(s, SERVICE_LAST_APPLIED + rnd.nextInt(512), SERVICE_DEFAULTS, rnd);
        meta.setManagedFields(List.of(ServerFields.entry("kubectl-client-side-apply", "v1", stamp(rnd), null,
                metaAndSpec(ServerFields.tree(s), List.of()))));
        return s;
    }

    /**
     * A copy of {@code object} with production-like metadata (labels, annotations with a last-applied
     * of 2–3 KiB, 0.9–1.4 KiB for a Service, managedFields) and its spec and status as they were: for
     * VirtualServices, DestinationRules, HTTPRoutes and version Services, whose routing the benchmark
     * must keep.
     */
    static <T extends HasMetadata> T metadataOnly(T object) {
        T o = copy(object);
        ObjectMeta meta = o.getMetadata();
        SplittableRandom rnd = random(o.getKind(), meta);
        String app = label(meta, "app", meta.getName());
        labels(meta, app, null, rnd);
        commonAnnotations(meta, app, rnd);
        boolean service = o instanceof Service;
        lastApplied(o, service ? SERVICE_LAST_APPLIED + rnd.nextInt(512) : 2048 + rnd.nextInt(1024),
                service ? SERVICE_DEFAULTS : List.of(), rnd);
        String manager = "traffic-wizard".equals(meta.getLabels().get("app.kubernetes.io/managed-by"))
                ? "traffic-wizard" : "kubectl-client-side-apply";
        meta.setManagedFields(List.of(ServerFields.entry(manager, o.getApiVersion(), stamp(rnd), null,
                metaAndSpec(ServerFields.tree(o), List.of()))));
        return o;
    }

    /**
     * A deep copy with its maps' keys sorted: {@code Map.of} iterates in an order that changes from one
     * JVM to the next, which would otherwise carry over to the output's bytes.
     */
    @SuppressWarnings("unchecked")
    private static <T extends HasMetadata> T copy(T object) {
        return (T) Serialization.unmarshal(ServerFields.sortedJson(object), object.getClass());
    }

    private static SplittableRandom random(String kind, ObjectMeta meta) {
        long h = (kind + "/" + meta.getNamespace() + "/" + meta.getName()).hashCode();
        return new SplittableRandom(h * 0x9E3779B97F4A7C15L + 17);
    }

    private static String label(ObjectMeta meta, String key, String fallback) {
        return meta.getLabels() != null && meta.getLabels().get(key) != null ? meta.getLabels().get(key) : fallback;
    }

    /** Adds 10+ labels; keeps every label already there. {@code version} null: a Service-level object. */
    private static void labels(ObjectMeta meta, String app, String version, SplittableRandom rnd) {
        Map<String, String> labels = new LinkedHashMap<>(meta.getLabels() == null ? Map.of() : meta.getLabels());
        String ns = meta.getNamespace() == null ? "default" : meta.getNamespace();
        labels.putIfAbsent("app", app);
        labels.putIfAbsent("app.kubernetes.io/name", app);
        labels.putIfAbsent("app.kubernetes.io/part-of", ns + "-platform");
        labels.putIfAbsent("app.kubernetes.io/component", COMPONENTS[Math.floorMod(app.hashCode(), COMPONENTS.length)]);
        labels.putIfAbsent("app.kubernetes.io/version",
                version != null ? version : "1." + Math.floorMod(app.hashCode(), 20) + ".0");
        labels.putIfAbsent("app.kubernetes.io/managed-by", "Helm");
        labels.putIfAbsent("helm.sh/chart", app + "-" + "2." + Math.floorMod(app.hashCode(), 7) + ".3");
        labels.putIfAbsent("team", ns);
        labels.putIfAbsent("cost-center", "cc-" + (1000 + Math.floorMod(ns.hashCode(), 9000)));
        labels.putIfAbsent("environment", "production");
        labels.putIfAbsent("tier", "backend");
        labels.putIfAbsent("data-classification", rnd.nextBoolean() ? "internal" : "confidential");
        meta.setLabels(labels);
    }

    private static Map<String, String> annotations(ObjectMeta meta) {
        Map<String, String> a = new LinkedHashMap<>(meta.getAnnotations() == null ? Map.of() : meta.getAnnotations());
        meta.setAnnotations(a);
        return a;
    }

    private static void commonAnnotations(ObjectMeta meta, String app, SplittableRandom rnd) {
        Map<String, String> a = annotations(meta);
        String ns = meta.getNamespace() == null ? "default" : meta.getNamespace();
        a.putIfAbsent("meta.helm.sh/release-name", app);
        a.putIfAbsent("meta.helm.sh/release-namespace", ns);
        a.putIfAbsent("prometheus.io/scrape", "true");
        a.putIfAbsent("prometheus.io/port", "9090");
        a.putIfAbsent("prometheus.io/path", "/metrics");
        a.putIfAbsent("example.com/owner", ns + "@example.com");
        a.putIfAbsent("example.com/oncall", "https://oncall.example.com/schedules/" + ns);
        a.putIfAbsent("example.com/repository", "https://git.example.com/" + ns + "/" + app);
        a.putIfAbsent("example.com/runbook", "https://runbooks.example.com/" + ns + "/" + app + ".md");
        a.putIfAbsent("example.com/build", "build-" + (10000 + rnd.nextInt(90000)) + "-" + hex(rnd, 12));
    }

    /**
     * Sets the last-applied annotation; when the manifest is shorter than {@code target} characters, first
     * adds a {@code example.com/description} annotation (so in the manifest too) that makes up the rest.
     */
    private static void lastApplied(HasMetadata o, int target, List<String> serverSpecFields, SplittableRandom rnd) {
        String applied = ServerFields.lastApplied(o, serverSpecFields);
        int missing = target - applied.length() - "\"example.com/description\":\"\",".length();
        if (missing > 0) {
            StringBuilder text = new StringBuilder();
            while (text.length() < missing) {
                text.append(text.length() == 0 ? "" : " ").append(WORDS[rnd.nextInt(WORDS.length)]);
            }
            text.setLength(missing);
            annotations(o.getMetadata()).putIfAbsent("example.com/description", text.toString().trim());
            applied = ServerFields.lastApplied(o, serverSpecFields);
        }
        annotations(o.getMetadata()).put(ServerFields.LAST_APPLIED, applied);
    }

    /** FieldsV1 of metadata labels and annotations (but {@code skip}) and the spec. */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> metaAndSpec(Map<String, Object> tree, List<String> skip) {
        Map<String, Object> metadata = (Map<String, Object>) tree.get("metadata");
        Map<String, Object> meta = new TreeMap<>(ServerFields.fields(metadata, List.of("labels", "annotations")));
        if (meta.get("f:annotations") instanceof Map<?, ?> a) {
            Map<String, Object> annotations = new TreeMap<>((Map<String, Object>) a);
            skip.forEach(k -> annotations.remove("f:" + k));
            meta.put("f:annotations", annotations);
        }
        Map<String, Object> out = new TreeMap<>(ServerFields.fields(tree, List.of("spec")));
        out.put("f:metadata", meta);
        return out;
    }

    private static void status(Deployment d, String applied, String rolled) {
        DeploymentStatus status = d.getStatus() == null ? new DeploymentStatus() : d.getStatus();
        int replicas = d.getSpec().getReplicas() == null ? 1 : d.getSpec().getReplicas();
        int total = status.getReplicas() == null ? replicas : status.getReplicas();
        int ready = status.getReadyReplicas() == null ? total : status.getReadyReplicas();
        status.setReplicas(total);
        status.setReadyReplicas(ready);
        status.setUpdatedReplicas(total);
        status.setAvailableReplicas(ready);
        status.setObservedGeneration(1L);
        String name = d.getMetadata().getName();
        String rs = name + "-" + hex(new SplittableRandom(name.hashCode()), 10);
        status.setConditions(List.of(
                new DeploymentConditionBuilder().withType("Available").withStatus("True")
                        .withReason("MinimumReplicasAvailable").withMessage("Deployment has minimum availability.")
                        .withLastUpdateTime(rolled).withLastTransitionTime(rolled).build(),
                new DeploymentConditionBuilder().withType("Progressing").withStatus("True")
                        .withReason("NewReplicaSetAvailable")
                        .withMessage("ReplicaSet \"" + rs + "\" has successfully progressed.")
                        .withLastUpdateTime(rolled).withLastTransitionTime(applied).build()));
        d.setStatus(status);
    }

    private static String stamp(SplittableRandom rnd) {
        return Instant.ofEpochSecond(time(rnd)).toString();
    }

    /** A fixed time (epoch seconds) in the second half of 2025. */
    private static long time(SplittableRandom rnd) {
        return BASE_TIME + rnd.nextInt(180 * 86400);
    }

    private static String hex(SplittableRandom rnd, int length) {
        StringBuilder out = new StringBuilder(length);
        while (out.length() < length) {
            out.append(Character.forDigit(rnd.nextInt(16), 16));
        }
        return out.toString();
    }
}
