package dev.trafficwizard.release;

import dev.trafficwizard.cluster.RolloutStore;
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
 */
record RolloutRecord(RolloutState state, int revision, Instant written, RolloutState previous,
                     List<String> starterRoles, String resourceVersion) {

    static final String STATE = "rollout.json";
    static final String REVISION = "revision";
    static final String PREVIOUS = "previous.json";
    static final String STARTER_ROLES = "startedByRoles";
    static final String WRITTEN = "written";

    private static final JsonMapper JSON = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    RolloutRecord {
        starterRoles = starterRoles == null ? List.of() : List.copyOf(starterRoles);
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
        String written = stored.data().get(WRITTEN);
        Instant when;
        try {
            when = written == null || written.isBlank() ? null : Instant.parse(written.strip());
        } catch (java.time.format.DateTimeParseException e) {
            when = null;
        }
        return Optional.of(new RolloutRecord(read(state), revision, when,
                previous == null || previous.isBlank() ? null : read(previous),
                java.util.Arrays.stream(roles.split(",")).map(String::strip).filter(r -> !r.isEmpty()).toList(),
                stored.resourceVersion()));
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
        return data;
    }

    RolloutRecord with(RolloutState next, int newest, Instant writtenAt) {
        return new RolloutRecord(next, newest, writtenAt, previous, starterRoles, resourceVersion);
    }

    RolloutRecord withVersion(String version) {
        return new RolloutRecord(state, revision, written, previous, starterRoles, version);
    }

    static RolloutState read(String json) {
        return JSON.readValue(json, RolloutState.class);
    }

    static String write(RolloutState state) {
        return JSON.writeValueAsString(state);
    }
}
