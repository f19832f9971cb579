package dev.trafficwizard.web;

import dev.trafficwizard.istio.ServiceRoutes;
import dev.trafficwizard.web.DiagramModel.Dest;
import dev.trafficwizard.web.DiagramModel.Group;
import dev.trafficwizard.web.DiagramModel.Out;
import dev.trafficwizard.web.DiagramModel.Row;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;
import java.util.function.UnaryOperator;

/**
 * Where requests to a service go, drawn as a self-contained SVG: entry points (the mesh, each
 * Gateway × host) → their rules in order → the service's versions (and other destinations), each
 * edge labelled and as thick as its share. Colours come from CSS classes ({@code tw-dg-*} in
 * app.css), never from the markup, so the page's theme applies. A pure function of its inputs.
 */
public final class RoutingDiagram {

    /**
     * The words of the diagram, filled from the message bundle by the caller (English, Korean…);
     * match notations, host names, versions and percentages are drawn as they are.
     *
     * @param readyPods "N ready pods" for a version's box
     * @param rule      "rule N" in the text equivalent (the box shows the number alone)
     * @param title     the diagram's accessible title, from the service's host name
     * @param mirror    the word on a mirror edge ("mirror 10 %")
     * @param mirrorIgnored what happens to a mirror's answers, in the text equivalent ("its answer is ignored")
     */
    public record Labels(String mesh, String via, String allRequests, String allOther, String roundRobin,
                         String notFound, String neverReached, String delegated, IntFunction<String> readyPods,
                         IntFunction<String> rule, UnaryOperator<String> title, String mirror, String mirrorIgnored) {

        public static final Labels ENGLISH = new Labels("Mesh", "via", "all requests", "all other requests",
                "round robin (no VirtualService)", "other requests → 404", "never reached",
                "delegated to another VirtualService", n -> n + (n == 1 ? " ready pod" : " ready pods"),
                n -> "rule " + n, host -> "Where requests to " + host + " go", "mirror", "its answer is ignored");
    }

    private static final int PAD = 16, ROW = 46, GAP = 10, GROUP_GAP = 28, DEST_GAP = 14, OUT_PORT = 20, IN_PORT = 12;
    /** Share edges start straight for this long, so their percent label sits clear of the curve. */
    private static final int LEAD = 40;
    private static final int EX = PAD, EW = 300, RX = EX + EW + 50, RW = 300, VX = RX + RW + 120, VW = 190;

    private record Box(double x, double y, double w, double h) {

        double mid() {
            return y + h / 2;
        }
    }

    /** An edge out of a row: a share ({@code out}) or a mirror ({@code mirror}, dashed). */
    private record Edge(double x, double y, String dest, Out out, DiagramModel.Mirror mirror) {
    }

    private RoutingDiagram() {
    }

