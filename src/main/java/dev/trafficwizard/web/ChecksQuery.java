package dev.trafficwizard.web;

import dev.trafficwizard.analysis.Finding;
import dev.trafficwizard.routing.Diagnostic;
import dev.trafficwizard.routing.DiagnosticCode;
import dev.trafficwizard.routing.Severity;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The filters and page of a list of findings, as the Checks page and {@code GET /api/v1/checks} take
 * them: namespace, severity, code (ours, such as {@code SUBSET_NOT_FOUND}, or Istio's, such as
 * {@code IST0101}), page from 1 and page size. {@link #parse} names each parameter it cannot read.
 */
record ChecksQuery(String namespace, Severity severity, String code, int page, int size) {

    static final Pattern ISTIO_CODE = Pattern.compile("IST\\d{4}");
    private static final int MAX_PARAM = 253;

    /** A query, or what is wrong with the parameters (each diagnostic names its parameter). */
    record Parsed(ChecksQuery query, List<Diagnostic> problems) {
    }

    static Parsed parse(String namespace, String severity, String code, String page, String size,
                        int defaultSize, int maxSize) {
        List<Diagnostic> problems = new ArrayList<>();
        String ns = trim(namespace);
        if (ns.length() > MAX_PARAM) {
            problems.add(Diagnostic.error(DiagnosticCode.TOO_LONG, "namespace", MAX_PARAM));
        }
        Severity sev = null;
        String s = trim(severity).toUpperCase(Locale.ROOT);
        if (!s.isEmpty()) {
            try {
                sev = Severity.valueOf(s);
            } catch (IllegalArgumentException e) {
                problems.add(Diagnostic.error(DiagnosticCode.UNKNOWN_CHOICE, "severity", shorten(severity),
                        "ERROR, WARNING, INFO"));
            }
        }
        String c = trim(code).toUpperCase(Locale.ROOT);
        if (!c.isEmpty() && !ISTIO_CODE.matcher(c).matches()
                && Arrays.stream(DiagnosticCode.values()).noneMatch(d -> d.name().equals(c))) {
            problems.add(Diagnostic.error(DiagnosticCode.UNKNOWN_CHOICE, "code", shorten(code),
                    "a code such as SUBSET_NOT_FOUND or IST0101"));
        }
        int p = number(page, 1, "page", Integer.MAX_VALUE, "pages are numbered from 1", problems);
        int z = number(size, defaultSize, "size", maxSize, "a page holds 1 to " + maxSize + " diagnostics", problems);
        ChecksQuery query = problems.isEmpty() ? new ChecksQuery(ns, sev, c, p, z) : null;
        return new Parsed(query, problems);
    }

    private static int number(String value, int fallback, String field, int max, String range,
                              List<Diagnostic> problems) {
        String v = trim(value);
        if (v.isEmpty()) {
            return fallback;
        }
        if (!v.matches("[0-9]{1,9}")) {
            problems.add(Diagnostic.error(DiagnosticCode.NOT_A_NUMBER, field, shorten(value)));
            return fallback;
        }
        int n = Integer.parseInt(v);
        if (n < 1 || n > max) {
            problems.add(Diagnostic.error(DiagnosticCode.INVALID_VALUE, field, range));
        }
        return n;
    }

    private static String trim(String value) {
        return value == null ? "" : value.trim();
    }

    private static String shorten(String value) {
        return value.length() > 40 ? value.substring(0, 40) + "…" : value;
    }

    /** Whether the finding passes the namespace and code filters (not the severity). */
    boolean matchesExceptSeverity(Finding f) {
        return (namespace.isEmpty() || namespace.equals(f.object().namespace()))
                && (code.isEmpty() || code.equals(f.code()) || code.equals(f.istioCode()));
    }

    boolean matches(Finding f) {
        return matchesExceptSeverity(f) && (severity == null || severity == f.severity());
    }

    List<Finding> filter(List<Finding> findings) {
        return findings.stream().filter(this::matches).toList();
    }

    /** This page of {@code rows} (empty past the last page). */
    <T> List<T> pageOf(List<T> rows) {
        long from = (long) (page - 1) * size;
        return from >= rows.size() ? List.of() : rows.subList((int) from, (int) Math.min(rows.size(), from + size));
    }

    int pages(int total) {
        return Math.max(1, (total + size - 1) / size);
    }
}
