package dev.trafficwizard.cluster;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.client.KubernetesClientException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Shared proposals ("review links") in the cluster itself: one labelled ConfigMap each, named
 * {@code traffic-wizard-review-<random id>}, in the namespace of the service it proposes routing
 * for, so a link works on every replica and after restarts. Read from an informer over the labelled
 * ConfigMaps of all namespaces (the link holds only the id). The data is opaque to this class.
 */
@Component
public class ReviewStore {

    public static final String REVIEW_LABEL = "traffic-wizard.io/review";
    static final String PREFIX = "traffic-wizard-review-";
    private static final Pattern ID = Pattern.compile("[0-9a-f]{32}");
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Logger log = LoggerFactory.getLogger(ReviewStore.class);

    /** A stored review: its id, the namespace holding it, and its data. */
    public record Stored(String id, String namespace, Map<String, String> data) {
    }

    private final Impersonator impersonator;
    private final ClusterCache cache;
    private final ClusterProperties properties;

    ReviewStore(Impersonator impersonator, ClusterCache cache, ClusterProperties properties) {
        this.impersonator = impersonator;
        this.cache = cache;
        this.properties = properties;
    }

    static boolean isReview(ConfigMap map) {
        var labels = map.getMetadata().getLabels();
        return labels != null && "true".equals(labels.get(REVIEW_LABEL));
    }

    /**
     * Stores a new review in {@code namespace} (as the current user when impersonation is on) and
     * waits until the cache shows it; returns its id, 128 random bits in hex.
     */
    public String create(String namespace, String service, Map<String, String> data) {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        String id = HexFormat.of().formatHex(bytes);
        ConfigMap map = ConfigMaps.labelled(namespace, PREFIX + id, REVIEW_LABEL, service, data);
        Impersonator.Writer writer = impersonator.writer();
        try {
            ConfigMap written = writer.client().resource(map).create();
            cache.awaitVisible(written, false, properties.writeVisibleTimeoutMillis());
            return id;
        } catch (KubernetesClientException e) {
            throw ConfigMaps.writeFailed(namespace, PREFIX + id, writer, e);
        }
    }

    /** The review with this id, from the cache; empty for an unknown or malformed id. */
    public Optional<Stored> find(String id) {
        if (id == null || !ID.matcher(id).matches()) {
            return Optional.empty();
        }
        return cache.reviewConfigMap(PREFIX + id).map(m -> new Stored(id, m.getMetadata().getNamespace(),
                ConfigMaps.data(m)));
    }

    /** Every stored review (from the cache), all namespaces: for counting and housekeeping. */
    public List<Stored> all() {
        return cache.reviewConfigMaps().stream()
                .filter(m -> m.getMetadata().getName().startsWith(PREFIX))
                .map(m -> new Stored(m.getMetadata().getName().substring(PREFIX.length()),
                        m.getMetadata().getNamespace(), ConfigMaps.data(m)))
                .toList();
    }

    /**
     * Removes an expired review: housekeeping by the dashboard's own account (whoever opened the
     * link), so a failure is logged and otherwise ignored.
     */
    public void delete(Stored review) {
        try {
            impersonator.own().configMaps().inNamespace(review.namespace()).withName(PREFIX + review.id()).delete();
        } catch (KubernetesClientException e) {
            log.warn("Could not remove the expired review {}/{}{}: {}", review.namespace(), PREFIX, review.id(),
                    RoutingApplier.reason(e));
        }
    }
}
