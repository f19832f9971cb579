package dev.trafficwizard.workflow;

import dev.trafficwizard.istio.ObjectChange;
import dev.trafficwizard.routing.Diagnostic;

import java.util.List;
import java.util.function.Function;

/**
 * How a write (apply, rollback, delete, take over) ended, as a value: every expected outcome is one
 * of these, so callers switch over them instead of catching exceptions. Only bugs and refused
 * authorisation still throw.
 */
public sealed interface WriteResult {

    /** Everything was written, in order; {@code objects} says what happened to each. */
    record Applied(List<Written> objects) implements WriteResult {
        public Applied {
            objects = List.copyOf(objects);
        }
    }

    /** The plan (or the request) has errors, or the API server refused it in a dry run: nothing was written. */
    record Rejected(List<Diagnostic> diagnostics) implements WriteResult {
        public Rejected {
            diagnostics = List.copyOf(diagnostics);
        }

        static Rejected of(Diagnostic diagnostic) {
            return new Rejected(List.of(diagnostic));
        }
    }

    /**
     * Someone changed the live routing since it was read (a stale base version, or a 409 from the
     * API server): nothing was written. Names the object whose change was noticed.
     */
    record Conflict(String kind, String namespace, String name) implements WriteResult {
    }

    /**
     * A write failed for another reason (5xx, no connection, 403 from the API server).
     * {@code restored} lists what earlier writes of the same action were put back,
     * {@code notRestored} what could not be, so the user knows what the cluster holds.
     */
    record Failed(String object, String reason, boolean deleting, int status, List<String> restored,
                  List<String> notRestored) implements WriteResult {
        public Failed {
            restored = List.copyOf(restored);
            notRestored = List.copyOf(notRestored);
        }

        public String message() {
            return (deleting ? "Deleting " : "Writing ") + object + " failed: " + reason;
        }
    }

    /** What happened to one object. */
    record Written(String kind, String namespace, String name, ObjectChange change) {
    }

    default boolean applied() {
        return this instanceof Applied;
    }

    /**
     * One function per outcome, exactly one of which is called: the exhaustive switch of Java 17
     * (a new outcome breaks every caller at compile time).
     */
    default <T> T fold(Function<Applied, T> applied, Function<Rejected, T> rejected,
                       Function<Conflict, T> conflict, Function<Failed, T> failed) {
        if (this instanceof Applied a) {
            return applied.apply(a);
        }
        if (this instanceof Rejected r) {
            return rejected.apply(r);
        }
        if (this instanceof Conflict c) {
            return conflict.apply(c);
        }
        return failed.apply((Failed) this);
    }
}
