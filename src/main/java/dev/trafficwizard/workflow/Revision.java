package dev.trafficwizard.workflow;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import dev.trafficwizard.routing.FormKind;
import dev.trafficwizard.routing.RoutingPlan;

import java.util.List;

/**
 * One recorded write attempt on a service's routing: its number, when, who (when known), what
 * (apply, delete, rollback, take over), from which form, the plan (null for a delete), the YAML
 * the cluster held afterwards, the outcome (applied, conflict, failed) with a message, and the
 * objects written. Made by {@link #draft} before the write, then {@link #applied} or
 * {@link #failed}, and numbered by {@link History}. The form is stored and answered in JSON as its
 * text ("weighted", ...); text that names no form (or none) reads as null.
 */
public record Revision(int number, String time, String user, RevisionAction action, FormKind form,
                       RoutingPlan plan, String yaml, Outcome outcome, String message, List<String> objects) {

    public Revision {
        objects = objects == null ? List.of() : List.copyOf(objects);
        yaml = yaml == null ? "" : yaml;
        action = action == null ? RevisionAction.APPLY : action;
    }

    /** How a revision is stored and answered in JSON: the same fields, the form as its text. */
    record Stored(int number, String time, String user, RevisionAction action, String form, RoutingPlan plan,
                  String yaml, Outcome outcome, String message, List<String> objects) {
    }

    @JsonValue
    Stored stored() {
        return new Stored(number, time, user, action, FormKind.segmentOf(form), plan, yaml, outcome, message, objects);
    }

    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    static Revision read(Stored s) {
        return new Revision(s.number(), s.time(), s.user(), s.action(), FormKind.of(s.form()).orElse(null), s.plan(),
                s.yaml(), s.outcome(), s.message(), s.objects());
    }

    /** What is about to be written, not yet numbered nor with an outcome. */
    static Revision draft(String user, RevisionAction action, FormKind form, RoutingPlan plan, String yaml) {
        return new Revision(0, null, user, action, form, plan, yaml, null, null, List.of());
    }

    /** The draft, written: {@code objects} says what changed ("updated VirtualService ns/name"). */
    Revision applied(List<String> objects) {
        return new Revision(number, time, user, action, form, plan, yaml, Outcome.APPLIED, this.message, objects);
    }

    /** The draft, not (or not fully) written: {@code yaml} is what the cluster holds now. */
    Revision failed(Outcome outcome, String yaml, String message) {
        String said = this.message == null ? message : this.message + "; " + message;
        return new Revision(number, time, user, action, form, plan, yaml, outcome, said, List.of());
    }

    /** #18 own: the draft with a note kept when it is written (an admin's override of another tool's ownership). */
    Revision withMessage(String note) {
        return new Revision(number, time, user, action, form, plan, yaml, outcome, note, objects);
    }

    /** The revision with its place in the history. */
    Revision numbered(int number, String time) {
        return new Revision(number, time, user, action, form, plan, yaml, outcome, message, objects);
    }

    public boolean succeeded() {
        return outcome == Outcome.APPLIED;
    }
}