    /** A complete {@code <svg>} element; {@code idPrefix} makes its ids unique in the page. */
    public static String svg(ServiceRoutes routes, Labels labels, String idPrefix) {
        DiagramModel model = new DiagramModel(routes, labels);
        List<Group> groups = model.groups;
        Map<String, Dest> dests = model.dests;
        Map<String, Integer> incoming = new HashMap<>();
        groups.forEach(g -> g.rows().forEach(r -> {
            r.outs().forEach(o -> incoming.merge(o.dest(), 1, Integer::sum));
            r.mirrors().forEach(m -> incoming.merge(m.dest(), 1, Integer::sum));
        }));
        double rulesHeight = -GROUP_GAP, destsHeight = -DEST_GAP;
        for (Group g : groups) {
            rulesHeight += GROUP_GAP - GAP + g.rows().stream().mapToInt(r -> rowHeight(r) + GAP).sum();
        }
        for (String key : dests.keySet()) {
            destsHeight += destHeight(incoming.getOrDefault(key, 0)) + DEST_GAP;
        }
        double height = Math.max(Math.max(rulesHeight, destsHeight), ROW);
        double y = PAD + (height - rulesHeight) / 2;
        List<Box> entries = new ArrayList<>();
        Map<Row, Box> rows = new IdentityHashMap<>();
        for (Group g : groups) {
            double top = y;
            for (Row r : g.rows()) {
                rows.put(r, new Box(RX, y, RW, rowHeight(r)));
                y += rowHeight(r) + GAP;
            }
            entries.add(new Box(EX, (top + y - GAP) / 2 - ROW / 2.0, EW, ROW));
            y += GROUP_GAP - GAP;
        }
        Map<String, Box> destBoxes = new LinkedHashMap<>();
        y = PAD + (height - destsHeight) / 2;
        for (String key : dests.keySet()) {
            int h = destHeight(incoming.getOrDefault(key, 0));
            destBoxes.put(key, new Box(VX, y, VW, h));
            y += h + DEST_GAP;
        }
        List<Edge> edges = new ArrayList<>();
        groups.forEach(g -> g.rows().forEach(r -> {
            Box b = rows.get(r);
            int n = r.outs().size() + r.mirrors().size();
            for (int i = 0; i < r.outs().size(); i++) {
                Out o = r.outs().get(i);
                edges.add(new Edge(b.x() + b.w(), b.y() + b.h() * (i + 1) / (n + 1), o.dest(), o, null));
            }
            for (int i = 0; i < r.mirrors().size(); i++) {
                DiagramModel.Mirror m = r.mirrors().get(i);
                edges.add(new Edge(b.x() + b.w(), b.y() + b.h() * (r.outs().size() + i + 1) / (n + 1), m.dest(),
                        null, m));
            }
        }));

        String id = idPrefix == null || idPrefix.isBlank() ? "tw-dg" : idPrefix.replaceAll("[^A-Za-z0-9_-]", "-");
        double width = VX + VW + PAD, fullHeight = height + 2 * PAD;
        SvgWriter w = new SvgWriter().open("svg", "xmlns", "http://www.w3.org/2000/svg", "class", "tw-dg",
                "role", "img", "width", width, "height", fullHeight,
                "viewBox", "0 0 " + SvgWriter.num(width) + " " + SvgWriter.num(fullHeight),
                "aria-labelledby", id + "-title " + id + "-desc");
        w.element("title", labels.title().apply(routes.target().fqdn()), "id", id + "-title");
        w.element("desc", String.join(". ", model.sentences()) + ".", "id", id + "-desc");
        w.open("g", "class", "tw-dg-links");
        for (int i = 0; i < groups.size(); i++) {
            Box e = entries.get(i);
            for (Row r : groups.get(i).rows()) {
                w.empty("path", "class", "tw-dg-edge tw-dg-link" + (r.css().contains("muted") ? " tw-dg-muted" : ""),
                        "d", curve(e.x() + e.w(), e.mid(), 0, RX, rows.get(r).mid()));
            }
        }
        w.close("g").open("g", "class", "tw-dg-shares");
        Map<String, Integer> arrived = new HashMap<>();
        edges.sort(Comparator.comparingDouble(Edge::y));
        for (Edge edge : edges) {
            Box d = destBoxes.get(edge.dest());
            int n = incoming.get(edge.dest()), k = arrived.merge(edge.dest(), 1, Integer::sum);
            String to = dests.get(edge.dest()).name();
            String path = curve(edge.x(), edge.y(), LEAD, VX, d.y() + d.h() * k / (n + 1));
            if (edge.mirror() != null) {
                w.open("path", "class", "tw-dg-edge tw-dg-mirror " + dests.get(edge.dest()).tone()
                                + (edge.mirror().muted() ? " tw-dg-muted" : ""),
                        "stroke-width", 1.5, "stroke-dasharray", "6 4", "d", path);
                w.element("title", labels.mirror() + " " + edge.mirror().percent() + " % → " + to + " ("
                        + labels.mirrorIgnored() + ")").close("path");
                continue;
            }
            w.open("path", "class", "tw-dg-edge " + dests.get(edge.dest()).tone() + muted(edge.out()),
                    "stroke-width", thickness(edge.out()), "d", path);
            w.element("title", edge.out().percent() + " % → " + to).close("path");
        }
        w.close("g");
        for (int i = 0; i < groups.size(); i++) {
            Group g = groups.get(i);
            boolean mesh = g.entry().mesh();
            String vs = g.entry().virtualService();
            box(w, entries.get(i), "tw-dg-entry", lines(g.name(), vs == null ? null : "VirtualService " + vs), null,
                    mesh ? labels.mesh() : g.entry().host(), false,
                    mesh ? g.entry().host() : labels.via() + " " + g.entry().gateway(), mesh);
        }
        groups.forEach(g -> g.rows().forEach(r -> {
            String second = join(r.note(), join(r.faults(), r.limits()));
            box(w, rows.get(r), r.css() + (r.faults() != null ? " tw-dg-faulty" : ""), lines(r.spoken(), second),
                    r.badge(), r.main(), r.code(), second, false);
        }));
        dests.forEach((key, d) -> box(w, destBoxes.get(key), d.css() + " " + d.tone(), lines(d.name(), d.sub()),
                null, d.title(), d.code(), d.sub(), false));
        w.open("g", "class", "tw-dg-percents", "aria-hidden", "true");
        for (Edge edge : edges) {
            if (edge.mirror() != null) {
                w.element("text", labels.mirror() + " " + edge.mirror().percent() + " %", "class", "tw-dg-mirror-pct"
                        + (edge.mirror().muted() ? " tw-dg-muted" : ""), "x", edge.x() + 8, "y", edge.y() - 5);
                continue;
            }
            w.element("text", edge.out().percent() + " %", "class", "tw-dg-pct" + muted(edge.out()),
                    "x", edge.x() + 8, "y", edge.y() - 4 - thickness(edge.out()) / 2);
        }
        return w.close("g").close("svg").toString();
    }

