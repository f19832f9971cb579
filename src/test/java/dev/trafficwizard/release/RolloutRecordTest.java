package dev.trafficwizard.release;

import dev.trafficwizard.cluster.RolloutStore;
import dev.trafficwizard.rollout.Gates;
import dev.trafficwizard.rollout.RolloutMachine;
import dev.trafficwizard.rollout.RolloutSpec;
import dev.trafficwizard.rollout.RolloutState;
import dev.trafficwizard.rollout.Step;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** #17: a rollout's state survives its ConfigMap: JSON of the records, instants as ISO text. */
class RolloutRecordTest {

    @Test
    void theStateIsStoredAsJsonAndReadBackUnchanged() {
        RolloutSpec spec = new RolloutSpec("v1", "v2", List.of(new Step(null, null, new Step.HeaderRoute("x-canary", "yes"),
                null), new Step(null, "1m", null, 5.0), Step.weight(30, "5m"), Step.weight(100, null)),
                new Gates(99.0, 500.0, 20L, "2m", 1));
        Instant now = Instant.parse("2026-12-03T06:00:00Z");
        RolloutState started = RolloutMachine.start("bookinfo", "reviews", spec, "alice", now).state();
        RolloutState promoted = RolloutMachine.promote(started, "bob", false, now.plusSeconds(30)).state();
        RolloutRecord record = new RolloutRecord(promoted, 7, now, started, List.of("OPERATOR", "VIEWER"), "42");

        var data = record.data();
        assertThat(data.get(RolloutRecord.STATE)).contains("\"2026-12-03T06:00:30Z\"").contains("\"phase\":\"Progressing\"");
        assertThat(data.get(RolloutRecord.REVISION)).isEqualTo("7");
        RolloutRecord read = RolloutRecord.of(new RolloutStore.Stored("bookinfo", "reviews", data, "43")).orElseThrow();
        assertThat(read.state()).isEqualTo(promoted);
        assertThat(read.previous()).isEqualTo(started);
        assertThat(read.revision()).isEqualTo(7);
        assertThat(read.written()).isEqualTo(now);
        assertThat(read.starterRoles()).containsExactly("OPERATOR", "VIEWER");
        assertThat(read.resourceVersion()).isEqualTo("43");
    }

    @Test
    void theDetailOfARevisionNamesTheStep() {
        RolloutSpec spec = new RolloutSpec("v1", "v2", List.of(Step.weight(25, "0s"), Step.weight(100, null)), null);
        Instant now = Instant.parse("2026-12-03T06:00:00Z");
        RolloutState started = RolloutMachine.start("bookinfo", "reviews", spec, "alice", now).state();
        assertThat(RolloutWrites.detail(started)).isEqualTo("step 1 (weight 25 %)");
        assertThat(RolloutWrites.detail(RolloutMachine.abort(started, "bob", "no", now).state())).isEqualTo("aborted");
        assertThat(RolloutWrites.detail(RolloutMachine.promote(started, "bob", true, now).state())).isEqualTo("promoted");
        assertThat(RolloutDriver.automatic(started)).isEqualTo("rollout (started by alice)");
    }
}
