package dev.trafficwizard.analysis;

import io.fabric8.kubernetes.api.model.HasMetadata;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The findings of the whole mesh, held per routing object and keyed by its uid and
 * resourceVersion, kept current incrementally: a change rechecks the changed object and the
 * objects that read one of its {@link Dependencies} keys, nothing else. Changes are applied by one
 * thread at a time ({@link #checkAll}, {@link #changed}); reads ({@link #findings()},
 * {@link #findingsOf}) may come from any thread and see each object's latest result.
 */
public final class MeshAnalysis {

    /** Findings in the order pages list them: by object, then as the analyzers found them. */
    public static final Comparator<Finding> ORDER = Comparator.comparing(Finding::object)
            .thenComparing(f -> f.path() == null ? "" : f.path());

    /**
     * At most this many held objects that read a paste are rechecked for it: a paste with a wildcard
     * host is read by every VirtualService, and one request must not cost a check of the whole mesh.
     */
    public static final int MAX_READERS_PER_PASTE = 1_000;
    private static final System.Logger LOG = System.getLogger(MeshAnalysis.class.getName());

    private final List<Analyzer> analyzers;
    private final Map<String, Entry> entries = new ConcurrentHashMap<>();
    /** Dependency key → the objects (ref keys) whose analyzers read it. */
    private final Map<String, Set<String>> readers = new ConcurrentHashMap<>();

    /** One object's result: what it was checked at, what was found, what it read, which services it concerns. */
    record Entry(ObjectRef ref, String uid, String resourceVersion, List<Finding> findings, Set<String> reads,
                 Set<String> serviceHosts) {
    }

    public MeshAnalysis(List<Analyzer> analyzers) {
        this.analyzers = List.copyOf(analyzers);
    }

    public MeshAnalysis() {
        this(Analyzers.all());
    }

    /** Checks every routing object of the mesh from scratch; returns how many were checked. */
    public int checkAll(MeshSnapshot mesh) {
        Set<String> seen = new HashSet<>();
        int[] count = {0};
        mesh.routingObjects().forEach(object -> {
            seen.add(ObjectRef.of(object).key());
            store(object, mesh);
            count[0]++;
        });
        new ArrayList<>(entries.keySet()).stream().filter(k -> !seen.contains(k)).forEach(this::remove);
        return count[0];
    }

    /**
     * After objects changed (any kind the mesh holds: each as it was before and as it is now, one of
     * the two may be null), rechecks the changed routing objects and their readers.
     *
     * @return how many objects were rechecked
     */
    public int changed(MeshSnapshot mesh, Collection<HasMetadata> before, Collection<HasMetadata> after) {
        Set<String> recheck = new LinkedHashSet<>();
        for (Collection<HasMetadata> side : List.of(before, after)) {
            for (HasMetadata object : side) {
                if (object == null) {
                    continue;
                }
                recheck.add(ObjectRef.of(object).key());
                Dependencies.provides(object).forEach(key -> recheck.addAll(readers.getOrDefault(key, Set.of())));
            }
        }
        int count = 0;
        for (String key : recheck) {
            Optional<HasMetadata> now = mesh.get(refOf(key));
            if (now.isEmpty() || !isRouting(now.get())) {
                remove(key);
                continue;
            }
            Entry held = entries.get(key);
            if (held != null && unchanged(held, now.get()) && !touchedReads(held, before, after)) {
                continue; // the same version, and nothing it reads changed
            }
            store(now.get(), mesh);
            count++;
        }
        return count;
    }

    private static boolean unchanged(Entry held, HasMetadata now) {
        return Objects.equals(held.uid(), now.getMetadata().getUid())
                && Objects.equals(held.resourceVersion(), now.getMetadata().getResourceVersion());
    }

    private static boolean touchedReads(Entry held, Collection<HasMetadata> before, Collection<HasMetadata> after) {
        for (Collection<HasMetadata> side : List.of(before, after)) {
            for (HasMetadata object : side) {
                if (object != null && !ObjectRef.of(object).key().equals(held.ref().key())
                        && Dependencies.provides(object).stream().anyMatch(held.reads()::contains)) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * The findings of the mesh with {@code objects} laid over it (see {@link Overlay}): every finding
     * about the objects given, and of the held objects that read them, the findings the overlay adds
     * (what a paste or a plan would break elsewhere; what is already wrong there is not repeated).
     * Nothing held is modified.
     */
    public List<Finding> analyzeWith(MeshSnapshot overlay, Collection<HasMetadata> objects,
                                     Collection<HasMetadata> replaced) {
        Set<String> given = new LinkedHashSet<>();
        Set<String> readersOf = new LinkedHashSet<>();
        for (HasMetadata object : objects) {
            given.add(ObjectRef.of(object).key());
            Dependencies.provides(object).forEach(k -> readersOf.addAll(readers.getOrDefault(k, Set.of())));
        }
        for (HasMetadata object : replaced) {
            Dependencies.provides(object).forEach(k -> readersOf.addAll(readers.getOrDefault(k, Set.of())));
        }
        readersOf.removeAll(given);
        List<Finding> out = new ArrayList<>();
        if (readersOf.size() > MAX_READERS_PER_PASTE) {
            List<String> first = readersOf.stream().sorted().limit(MAX_READERS_PER_PASTE).toList();
            readersOf.clear();
            readersOf.addAll(first);
        }
        for (String key : given) {
            overlay.get(refOf(key)).filter(MeshAnalysis::isRouting).ifPresent(o -> out.addAll(analyze(o, overlay)));
        }
        for (String key : readersOf) {
            Entry held = entries.get(key);
            Set<Finding> before = held == null ? Set.of() : new HashSet<>(held.findings());
            overlay.get(refOf(key)).filter(MeshAnalysis::isRouting).ifPresent(o -> analyze(o, overlay).stream()
                    .filter(f -> !before.contains(f)).forEach(out::add));
        }
        out.sort(ORDER);
        return out;
    }

    /** What every analyzer finds about one object; for tests and one-off checks. */
    public List<Finding> analyze(HasMetadata object, MeshSnapshot mesh) {
        List<Finding> out = new ArrayList<>();
        for (Analyzer analyzer : analyzers) {
            if (analyzer.appliesTo(object)) {
                try {
                    analyzer.analyze(object, mesh, out);
                } catch (RuntimeException e) {
                    // one analyzer failing on one odd object must not stop the check of the others
                    LOG.log(System.Logger.Level.WARNING, () -> analyzer.getClass().getSimpleName() + " failed on "
                            + ObjectRef.of(object).key(), e);
                }
            }
        }
        return out;
    }

    /** Every finding held, in {@link #ORDER}. */
    public List<Finding> findings() {
        List<Finding> out = new ArrayList<>();
        entries.values().forEach(e -> out.addAll(e.findings()));
        out.sort(ORDER);
        return out;
    }

    /** The findings held for one object (empty when it has none or is unknown). */
    public List<Finding> findingsOf(ObjectRef ref) {
        Entry entry = entries.get(ref.key());
        return entry == null ? List.of() : entry.findings();
    }

    /** The host keys of the services an object held concerns ({@link Dependencies#serviceHosts}); empty when unknown. */
    public Set<String> serviceHostsOf(ObjectRef ref) {
        Entry entry = entries.get(ref.key());
        return entry == null ? Set.of() : entry.serviceHosts();
    }

    /** The findings of objects that concern the service with host key {@code hostKey}. */
    public List<Finding> findingsForService(String hostKey) {
        List<Finding> out = new ArrayList<>();
        entries.values().stream().filter(e -> !e.findings().isEmpty() && e.serviceHosts().contains(hostKey))
                .forEach(e -> out.addAll(e.findings()));
        out.sort(ORDER);
        return out;
    }

    /** Per service host key, the findings of the objects that concern it (services without findings absent). */
    public Map<String, List<Finding>> findingsByService() {
        Map<String, List<Finding>> out = new java.util.HashMap<>();
        entries.values().stream().filter(e -> !e.findings().isEmpty()).forEach(e -> e.serviceHosts()
                .forEach(h -> out.computeIfAbsent(h, k -> new ArrayList<>()).addAll(e.findings())));
        return out;
    }

    /** How many objects have a result held. */
    public int size() {
        return entries.size();
    }

    private void store(HasMetadata object, MeshSnapshot mesh) {
        String key = ObjectRef.of(object).key();
        List<Finding> found = analyze(object, mesh);
        Set<String> reads = Dependencies.reads(object);
        Entry old = entries.put(key, new Entry(ObjectRef.of(object), object.getMetadata().getUid(),
                object.getMetadata().getResourceVersion(), List.copyOf(found), reads,
                Dependencies.serviceHosts(object)));
        if (old != null) {
            old.reads().stream().filter(r -> !reads.contains(r)).forEach(r -> unread(r, key));
        }
        reads.forEach(r -> readers.computeIfAbsent(r, k -> ConcurrentHashMap.newKeySet()).add(key));
    }

    private void remove(String key) {
        Entry old = entries.remove(key);
        if (old != null) {
            old.reads().forEach(r -> unread(r, key));
        }
    }

    private void unread(String dependency, String key) {
        readers.computeIfPresent(dependency, (k, set) -> {
            set.remove(key);
            return set.isEmpty() ? null : set;
        });
    }

    static boolean isRouting(HasMetadata object) {
        return object instanceof io.fabric8.istio.api.networking.v1.VirtualService
                || object instanceof io.fabric8.istio.api.networking.v1.DestinationRule
                || object instanceof io.fabric8.istio.api.networking.v1.Gateway
                || object instanceof io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRoute
                || object instanceof io.fabric8.kubernetes.api.model.gatewayapi.v1.Gateway;
    }

    private static ObjectRef refOf(String key) {
        return ObjectRef.parse(key).orElseThrow(); // keys held here are made by ObjectRef.key()
    }

}
