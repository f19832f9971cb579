package dev.trafficwizard.cluster;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * Each service's routing history in the cluster itself: one labelled ConfigMap per service in its
 * namespace, holding the last revisions as a JSON array, so history survives restarts and is the
 * same for every replica. Entries are opaque JSON to this class; the caller builds them.
 */
@Component
public class HistoryStore {

    public static final String HISTORY_LABEL = "traffic-wizard.io/history";
    static final String KEY = "revisions.json";
    private static final int ATTEMPTS = 5;
    /** Entries are JSON this class neither builds nor reads: it only lists them in one array. */
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final Impersonator impersonator;
    private final ClusterCache cache;
    private final ClusterProperties properties;

    HistoryStore(Impersonator impersonator, ClusterCache cache, ClusterProperties properties) {
        this.impersonator = impersonator;
        this.cache = cache;
        this.properties = properties;
    }

    static String name(String service) {
        String name = "traffic-wizard-history-" + service;
        return name.length() > 253 ? name.substring(0, 253) : name;
    }

    /** The stored entries, oldest first. */
    public List<String> entries(String namespace, String service) {
        return cache.historyConfigMap(namespace, name(service)).map(HistoryStore::parse).orElse(List.of());
    }

    /**
     * Replaces the entries with what {@code next} makes of the current ones (oldest first; it
     * decides what to keep); retries when another replica wrote in between (409). Reads as the
     * dashboard, writes as the current user when impersonation is on.
     */
    public void update(String namespace, String service, UnaryOperator<List<String>> next) {
        Impersonator.Writer writer = impersonator.writer();
        KubernetesClient client = writer.client();
        for (int attempt = 1; ; attempt++) {
            ConfigMap live = impersonator.own().configMaps().inNamespace(namespace).withName(name(service)).get();
            List<String> entries = next.apply(List.copyOf(live == null ? List.of() : parse(live)));
            Map<String, String> data = new LinkedHashMap<>();
            data.put(KEY, JSON.writeValueAsString(entries.stream().map(JSON::readTree).toList()));
            try {
                ConfigMap written = live == null
                        ? client.resource(ConfigMaps.labelled(namespace, name(service), HISTORY_LABEL, service, data)).create()
                        : client.resource(new ConfigMapBuilder(live).withData(data).build()).update();
                cache.awaitVisible(written, false, properties.writeVisibleTimeoutMillis());
                return;
            } catch (KubernetesClientException e) {
                if (e.getCode() != 409 || attempt >= ATTEMPTS) {
                    throw ConfigMaps.writeFailed(namespace, name(service), writer, e);
                }
            }
        }
    }

    private static List<String> parse(ConfigMap map) {
        String json = ConfigMaps.data(map).get(KEY);
        if (json == null || json.isBlank()) {
            return List.of();
        }
        List<String> entries = new ArrayList<>();
        JSON.readTree(json).forEach(entry -> entries.add(JSON.writeValueAsString(entry)));
        return entries;
    }
}
