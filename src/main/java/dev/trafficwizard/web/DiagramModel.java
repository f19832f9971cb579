package dev.trafficwizard.web;

import dev.trafficwizard.istio.EntryPoint;
import dev.trafficwizard.istio.Resolution.Share;
import dev.trafficwizard.istio.RuleEffects;
import dev.trafficwizard.istio.ServiceRoutes;
import dev.trafficwizard.routing.TargetService;
import dev.trafficwizard.web.RoutingDiagram.Labels;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What {@link RoutingDiagram} draws, in words and without geometry: a group of rule rows per entry
 * point, and the destination boxes (the target's versions first, then other hosts and missing
 * subsets) the rows send shares to.
 */
final class DiagramModel {

    /** A destination box; {@code tone} colours it and the edges into it (a version's colour, host, or error). */
    record Dest(String name, String title, String sub, boolean code, String tone, String css) {
    }

    /** A share of a row going to the destination {@code dest} (a key of {@link #dests}). */
    record Out(String dest, int percent, boolean muted) {
    }

    /** A copy of a row's requests sent to the destination {@code dest}: {@code percent} of the requests the rule forwards. */
    record Mirror(String dest, String percent, boolean muted) {
    }

    /**
     * One box of the rules column: a rule, round robin, or "other requests → 404".
     *
     * @param badge   the rule's number (position in the VirtualService), null for the other boxes
     * @param note    a second line: never reached, the fixed answer ({@code → 301 …}), delegated
     * @param spoken  the row in a sentence, without its destinations
     * @param mirrors where the rule also copies requests (dashed edges; answers ignored)
     * @param faults  the injected faults in Istio's words ({@code abort 5 % 503 · delay 10 % 2s}); null if none
     * @param limits  timeout and retries in Istio's words ({@code timeout 2s · retries 3 × 500ms}); null if none
     */
    record Row(String badge, String main, boolean code, String note, String spoken, String css, List<Out> outs,
               List<Mirror> mirrors, String faults, String limits) {

        Row(String badge, String main, boolean code, String note, String spoken, String css, List<Out> outs) {
            this(badge, main, code, note, spoken, css, outs, List.of(), null, null);
        }
    }

    record Group(EntryPoint entry, String name, List<Row> rows) {
    }

    final Map<String, Dest> dests = new LinkedHashMap<>();
    final List<Group> groups = new ArrayList<>();
    private final TargetService target;
    private final Labels labels;

    DiagramModel(ServiceRoutes routes, Labels labels) {
        this.target = routes.target();
        this.labels = labels;
        for (TargetService.ServiceVersion v : target.versions()) {
            dests.put("v:" + v.version(), version(v.version(), v.readyPods()));
        }
        for (EntryPoint e : routes.entryPoints()) {
            List<Row> rows = new ArrayList<>();
            if (e.noVirtualService()) {
                rows.add(new Row(null, labels.roundRobin(), false, null, labels.roundRobin(), "tw-dg-rule tw-dg-rr",
                        outs(e.roundRobin(), false)));
            }
            for (EntryPoint.Rule r : e.rules()) {
                String main = r.catchAll() ? (r == e.rules().get(0) ? labels.allRequests() : labels.allOther())
                        : String.join(" ∨ ", r.matches());
                String note = r.shadowed() ? labels.neverReached()
                        : r.fixed() != null ? ("→ " + r.fixed().status() + " " + r.fixed().detail()).strip()
                        : r.delegated() ? labels.delegated() : null;
                rows.add(new Row(Integer.toString(r.index() + 1), main, !r.catchAll(), note,
                        r.catchAll() ? main : labels.rule().apply(r.index() + 1) + " (" + main + ")",
                        "tw-dg-rule" + (r.shadowed() ? " tw-dg-muted" : ""), outs(r.shares(), r.shadowed()),
                        mirrors(r, r.shadowed()), r.effects().faultsLabel(), r.effects().limitsLabel()));
            }
            if (e.otherwiseNotFound()) {
                rows.add(new Row(null, labels.notFound(), false, null, labels.notFound(), "tw-dg-rule tw-dg-notfound",
                        List.of()));
            }
            String name = e.mesh() ? labels.mesh() + " · " + e.host()
                    : e.host() + " " + labels.via() + " " + e.gateway();
            groups.add(new Group(e, name, rows));
        }
    }

