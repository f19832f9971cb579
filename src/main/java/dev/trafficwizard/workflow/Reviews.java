package dev.trafficwizard.workflow;

import dev.trafficwizard.cluster.ClusterWriteException;
import dev.trafficwizard.cluster.ReviewStore;
import dev.trafficwizard.routing.FormKind;
import dev.trafficwizard.routing.RoutingPlan;
import dev.trafficwizard.security.Actor;
import io.fabric8.kubernetes.client.utils.Serialization;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Review links: an operator shares a form's proposal, anyone logged in opens it read-only. The
 * proposal is stored in the cluster ({@link ReviewStore}); what it would change is recomputed
 * against the live routing whenever it is opened. Expired ones are removed when opened and in the
 * background ({@link ReviewCleanup}).
 */
@Service
@EnableConfigurationProperties(ReviewProperties.class)
public class Reviews {

    static final String PLAN = "plan.json";
    static final String FORM = "form";
    static final String SHARED_BY = "sharedBy";
    static final String CREATED = "created";
    static final String EXPIRES = "expires";
    /** The {@link RoutingWorkflow#baseVersion} of the live routing the proposal was shared against. */
    static final String BASE_VERSION = "baseVersion";
    private static final Logger log = LoggerFactory.getLogger(Reviews.class);

    private final ReviewStore store;
    private final ReviewProperties properties;
    private final Clock clock;

    @Autowired
    Reviews(ReviewStore store, ReviewProperties properties) {
        this(store, properties, Clock.systemUTC());
    }

    Reviews(ReviewStore store, ReviewProperties properties, Clock clock) {
        this.store = store;
        this.properties = properties;
        this.clock = clock;
    }

    /**
     * Stores the proposal; only operators and admins share, and only where they may change routing
     * (nothing is applied by sharing). Refused ({@link ReviewLimitException}) when the namespace or
     * the user already has the configured number of open reviews; {@link ShareFailedException} when
     * the cluster did not store it.
     */
    @PreAuthorize("@access.canShare(authentication, #plan.namespace())")
    public Review share(RoutingPlan plan, FormKind form) {
        return stored(plan, form, null);
    }

    /**
     * As {@link #share(RoutingPlan, FormKind)}, also recording the token of the live routing the
     * proposal was computed against, so that applying it later can tell whether that changed.
     */
    @PreAuthorize("@access.canShare(authentication, #plan.namespace())")
    public Review share(RoutingPlan plan, FormKind form, String baseVersion) {
        return stored(plan, form, baseVersion);
    }

    private Review stored(RoutingPlan plan, FormKind form, String baseVersion) {
        Instant created = Instant.now(clock).truncatedTo(ChronoUnit.SECONDS);
        Instant expires = created.plus(properties.expiry());
        String user = Actor.current();
        requireRoom(plan.namespace(), user == null ? "" : user);
        Map<String, String> data = new LinkedHashMap<>();
        data.put(PLAN, Serialization.asJson(plan));
        data.put(FORM, FormKind.segmentOf(form));
        data.put(SHARED_BY, user == null ? "" : user);
        data.put(CREATED, created.toString());
        data.put(EXPIRES, expires.toString());
        if (baseVersion != null && !baseVersion.isBlank()) {
            data.put(BASE_VERSION, baseVersion);
        }
        String id;
        try {
            id = store.create(plan.namespace(), plan.service(), data);
        } catch (ClusterWriteException e) {
            throw new ShareFailedException(e.getMessage(), e);
        }
        return new Review(id, plan.namespace(), plan.service(), form, plan, user, created, expires, false,
                data.get(BASE_VERSION));
    }

    /** Counted from the cache: concurrent shares on several replicas may pass a cap by a few. */
    private void requireRoom(String namespace, String user) {
        int inNamespace = 0;
        int byUser = 0;
        for (ReviewStore.Stored stored : store.all()) {
            if (expired(stored)) {
                continue;
            }
            inNamespace += stored.namespace().equals(namespace) ? 1 : 0;
            byUser += stored.data().getOrDefault(SHARED_BY, "").equals(user) ? 1 : 0;
        }
        if (inNamespace >= properties.maxPerNamespace()) {
            throw new ReviewLimitException("namespace", namespace, properties.maxPerNamespace());
        }
        if (!user.isEmpty() && byUser >= properties.maxPerUser()) {
            throw new ReviewLimitException("user", user, properties.maxPerUser());
        }
    }

    /**
     * Removes every review that expired at least one cleanup interval ago (the background
     * housekeeping; a link that has just expired still says so when opened); returns how many.
     */
    public int removeExpired() {
        int removed = 0;
        for (ReviewStore.Stored stored : store.all()) {
            if (expired(stored, properties.cleanupInterval())) {
                store.delete(stored);
                removed++;
            }
        }
        return removed;
    }

    /** Expired, or unreadable (no valid expiry): either way no link to it works. */
    private boolean expired(ReviewStore.Stored stored) {
        return expired(stored, java.time.Duration.ZERO);
    }

    private boolean expired(ReviewStore.Stored stored, java.time.Duration since) {
        try {
            return !Instant.now(clock).minus(since).isBefore(Instant.parse(stored.data().get(EXPIRES)));
        } catch (RuntimeException unreadable) {
            return true;
        }
    }

    /** The review behind a link; an expired one is returned as such and removed from the cluster. */
    public Optional<Review> find(String id) {
        Optional<ReviewStore.Stored> stored = store.find(id);
        if (stored.isEmpty()) {
            return Optional.empty();
        }
        Review review;
        try {
            review = read(stored.get());
        } catch (RuntimeException unreadable) {
            log.warn("Review {} is unreadable", id, unreadable);
            return Optional.empty();
        }
        if (review.expired()) {
            store.delete(stored.get());
        }
        return Optional.of(review);
    }

    private Review read(ReviewStore.Stored stored) {
        Map<String, String> data = stored.data();
        RoutingPlan plan = Serialization.unmarshal(data.get(PLAN), RoutingPlan.class);
        Instant expires = Instant.parse(data.get(EXPIRES));
        String user = data.getOrDefault(SHARED_BY, "");
        return new Review(stored.id(), plan.namespace(), plan.service(), FormKind.of(data.get(FORM)).orElse(null), plan,
                user.isEmpty() ? null : user, Instant.parse(data.get(CREATED)), expires,
                !Instant.now(clock).isBefore(expires), data.get(BASE_VERSION));
    }
}
