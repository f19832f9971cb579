package dev.trafficwizard.release;

import dev.trafficwizard.cluster.RolloutStore;
import dev.trafficwizard.rollout.RolloutPlans;
import dev.trafficwizard.rollout.RolloutState;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A rollout as stored in its ConfigMap: the state (JSON of {@link RolloutState}, instants as ISO
 * text), the number of the newest history revision the rollout knows of ({@code revision}: its own
 * last write, or the newest one when it started) and when it wrote last ({@code written}), the previous finished rollout of the service
 * (its history kept when a new one replaced it), the roles its starter held (the automatic steps
 * are written for that user when impersonation is on) and the resourceVersion a write must name.
 * <p>
 * The state is stored <em>before</em> its routing is written: {@code pending} (when that intent was
 * stored) says the routing of {@code state.current()} may not be written yet, so no replica judges
 * the live routing as a manual change meanwhile; it is cleared once the write applied.
 * {@code unwritten} (why) says the write failed and the driver writes the routing again at every
 * tick until it applies (an abort is never turned into a pause: the state stays Aborted).
 */
record RolloutRecord(RolloutState state, int revision, Instant written, RolloutState previous,
                     List<String> starterRoles, String resourceVersion, Instant pending, String unwritten,
                     RolloutPlans.UserRouting userRouting) {

    static final String STATE = "rollout.json";
    static final String REVISION = "revision";
    static final String PREVIOUS = "previous.json";
    static final String STARTER_ROLES = "startedByRoles";
    static final String WRITTEN = "written";
    static final String PENDING = "pending";
    static final String UNWRITTEN = "unwritten";
    static final String USER_ROUTING = "userRouting.json";

    private static final JsonMapper JSON = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    RolloutRecord {
        starterRoles = starterRoles == null ? List.of() : List.copyOf(starterRoles);
        userRouting = userRouting == null ? RolloutPlans.UserRouting.NONE : userRouting;
    }

    RolloutRecord(RolloutState state, int revision, Instant written, RolloutState previous,
                  List<String> starterRoles, String resourceVersion) {
        this(state, revision, written, previous, starterRoles, resourceVersion, null, null, null);
    }

    static Optional<RolloutRecord> of(RolloutStore.Stored stored) {
        String state = stored.data().get(STATE);
        if (state == null || state.isBlank()) {
            return Optional.empty();
        }
        String previous = stored.data().get(PREVIOUS);
        int revision;
        try {
            revision = Integer.parseInt(stored.data().getOrDefault(REVISION, "0").strip());
        } catch (NumberFormatException e) {
            revision = 0;
        }
        String roles = stored.data().getOrDefault(STARTER_ROLES, "");
        String unwritten = stored.data().get(UNWRITTEN);
        return Optional.of(new RolloutRecord(read(state), revision, instant(stored.data().get(WRITTEN)),
                previous == null || previous.isBlank() ? null : read(previous),
                java.util.Arrays.stream(roles.split(",")).map(String::strip).filter(r -> !r.isEmpty()).toList(),
                stored.resourceVersion(), instant(stored.data().get(PENDING)),
                unwritten == null || unwritten.isBlank() ? null : unwritten, userRouting(stored.data().get(USER_ROUTING))));
    }

    private static RolloutPlans.UserRouting userRouting(String json) {
        try {
            return json == null || json.isBlank() ? null : JSON.readValue(json, RolloutPlans.UserRouting.class);
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static Instant instant(String text) {
        try {
            return text == null || text.isBlank() ? null : Instant.parse(text.strip());
        } catch (java.time.format.DateTimeParseException e) {
            return null;
        }
    }

    Map<String, String> data() {
        Map<String, String> data = new LinkedHashMap<>();
        data.put(STATE, write(state));
        data.put(REVISION, Integer.toString(revision));
        if (written != null) {
            data.put(WRITTEN, written.toString());
        }
        if (previous != null) {
            data.put(PREVIOUS, write(previous));
        }
        data.put(STARTER_ROLES, String.join(",", starterRoles));
        if (pending != null) {
            data.put(PENDING, pending.toString());
        }
        if (unwritten != null) {
            data.put(UNWRITTEN, unwritten);
        }
        if (!RolloutPlans.UserRouting.NONE.equals(userRouting)) {
            data.put(USER_ROUTING, JSON.writeValueAsString(userRouting));
        }
        return data;
    }

    /** The next state, written (pending and unwritten cleared). */
    RolloutRecord with(RolloutState next, int newest, Instant writtenAt) {
        return new RolloutRecord(next, newest, writtenAt, previous, starterRoles, resourceVersion, null, null,
                userRouting);
    }

    /** The next state stored as an intent: its routing is about to be written ({@code at}). */
    RolloutRecord intent(RolloutState next, Instant at) {
        return new RolloutRecord(next, revision, written, previous, starterRoles, resourceVersion, at, null, userRouting);
    }

    /** The state whose routing could not be written ({@code why}): the driver writes it again. */
    RolloutRecord unwritten(RolloutState next, String why, Instant at) {
        return new RolloutRecord(next, revision, written, previous, starterRoles, resourceVersion, at, why, userRouting);
    }

    RolloutRecord withVersion(String version) {
        return new RolloutRecord(state, revision, written, previous, starterRoles, version, pending, unwritten, userRouting);
    }

    /** Whether another writer's routing write may be under way: an intent younger than {@code grace}. */
    boolean writing(Instant now, java.time.Duration grace) {
        return pending != null && unwritten == null && now.isBefore(pending.plus(grace));
    }

    static RolloutState read(String json) {
        return JSON.readValue(json, RolloutState.class);
    }

    static String write(RolloutState state) {
        return JSON.writeValueAsString(state);
    }
}
