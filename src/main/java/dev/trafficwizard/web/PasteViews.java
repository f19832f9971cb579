package dev.trafficwizard.web;

import dev.trafficwizard.analysis.Finding;
import dev.trafficwizard.analysis.ObjectRef;
import dev.trafficwizard.istio.PasteReader;
import dev.trafficwizard.istio.YamlLines;
import dev.trafficwizard.routing.Diagnostic;
import dev.trafficwizard.routing.DiagnosticCode;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.context.support.DefaultMessageSourceResolvable;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.List;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * The analysis of a paste as the API and the page show it, in the reader's language: input problems
 * as {@code ANALYZE_INPUT} diagnostics naming the document and line, findings with the lines of
 * the paste they concern, and the pasted text as numbered lines with those lines marked.
 */
@Component
class PasteViews {

    /** One finding: the API's shape ({@code lines} null for a live object or a path not found). */
    /** An object of another kind, left out. */
    record IgnoredView(String kind, String namespace, String name) {
    }

    /** The API's answer. */
    record Answer(List<FindingView> diagnostics, List<IgnoredView> ignored) {
    }

    /** A line of the paste; {@code severity} of the worst finding or problem on it, or null. */
    record Line(int number, String text, String severity) {

        public boolean flagged() {
            return severity != null;
        }
    }

    private final MessageSource messages;
    private final DiagnosticMessages diagnostics;

    PasteViews(MessageSource messages, DiagnosticMessages diagnostics) {
        this.messages = messages;
        this.diagnostics = diagnostics;
    }

    /**
     * Each input problem as an {@code ANALYZE_INPUT} error at {@code body}: its reason, after the
     * document and line it was found at when there are.
     */
    List<DiagnosticView> problems(PasteReader.Paste paste) {
        return paste.problems().stream().map(p -> diagnostics.resolve(Diagnostic.error(DiagnosticCode.ANALYZE_INPUT,
                ApiExceptionHandler.BODY, problem(p)))).toList();
    }

    /** The page's list under its own heading: each problem without the API's lead-in. */
    List<String> problemTexts(PasteReader.Paste paste) {
        return paste.problems().stream().map(p -> messages.getMessage(problem(p), LocaleContextHolder.getLocale()))
                .toList();
    }

    private static DefaultMessageSourceResolvable problem(PasteReader.Problem p) {
        var reason = new DefaultMessageSourceResolvable(new String[] {"analyze.input." + p.reason()},
                p.args().toArray(), p.reason());
        if (p.document() == 0) {
            return reason;
        }
        var where = p.line() > 0
                ? new DefaultMessageSourceResolvable(new String[] {"analyze.where.line"},
                        new Object[] {p.document(), p.line()})
                : new DefaultMessageSourceResolvable(new String[] {"analyze.where.document"},
                        new Object[] {p.document()});
        return new DefaultMessageSourceResolvable(new String[] {"analyze.problem"}, new Object[] {where, reason});
    }

    List<FindingView> findings(List<Finding> findings, String text, PasteReader.Paste paste) {
        Map<String, Snippet> pasted = snippets(text, paste);
        List<FindingView> out = new ArrayList<>();
        for (Finding f : findings) {
            Snippet snippet = pasted.get(f.object().key());
            YamlLines.Range lines = snippet == null ? null
                    : YamlLines.locate(snippet.text(), f.object().kind(), null, f.object().name(), f.path())
                            .map(r -> new YamlLines.Range(r.first() + snippet.offset(), r.last() + snippet.offset()))
                            .orElse(null);
            out.add(diagnostics.resolve(f).withLines(lines));
        }
        return out;
    }

    /** The text of one pasted object's document and the lines before it. */
    private record Snippet(String text, int offset) {
    }

    /**
     * Each pasted object's own document (from its first line to the next document's), so that
     * locating a finding's lines reads one document, not the whole paste once per finding.
     * Objects of one {@code kind: List} share a document: they get the whole text.
     */
    private static Map<String, Snippet> snippets(String text, PasteReader.Paste paste) {
        String[] lines = text.split("\r?\n", -1);
        TreeSet<Integer> starts = new TreeSet<>();
        paste.objects().forEach(o -> starts.add(o.line()));
        paste.ignored().forEach(i -> starts.add(i.line()));
        Map<Integer, Long> perLine = paste.objects().stream()
                .collect(Collectors.groupingBy(PasteReader.Pasted::line, Collectors.counting()));
        Map<String, Snippet> out = new HashMap<>();
        for (PasteReader.Pasted o : paste.objects()) {
            String key = ObjectRef.of(o.object()).key();
            if (perLine.get(o.line()) > 1 || o.line() < 1) {
                out.put(key, new Snippet(text, 0));
                continue;
            }
            Integer next = starts.higher(o.line());
            int start = Math.min(o.line() - 1, lines.length);
            int end = Math.max(start, next == null ? lines.length : Math.min(next - 1, lines.length));
            out.put(key, new Snippet(String.join("\n", java.util.Arrays.asList(lines).subList(start, end)), start));
        }
        return out;
    }

    List<IgnoredView> ignored(PasteReader.Paste paste) {
        return paste.ignored().stream().map(i -> new IgnoredView(i.kind(), i.namespace(), i.name())).toList();
    }

    /** What the page says about each ignored object. */
    List<String> ignoredTexts(PasteReader.Paste paste) {
        return paste.ignored().stream().map(i -> diagnostics.resolve(Diagnostic.warning(DiagnosticCode.IGNORED_KIND,
                ApiExceptionHandler.BODY, i.kind(), i.namespace() + "/" + i.name())).message()).toList();
    }

    /** At most this many lines of a paste are shown (the page stays light; the rest is counted). */
    static final int MAX_LINES = 5000;

    /** How many lines of {@code text} {@link #lines} leaves out. */
    static int hiddenLines(String text) {
        String[] raw = text.split("\r?\n", -1);
        int count = raw.length > 1 && raw[raw.length - 1].isEmpty() ? raw.length - 1 : raw.length;
        return Math.max(0, count - MAX_LINES);
    }

    /** The pasted text, line by line (the first {@link #MAX_LINES}), each line a finding (or an input problem) concerns marked. */
    static List<Line> lines(String text, List<FindingView> findings, PasteReader.Paste paste) {
        String[] raw = text.split("\r?\n", -1);
        String[] severity = new String[raw.length + 1];
        for (FindingView f : findings) {
            if (f.lines() != null) {
                mark(severity, f.lines().first(), f.lines().last(), f.severity());
            }
        }
        int count = raw.length > 1 && raw[raw.length - 1].isEmpty() ? raw.length - 1 : raw.length;
        for (PasteReader.Problem p : paste.problems()) {
            if (p.line() > 0) { // a problem found at the end of the text: its last line
                int line = Math.min(p.line(), count);
                mark(severity, line, line, "ERROR");
            }
        }
        List<Line> out = new ArrayList<>(Math.min(count, MAX_LINES));
        for (int i = 0; i < Math.min(count, MAX_LINES); i++) {
            out.add(new Line(i + 1, raw[i], severity[i + 1]));
        }
        return out;
    }

    private static void mark(String[] severity, int first, int last, String level) {
        for (int n = Math.max(1, first); n <= Math.min(last, severity.length - 1); n++) {
            if (severity[n] == null || rank(level) > rank(severity[n])) {
                severity[n] = level;
            }
        }
    }

    private static int rank(String severity) {
        return switch (severity) {
            case "ERROR" -> 3;
            case "WARNING" -> 2;
            default -> 1;
        };
    }
}
