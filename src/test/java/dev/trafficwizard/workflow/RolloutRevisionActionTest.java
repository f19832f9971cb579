package dev.trafficwizard.workflow;

import io.fabric8.kubernetes.client.utils.Serialization;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** #17: a rollout's writes are recorded as "rollout <step>", read back from that text; older texts still read. */
class RolloutRevisionActionTest {

    @Test
    void aRolloutActionIsStoredAsItsTextAndReadBack() {
        RevisionAction step = RevisionAction.rollout("step 2 (weight 25 %)");
        assertThat(step.text()).isEqualTo("rollout step 2 (weight 25 %)");
        assertThat(RevisionAction.parse("rollout step 2 (weight 25 %)")).isEqualTo(step);
        assertThat(RevisionAction.parse("Rollout Aborted").detail()).isEqualTo("Aborted");
        assertThat(RevisionAction.parse("rollout aborted").kind()).isEqualTo(RevisionAction.Kind.ROLLOUT);
        assertThat(RevisionAction.rollout("aborted").kind().key()).isEqualTo("rollout");
        assertThat(step.messageKey()).isEqualTo("rollout.weight");
        assertThat(step.step()).isEqualTo("2");
        assertThat(step.value()).isEqualTo("25");
        RevisionAction header = RevisionAction.rollout("step 1 (header x-canary: yes)");
        assertThat(header.messageKey()).isEqualTo("rollout.header");
        assertThat(header.value()).isEqualTo("x-canary: yes");
        assertThat(RevisionAction.rollout("step 3 (mirror 12.50 %)").value()).isEqualTo("12.50");
        assertThat(RevisionAction.rollout("aborted").messageKey()).isEqualTo("rollout.aborted");
        assertThat(RevisionAction.rollout("something else").messageKey()).isEqualTo("rollout");
        assertThat(RevisionAction.APPLY.messageKey()).isEqualTo("apply");
        assertThat(RevisionAction.rollbackTo(3).messageKey()).isEqualTo("rollback");

        Revision revision = Revision.draft("rollout (started by ann)", step, null, null, "")
                .applied(List.of("updated VirtualService bookinfo/reviews")).numbered(4, "2026-01-01T00:00:00Z");
        String json = Serialization.asJson(revision);
        assertThat(json).contains("\"action\":\"rollout step 2 (weight 25 %)\"");
        assertThat(Serialization.unmarshal(json, Revision.class)).isEqualTo(revision);
    }

    @Test
    void theOlderActionsStillRead() {
        assertThat(RevisionAction.parse("apply")).isEqualTo(RevisionAction.APPLY);
        assertThat(RevisionAction.parse("take over")).isEqualTo(RevisionAction.TAKE_OVER);
        assertThat(RevisionAction.parse("rollback to #3")).isEqualTo(RevisionAction.rollbackTo(3));
        assertThat(RevisionAction.parse("something new")).isEqualTo(RevisionAction.APPLY);
        assertThat(RevisionAction.APPLY.detail()).isNull();
    }
}