    /** One sentence per entry point: its name, then each row and where it sends requests. */
    List<String> sentences() {
        List<String> out = new ArrayList<>();
        for (Group g : groups) {
            List<String> parts = new ArrayList<>();
            for (Row r : g.rows()) {
                if (r.note() != null) {
                    parts.add(r.spoken() + (r.note().startsWith("→") ? " " : ": ") + r.note());
                } else if (r.outs().isEmpty()) {
                    parts.add(r.spoken());
                } else {
                    parts.add(r.spoken() + " → " + String.join(", ", r.outs().stream()
                            .map(o -> dests.get(o.dest()).name() + " " + o.percent() + " %").toList()));
                }
                int last = parts.size() - 1;
                for (Mirror m : r.mirrors()) {
                    parts.set(last, parts.get(last) + ", " + labels.mirror() + " " + m.percent() + " % → "
                            + dests.get(m.dest()).name() + " (" + labels.mirrorIgnored() + ")");
                }
                if (r.faults() != null) {
                    parts.set(last, parts.get(last) + " [" + r.faults() + "]");
                }
                if (r.limits() != null) {
                    parts.set(last, parts.get(last) + " [" + r.limits() + "]");
                }
            }
            out.add(g.name() + ": " + String.join("; ", parts));
        }
        return out;
    }

    /** The shares per destination box, in the order of the rule, shares to the same box added up. */
    private List<Out> outs(List<Share> shares, boolean muted) {
        Map<String, Integer> percent = new LinkedHashMap<>();
        for (Share s : shares) {
            percent.merge(dest(s.host(), s.subset(), s.version(), s.subsetMissing()), s.percent(), Integer::sum);
        }
        return percent.entrySet().stream().map(p -> new Out(p.getKey(), p.getValue(), muted || p.getValue() == 0))
                .toList();
    }

    /** The rule's mirrors per destination box (copies to the same box added up). */
    private List<Mirror> mirrors(EntryPoint.Rule r, boolean muted) {
        Map<String, Double> percent = new LinkedHashMap<>();
        for (RuleEffects.Mirror m : r.mirrors()) {
            percent.merge(dest(m.host(), m.subset(), m.version(), m.subsetMissing()), m.percent(), Double::sum);
        }
        return percent.entrySet().stream()
                .map(p -> new Mirror(p.getKey(), RuleEffects.percent(Math.min(100, p.getValue())), muted)).toList();
    }

    /** The key of the destination box for a host, subset and version, adding the box when new. */
    private String dest(String hostOrNull, String subsetOrNull, String version, boolean missing) {
        String host = hostOrNull == null ? "" : hostOrNull, subset = subsetOrNull == null ? "" : subsetOrNull;
        String key;
        if (missing) {
            key = "x:" + host + "|" + subset;
            dests.putIfAbsent(key, new Dest("503 (" + subset + ")", "503 (" + subset + ")", brief(host), false,
                    "tw-dg-tone-error", "tw-dg-error"));
        } else if (host.equals(target.fqdn()) && version != null) {
            key = "v:" + version;
            if (!dests.containsKey(key)) {
                dests.put(key, version(version, 0));
            }
        } else {
            key = "h:" + host + "|" + subset;
            String name = subset.isEmpty() ? host : host + " (" + subset + ")";
            dests.putIfAbsent(key, new Dest(name, brief(host), subset, true, "tw-dg-tone-host", "tw-dg-host"));
        }
        return key;
    }

    /** A service host without the cluster's suffix, to fit a box: {@code ratings.bookinfo}; the tooltip has it all. */
    private static String brief(String host) {
        return host.endsWith(".svc.cluster.local") ? host.substring(0, host.length() - ".svc.cluster.local".length())
                : host;
    }

    /** A version of the target, coloured by its position like the version bars of the pages (four colours). */
    private Dest version(String version, int readyPods) {
        long index = dests.keySet().stream().filter(k -> k.startsWith("v:")).count();
        return new Dest(version, version, labels.readyPods().apply(readyPods), false, "tw-dg-c" + index % 4,
                "tw-dg-version" + (readyPods == 0 ? " tw-dg-down" : ""));
    }
}
