package dev.trafficwizard.web;

import java.util.List;

/** A form's diagnostics, with the look-ups its template needs to show each beside its field. */
public record DiagnosticList(List<DiagnosticView> all) {

    private static final List<String> SECTIONS = List.of("rules[", "gateway", "hosts", "stickySession");

    public DiagnosticList {
        all = List.copyOf(all);
    }

    /** The diagnostics about {@code path} or a field inside it. */
    public List<DiagnosticView> at(String path) {
        return all.stream().filter(d -> d.concerns(path)).toList();
    }

    /** The diagnostics about any of {@code paths} or a field inside one, in their original order. */
    public List<DiagnosticView> atAny(String... paths) {
        return all.stream().filter(d -> java.util.Arrays.stream(paths).anyMatch(d::concerns)).toList();
    }

    /** Exactly at {@code path}, not inside it (e.g. a rule's route as a whole). */
    public List<DiagnosticView> exactly(String path) {
        return all.stream().filter(d -> d.path().equals(path)).toList();
    }

    /** Those no section of the form shows: the service, the plan as a whole. */
    public List<DiagnosticView> general() {
        return all.stream().filter(d -> SECTIONS.stream().noneMatch(d.path()::startsWith)).toList();
    }

    public long errorCount() {
        return all.stream().filter(DiagnosticView::isError).count();
    }

    public long warningCount() {
        return all.size() - errorCount();
    }

    public boolean hasErrors() {
        return all.stream().anyMatch(DiagnosticView::isError);
    }
}
