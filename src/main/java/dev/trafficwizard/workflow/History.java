package dev.trafficwizard.workflow;

import dev.trafficwizard.cluster.HistoryStore;
import dev.trafficwizard.security.Audit;
import io.fabric8.kubernetes.client.utils.Serialization;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Service;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/**
 * Reads and records the revisions of a service's routing: the last {@value #KEEP} applied ones
 * (apply, delete, rollback, take over), which only newer applied ones push out, and the last
 * {@value #KEEP_FAILED} failed writes that left the cluster changed (something not put back).
 * Every attempt, conflicts and refusals included, goes to the audit log; only these reach the
 * history, so made-up base versions cannot push the revisions rollback needs out of it.
 */
@Service
public class History {

    static final int KEEP = 20;
    static final int KEEP_FAILED = 5;
    private static final Logger log = LoggerFactory.getLogger(History.class);

    private final HistoryStore store;
    private final Clock clock;

    @Autowired
    History(HistoryStore store) {
        this(store, Clock.systemUTC());
    }

    History(HistoryStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    /** Newest first. */
    public List<Revision> revisions(String namespace, String service) {
        List<Revision> revisions = new ArrayList<>();
        for (String entry : store.entries(namespace, service)) {
            try {
                revisions.add(Serialization.unmarshal(entry, Revision.class));
            } catch (RuntimeException unreadable) {
                log.warn("Skipping an unreadable history entry of {}/{}", namespace, service, unreadable);
            }
        }
        Collections.reverse(revisions);
        return revisions;
    }

    public Optional<Revision> revision(String namespace, String service, int number) {
        return revisions(namespace, service).stream().filter(r -> r.number() == number).findFirst();
    }

    /** An attempt that changed nothing (a conflict, a failure fully put back): the audit log only. */
    void attempt(String namespace, String service, Revision draft) {
        Audit.writeAttempt(draft.user(), draft.action().text(), namespace, service, draft.outcome().key(),
                draft.objects(), draft.message());
    }

    /**
     * Records a change to the cluster (applied, or failed with something not put back), in the audit
     * log and the history. A failure to record is logged, never thrown: the routing write it
     * describes has happened already, and the audit line keeps the trail.
     */
    void record(String namespace, String service, Revision draft) {
        attempt(namespace, service, draft);
        try {
            store.update(namespace, service, entries -> {
                List<String> updated = new ArrayList<>(entries);
                updated.add(Serialization.asJson(numbered(draft, entries)));
                return trimmed(updated);
            });
        } catch (RuntimeException e) {
            log.error("Could not record history of {}/{}: {} {} {}", namespace, service, draft.action(),
                    draft.outcome(), draft.objects(), e);
        }
    }

    /** The last {@value #KEEP} applied entries and the last {@value #KEEP_FAILED} others, oldest first. */
    static List<String> trimmed(List<String> entries) {
        List<String> kept = new ArrayList<>();
        int applied = 0;
        int others = 0;
        for (int i = entries.size() - 1; i >= 0; i--) {
            boolean succeeded = succeeded(entries.get(i));
            if (succeeded ? applied++ < KEEP : others++ < KEEP_FAILED) {
                kept.add(entries.get(i));
            }
        }
        Collections.reverse(kept);
        return kept;
    }

    private static boolean succeeded(String entry) {
        try {
            return Serialization.unmarshal(entry, Revision.class).succeeded();
        } catch (RuntimeException unreadable) {
            return false;
        }
    }

    private Revision numbered(Revision draft, List<String> entries) {
        int last = 0;
        for (String entry : entries) {
            try {
                last = Math.max(last, Serialization.unmarshal(entry, Revision.class).number());
            } catch (RuntimeException ignored) {
                // an unreadable entry keeps its place but not its number
            }
        }
        return draft.numbered(last + 1, Instant.now(clock).truncatedTo(ChronoUnit.SECONDS).toString());
    }
}
