package dev.trafficwizard.routing;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Which rules of a route list can never be used and which match entries never take a request, as
 * Istio's validation finds them (IST0130 and IST0131, {@code analyzeUnreachableHTTPRules}), for
 * plans and live VirtualServices alike:
 * <ul>
 *   <li>a rule after a rule without matches (a catch-all) is unreachable, whether it has matches
 *       or not ({@link Reason#CATCH_ALL_BEFORE});</li>
 *   <li>a match entry equal to an earlier one (in an earlier rule or earlier in the same rule;
 *       names aside) is a duplicate; a rule whose entries are all duplicates is unreachable
 *       ({@link Reason#MATCHES_USED});</li>
 *   <li>among the remaining entries that match the URI by prefix, one whose every request an
 *       earlier entry takes ({@link MatchShape#covers}) is ineffective ({@code /api} before
 *       {@code /api/v1}).</li>
 * </ul>
 * Istio reports a rule after a catch-all once per match entry and a covered entry once per
 * covering entry; here each rule and each entry is reported once (the first cause).
 */
public final class RuleReachability {

    /** Why a rule is never used. */
    public enum Reason {
        /** An earlier rule has no matches and takes every request. */
        CATCH_ALL_BEFORE,
        /** Every match entry of the rule equals an earlier one. */
        MATCHES_USED
    }

    /**
     * One match entry: {@code identity} compares whole entries (equal means duplicate; null never
     * equals anything), {@code shape} is its prefix shape, null when it does not match by prefix.
     */
    public record Entry(Object identity, MatchShape shape) {
    }

    /** What is found, by rule and entry index (0-based); each caller listens to what it reports. */
    public interface Findings {

        /** Rule {@code rule} is never used; {@code earlier} is the catch-all before it (-1 for MATCHES_USED). */
        default void unreachable(int rule, Reason reason, int earlier) {
        }

        /**
         * Entry {@code match} of rule {@code rule} never takes a request: entry {@code earlierMatch}
         * of rule {@code earlierRule} equals it ({@code duplicate}) or takes all its requests.
         */
        default void ineffective(int rule, int match, int earlierRule, int earlierMatch, boolean duplicate) {
        }
    }

    private RuleReachability() {
    }

    /**
     * Walks {@code rules} in order: each is its list of entries (empty: no matches, a catch-all;
     * null: a hole, passed over). Null entries inside a rule count as neither duplicate nor shape.
     */
    public static void check(List<List<Entry>> rules, Findings out) {
        Map<Object, int[]> seen = new HashMap<>();
        List<int[]> prefixed = new ArrayList<>(); // rule, entry
        List<MatchShape> shapes = new ArrayList<>();
        int catchAll = -1;
        for (int i = 0; i < rules.size(); i++) {
            List<Entry> entries = rules.get(i);
            if (entries == null) {
                continue;
            }
            if (catchAll >= 0) {
                out.unreachable(i, Reason.CATCH_ALL_BEFORE, catchAll);
                continue;
            }
            if (entries.isEmpty()) {
                catchAll = i;
                continue;
            }
            int duplicates = 0;
            for (int j = 0; j < entries.size(); j++) {
                Entry entry = entries.get(j);
                if (entry == null || entry.identity() == null) {
                    continue;
                }
                int[] first = seen.putIfAbsent(entry.identity(), new int[]{i, j});
                if (first != null) {
                    out.ineffective(i, j, first[0], first[1], true);
                    duplicates++;
                } else if (entry.shape() != null) {
                    prefixed.add(new int[]{i, j});
                    shapes.add(entry.shape());
                }
            }
            if (duplicates == entries.size()) {
                out.unreachable(i, Reason.MATCHES_USED, -1);
            }
        }
        for (int b = 1; b < shapes.size(); b++) {
            for (int a = 0; a < b; a++) {
                if (shapes.get(a).covers(shapes.get(b))) {
                    out.ineffective(prefixed.get(b)[0], prefixed.get(b)[1], prefixed.get(a)[0], prefixed.get(a)[1],
                            false);
                    break;
                }
            }
        }
    }
}
