package dev.trafficwizard.cluster;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * #17: the rollouts' state in the cluster itself: one labelled ConfigMap per service (its latest
 * rollout) in the service's namespace, so a restart or another replica continues from it. The data
 * is opaque to this class (the caller's JSON). Read straight from the API server (a handful of
 * objects, read at each tick) and written with optimistic concurrency: a write names the
 * resourceVersion it read and fails with {@link StaleException} when another writer was first.
 * Always as the dashboard's own account: the rollout's automatic steps have no user to impersonate.
 */
@Component
public class RolloutStore {

    public static final String ROLLOUT_LABEL = "traffic-wizard.io/rollout";

    private final KubernetesClient client;
    private final WatchScope scope;

    @org.springframework.beans.factory.annotation.Autowired
    RolloutStore(Impersonator impersonator, WatchScope scope) {
        this(impersonator.own(), scope);
    }

    public RolloutStore(KubernetesClient client, WatchScope scope) {
        this.client = client;
        this.scope = scope == null ? WatchScope.ALL : scope;
    }

    /** A stored rollout: its data and the resourceVersion a write must name. */
    public record Stored(String namespace, String service, Map<String, String> data, String resourceVersion) {
    }

    /** Another writer changed (or created) the rollout since it was read: nothing was written. */
    public static class StaleException extends RuntimeException {
        public StaleException(String namespace, String service) {
            super("The rollout of " + namespace + "/" + service + " was changed since it was read");
        }
    }

    /** The API server could not be asked (no connection, refused by RBAC): the message says why. */
    public static class UnavailableException extends RuntimeException {
        public UnavailableException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    static String name(String service) {
        String name = "traffic-wizard-rollout-" + service;
        return name.length() > 253 ? name.substring(0, 253) : name;
    }

    /**
     * #19: the cache of the rollouts' ConfigMaps, when the application has one: what pages show is
     * read there (a page costs no API call); what a change starts from is read from the API server.
     */
    private volatile ClusterCache cache;
    private volatile ClusterProperties properties;

    @org.springframework.beans.factory.annotation.Autowired(required = false)
    void useCache(ClusterCache cache, ClusterProperties properties) {
        this.properties = properties;
        this.cache = cache;
    }

    static boolean isRollout(ConfigMap map) {
        return map.getMetadata().getLabels() != null && "true".equals(map.getMetadata().getLabels().get(ROLLOUT_LABEL));
    }

    /** The service's rollout as the cache shows it (for pages); read from the API without a cache. */
    public Optional<Stored> shown(String namespace, String service) {
        ClusterCache cached = cache;
        return cached == null ? read(namespace, service)
                : cached.rolloutConfigMap(namespace, name(service)).map(m -> stored(m, service));
    }

    /** Every rollout as the cache shows it (for the services list); listed from the API without a cache. */
    public List<Stored> allShown() {
        ClusterCache cached = cache;
        if (cached == null) {
            return all();
        }
        return cached.rolloutConfigMaps().stream().map(this::stored).toList();
    }

    public Optional<Stored> read(String namespace, String service) {
        try {
            ConfigMap map = client.configMaps().inNamespace(namespace).withName(name(service)).get();
            return Optional.ofNullable(map).map(m -> stored(m, service));
        } catch (KubernetesClientException e) {
            throw unavailable("ConfigMap " + namespace + "/" + name(service), e);
        }
    }

    private static UnavailableException unavailable(String what, KubernetesClientException e) {
        return new UnavailableException("Reading " + what + " failed: " + RoutingApplier.reason(e), e);
    }

    /** Every stored rollout in the namespaces the dashboard watches. */
    public List<Stored> all() {
        try {
            return listed();
        } catch (KubernetesClientException e) {
            throw unavailable("the rollouts' ConfigMaps", e);
        }
    }

    private List<Stored> listed() {
        List<ConfigMap> maps = new ArrayList<>();
        if (scope.watchNamespaces().isEmpty()) {
            maps.addAll(client.configMaps().inAnyNamespace().withLabel(ROLLOUT_LABEL, "true").list().getItems());
        } else {
            for (String ns : scope.watchNamespaces()) {
                maps.addAll(client.configMaps().inNamespace(ns).withLabel(ROLLOUT_LABEL, "true").list().getItems());
            }
        }
        return maps.stream().map(this::stored).toList();
    }

    private Stored stored(ConfigMap m) {
        String service = m.getMetadata().getLabels() == null ? null
                : m.getMetadata().getLabels().get(ConfigMaps.SERVICE_LABEL);
        String name = m.getMetadata().getName();
        String prefix = name(""); // the service's full name, when the label was cut to 63 characters
        return stored(m, name.startsWith(prefix) ? name.substring(prefix.length()) : service);
    }

    /**
     * Writes the rollout: a new ConfigMap when {@code resourceVersion} is null, else a replacement of
     * the one read at that version. Throws {@link StaleException} on a conflict (409).
     */
    public Stored write(String namespace, String service, Map<String, String> data, String resourceVersion) {
        try {
            ConfigMap written;
            if (resourceVersion == null) {
                written = client.resource(ConfigMaps.labelled(namespace, name(service), ROLLOUT_LABEL, service, data))
                        .create();
            } else {
                ConfigMap next = ConfigMaps.labelled(namespace, name(service), ROLLOUT_LABEL, service, data);
                next = new ConfigMapBuilder(next).editMetadata().withResourceVersion(resourceVersion).endMetadata()
                        .build();
                written = client.resource(next).update();
            }
            ClusterCache cached = cache;
            if (cached != null) {
                // what the next page shows is what was just written
                cached.awaitVisible(written, false, properties.writeVisibleTimeoutMillis());
            }
            return stored(written, service);
        } catch (KubernetesClientException e) {
            if (e.getCode() == 409) {
                throw new StaleException(namespace, service);
            }
            throw ConfigMaps.writeFailed(namespace, name(service), new Impersonator.Writer(client, null), e);
        }
    }

    private static Stored stored(ConfigMap map, String service) {
        return new Stored(map.getMetadata().getNamespace(), service, ConfigMaps.data(map),
                map.getMetadata().getResourceVersion());
    }
}