    /** The diagram in words, one sentence per entry point, for screen readers and the page's text view. */
    public static List<String> text(ServiceRoutes routes, Labels labels) {
        return new DiagramModel(routes, labels).sentences();
    }

    private static String muted(Out out) {
        return out.muted() ? " tw-dg-muted" : "";
    }

    private static String lines(String first, String second) {
        return second == null || second.isEmpty() ? first : first + "\n" + second;
    }

    /** Tall enough for its outgoing edges (shares and mirrors) to start {@code OUT_PORT} apart. */
    private static int rowHeight(Row r) {
        return Math.max(ROW, OUT_PORT * (r.outs().size() + r.mirrors().size() + 1));
    }

    private static String join(String a, String b) {
        return a == null ? b : b == null ? a : a + " · " + b;
    }

    private static int destHeight(int incoming) {
        return Math.max(ROW, IN_PORT * (incoming + 1));
    }

    /** From 1.5 (nothing) to 8 (all requests); muted edges carry nothing. */
    private static double thickness(Out out) {
        return out.muted() ? 1.5 : 1.5 + 6.5 * Math.max(0, Math.min(100, out.percent())) / 100.0;
    }

    /** A path from (x1, y1) to (x2, y2): straight for {@code lead}, then an S-curve leaving and arriving level. */
    private static String curve(double x1, double y1, double lead, double x2, double y2) {
        double c = (x1 + lead + x2) / 2;
        return "M" + SvgWriter.num(x1) + " " + SvgWriter.num(y1) + (lead > 0 ? " H" + SvgWriter.num(x1 + lead) : "")
                + " C" + SvgWriter.num(c) + " " + SvgWriter.num(y1)
                + " " + SvgWriter.num(c) + " " + SvgWriter.num(y2) + " " + SvgWriter.num(x2) + " " + SvgWriter.num(y2);
    }

    /** A box with an optional numbered badge, a first line and an optional second line, the full text as tooltip. */
    private static void box(SvgWriter w, Box b, String css, String tooltip, String badge, String first, boolean code,
                            String second, boolean secondCode) {
        boolean two = second != null && !second.isEmpty();
        double left = b.x() + (badge == null ? 12 : 36), room = b.x() + b.w() - 10 - left;
        w.open("g", "class", "tw-dg-node " + css).element("title", tooltip)
                .empty("rect", "x", b.x(), "y", b.y(), "width", b.w(), "height", b.h(), "rx", 6);
        if (badge != null) {
            w.empty("circle", "class", "tw-dg-badge", "cx", b.x() + 18, "cy", b.mid(), "r", 11)
                    .element("text", badge, "class", "tw-dg-badge-text", "x", b.x() + 18, "y", b.mid() + 4,
                            "text-anchor", "middle");
        }
        w.element("text", SvgWriter.fit(first, (int) (room / (code ? 6.65 : 7.0))),
                "class", "tw-dg-strong" + (code ? " tw-dg-code" : ""), "x", left, "y", b.mid() + (two ? -3 : 4));
        if (two) {
            w.element("text", SvgWriter.fit(second, (int) (room / (secondCode ? 6.65 : 6.3))),
                    "class", "tw-dg-sub" + (secondCode ? " tw-dg-code" : ""), "x", left, "y", b.mid() + 13);
        }
        w.close("g");
    }
}
