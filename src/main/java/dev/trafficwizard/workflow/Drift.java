package dev.trafficwizard.workflow;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.trafficwizard.catalog.ServiceDetail;
import dev.trafficwizard.gitops.GitOpsException;
import dev.trafficwizard.gitops.GitProposals;
import dev.trafficwizard.istio.YamlDiff;
import io.fabric8.kubernetes.api.model.HasMetadata;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * #18 drift: the routing the configured repository holds for a service (its path on the base branch)
 * against the live routing, object by object, both normalised the same way ({@link GitYaml}). The
 * repository is read at most once per {@link #CACHE} per service, so the service page does not
 * fetch Git on every load.
 */
@Component
public class Drift {

    static final Duration CACHE = Duration.ofSeconds(30);

    private final GitProposals git;
    private final Cache<String, Read> reads = Caffeine.newBuilder().expireAfterWrite(CACHE).maximumSize(512).build();
    /** #18 fix: the last successful read per service, answered while the repository is busy with a proposal. */
    private final Cache<String, Read> lastGood = Caffeine.newBuilder().maximumSize(512).build();

    private final String instanceLabelKey;

    public Drift(GitProposals git) {
        this(git, false, null);
    }

    /** @param instanceLabel whether Argo CD's label tracking is on (its instance label is then its mark, ignored) */
    @org.springframework.beans.factory.annotation.Autowired
    public Drift(GitProposals git,
                 @org.springframework.beans.factory.annotation.Value("${traffic-wizard.gitops.argocd.instance-label:false}")
                 boolean instanceLabel,
                 @org.springframework.beans.factory.annotation.Value(
                         "${traffic-wizard.gitops.argocd.instance-label-key:app.kubernetes.io/instance}")
                 String instanceLabelKey) {
        this.git = git;
        this.instanceLabelKey = instanceLabel ? instanceLabelKey : null;
    }

    /** Where an object is and whether both sides agree. */
    public enum State { SAME, DIFFERS, ONLY_GIT, ONLY_CLUSTER }

    /** One object: its kind and name, the state and, when it differs, the unified diff Git → cluster. */
    public record Entry(String kind, String namespace, String name, State state, String diff) {

        /** The state as the page's message keys and CSS name it: same, differs, git, cluster. */
        public String key() {
            return switch (state) {
                case SAME -> "same";
                case DIFFERS -> "differs";
                case ONLY_GIT -> "git";
                case ONLY_CLUSTER -> "cluster";
            };
        }
    }

    /**
     * What the page shows: the repository, the objects (empty when the repository holds nothing for the
     * service), and the reason when the repository could not be read (then no entries).
     */
    public record Report(String repository, List<Entry> entries, String unavailable) {

        public Report {
            entries = List.copyOf(entries);
        }

        public boolean drifted() {
            return entries.stream().anyMatch(e -> e.state() != State.SAME);
        }
    }

    /**
     * The comparison for the service page: empty when no repository is configured, or when neither the
     * repository nor the cluster holds routing for the service.
     */
    public Optional<Report> of(ServiceDetail service) {
        if (!git.configured()) {
            return Optional.empty();
        }
        String namespace = service.summary().namespace();
        String name = service.summary().name();
        Read read = reads.get(namespace + "/" + name, k -> read(namespace, name));
        if (read.unavailable() != null) {
            return Optional.of(new Report(git.repository(), List.of(), read.unavailable()));
        }
        if (read.files().isEmpty()) {
            // nothing of this service in Git: not a drift, routing that is simply not kept there
            return Optional.empty();
        }
        return Optional.of(new Report(git.repository(), compare(read.files(), service.liveObjects(), namespace, name, instanceLabelKey), null));
    }

    /** Forgets what was read for a service (after a proposal was merged, a test). */
    public void forget(String namespace, String service) {
        reads.invalidate(namespace + "/" + service);
    }

    static List<Entry> compare(Map<String, String> files, List<HasMetadata> live, String namespace) {
        return compare(files, live, namespace, null, null);
    }

    /**
     * #18 fix: only the service's objects in Git are compared (a path template without {@code {service}}
     * holds other services' files too): those of a live object of the service, or named as Traffic Wizard
     * names what it writes for it (the service's name, or the name followed by '-': version Services,
     * Gateways). {@code service} null: every object.
     */
    static List<Entry> compare(Map<String, String> files, List<HasMetadata> live, String namespace, String service,
                               String instanceLabelKey) {
        List<Entry> all = compare(files, live, namespace, instanceLabelKey);
        if (service == null) {
            return all;
        }
        return all.stream().filter(e -> e.state() != State.ONLY_GIT || e.name().equals(service)
                || e.name().startsWith(service + "-")).toList();
    }

    /** @param instanceLabelKey Argo CD's instance label when it is its mark (ignored on both sides), else null */
    static List<Entry> compare(Map<String, String> files, List<HasMetadata> live, String namespace,
                               String instanceLabelKey) {
        Map<String, GitYaml.Normalised> inGit = new LinkedHashMap<>();
        files.values().forEach(text -> GitYaml.objects(text, namespace, instanceLabelKey)
                .forEach(o -> inGit.put(o.key(), o)));
        Map<String, GitYaml.Normalised> inCluster = new LinkedHashMap<>();
        live.stream().map(o -> GitYaml.normalised(o, instanceLabelKey)).forEach(o -> inCluster.put(o.key(), o));
        List<Entry> entries = new ArrayList<>();
        inGit.forEach((key, g) -> {
            GitYaml.Normalised c = inCluster.get(key);
            if (c == null) {
                entries.add(new Entry(g.kind(), g.namespace(), g.name(), State.ONLY_GIT, ""));
            } else if (c.yaml().equals(g.yaml())) {
                entries.add(new Entry(g.kind(), g.namespace(), g.name(), State.SAME, ""));
            } else {
                String file = g.kind().toLowerCase() + "/" + g.name() + ".yaml";
                entries.add(new Entry(g.kind(), g.namespace(), g.name(), State.DIFFERS,
                        YamlDiff.unified("git: " + file, "cluster: " + file, g.yaml(), c.yaml())));
            }
        });
        inCluster.forEach((key, c) -> {
            if (!inGit.containsKey(key)) {
                entries.add(new Entry(c.kind(), c.namespace(), c.name(), State.ONLY_CLUSTER, ""));
            }
        });
        return entries;
    }

    private Read read(String namespace, String service) {
        String key = namespace + "/" + service;
        try {
            Read read = new Read(git.read(namespace, service).orElse(Map.of()), null);
            lastGood.put(key, read);
            return read;
        } catch (GitOpsException e) {
            Read last = GitProposals.BUSY.equals(e.getMessage()) ? lastGood.getIfPresent(key) : null;
            if (last != null) {
                return last;
            }
            return new Read(Map.of(), e.getMessage() == null ? e.reason().name() : e.getMessage());
        } catch (RuntimeException e) {
            // the page never fails because Git could not be read; the message names no credentials (GitProposals redacts)
            return new Read(Map.of(), e.getClass().getSimpleName());
        }
    }

    private record Read(Map<String, String> files, String unavailable) {
    }
}
