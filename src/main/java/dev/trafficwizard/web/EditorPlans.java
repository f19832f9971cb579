package dev.trafficwizard.web;

import dev.trafficwizard.routing.Diagnostic;
import dev.trafficwizard.routing.DiagnosticCode;
import dev.trafficwizard.routing.Fault;
import dev.trafficwizard.routing.HeaderChanges;
import dev.trafficwizard.routing.MatchCondition;
import dev.trafficwizard.routing.Mirror;
import dev.trafficwizard.routing.Retries;
import dev.trafficwizard.routing.Rule;
import dev.trafficwizard.routing.StringMatch;
import dev.trafficwizard.routing.WeightedDestination;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The rules editor's rules as plan rules: card {@code i} is rule {@code i}, match block {@code j}
 * is {@code match[j]}; a split leaves out versions at 0 % (unless all are, or the live route had
 * them) and writes a lone 100 % destination without a weight, as the quick starts do.
 */
final class EditorPlans {

    static final List<String> FIELDS = List.of("uri", "header", "withoutHeader", "query", "method", "authority",
            "port", "sourceLabel");
    static final List<String> OPS = List.of("exact", "prefix", "regex", "present");
    /** Envoy's common retry-on conditions, in the order the editor shows (and writes) them. */
    static final List<String> RETRY_ON = List.of("5xx", "gateway-error", "reset", "connect-failure",
            "retriable-4xx", "refused-stream", "retriable-status-codes");

    private EditorPlans() {
    }

    static List<Rule> rules(RoutingForm form, List<Diagnostic> problems) {
        List<EditorForm.RuleRow> rows = form.getEditor().stream().limit(FormPlans.MAX_ROWS).toList();
        List<Rule> rules = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            boolean last = i == rows.size() - 1;
            if (last && form.isCatchAllOff()) {
                break;
            }
            rules.add(rule(rows.get(i), "rules[" + i + "]", last, problems));
        }
        return rules;
    }

    private static Rule rule(EditorForm.RuleRow row, String at, boolean catchAll, List<Diagnostic> problems) {
        List<MatchCondition> match = new ArrayList<>();
        if (!catchAll) {
            for (int j = 0; j < Math.min(row.getMatch().size(), FormPlans.MAX_ROWS); j++) {
                match.add(block(row.getMatch().get(j), at + ".match[" + j + "]", problems));
            }
        }
        return new Rule(match, route(row, at, problems), mirror(row, at, problems), fault(row, at, problems),
                trim(row.getTimeout()), retries(row, at, problems), headers(row));
    }

    private static MatchCondition block(EditorForm.Block block, String at, List<Diagnostic> problems) {
        StringMatch uri = null;
        StringMatch authority = null;
        StringMatch method = null;
        Integer port = null;
        Map<String, StringMatch> headers = new LinkedHashMap<>();
        Map<String, StringMatch> without = new LinkedHashMap<>();
        Map<String, StringMatch> query = new LinkedHashMap<>();
        Map<String, String> labels = new LinkedHashMap<>();
        for (EditorForm.Condition c : block.getConds().stream().limit(FormPlans.MAX_ROWS).toList()) {
            String field = c.getField() == null ? "header" : c.getField();
            if (!FIELDS.contains(field)) {
                problems.add(Diagnostic.error(DiagnosticCode.UNKNOWN_CHOICE, at, shorten(field), String.join(", ", FIELDS)));
                continue;
            }
            if (c.getOp() != null && !OPS.contains(c.getOp())) {
                problems.add(Diagnostic.error(DiagnosticCode.UNKNOWN_CHOICE, at, shorten(c.getOp()), String.join(", ", OPS)));
                continue;
            }
            StringMatch m = FormPlans.stringMatch(c.getOp(), c.getValue());
            String name = blankToEmpty(c.getName()).trim();
            switch (field) {
                case "uri" -> uri = m;
                case "authority" -> authority = m;
                case "method" -> method = m;
                case "header" -> headers.put(HeaderNames.lower(name), m);
                case "withoutHeader" -> without.put(HeaderNames.lower(name), m);
                case "query" -> query.put(name, m);
                case "sourceLabel" -> labels.put(name, blankToEmpty(c.getValue()));
                default -> port = number(c.getValue(), at + ".port", problems);
            }
        }
        return new MatchCondition(uri, headers, authority, method, query, without, port, labels);
    }

    private static List<WeightedDestination> route(EditorForm.RuleRow row, String at, List<Diagnostic> problems) {
        List<String> versions = row.getVersion();
        int rows = Math.min(Math.min(versions.size(), row.getWeight().size()), FormPlans.MAX_ROWS);
        List<Integer> weights = new ArrayList<>();
        for (int k = 0; k < rows; k++) {
            weights.add(number(row.getWeight().get(k), at + ".route[" + k + "].weight", problems));
        }
        List<String> keep = Arrays.asList(blankToEmpty(row.getKeepZero()).split(","));
        boolean allZero = weights.stream().allMatch(w -> w == null || w == 0);
        List<WeightedDestination> route = new ArrayList<>();
        for (int k = 0; k < rows; k++) {
            Integer w = weights.get(k);
            if (allZero || w == null || w != 0 || keep.contains(versions.get(k))) {
                route.add(new WeightedDestination(versions.get(k), w));
            }
        }
        if (route.size() == 1 && Integer.valueOf(100).equals(route.get(0).weight()) && !row.isExplicitLone()) {
            return List.of(new WeightedDestination(route.get(0).version(), null));
        }
        return route;
    }

    /** For each version row of a card, the index of its destination in the plan's route (-1 when left out). */
    static List<Integer> routeIndexes(EditorForm.RuleRow row) {
        List<Integer> out = new ArrayList<>();
        List<Diagnostic> ignored = new ArrayList<>();
        List<String> keep = Arrays.asList(blankToEmpty(row.getKeepZero()).split(","));
        int rows = Math.min(row.getVersion().size(), row.getWeight().size());
        List<Integer> weights = new ArrayList<>();
        for (int k = 0; k < rows; k++) {
            weights.add(number(row.getWeight().get(k), "", ignored));
        }
        boolean allZero = weights.stream().allMatch(w -> w == null || w == 0);
        int next = 0;
        for (int k = 0; k < rows; k++) {
            Integer w = weights.get(k);
            boolean in = allZero || w == null || w != 0 || keep.contains(row.getVersion().get(k));
            out.add(in ? next++ : -1);
        }
        return out;
    }

    private static Mirror mirror(EditorForm.RuleRow row, String at, List<Diagnostic> problems) {
        String version = trim(row.getMirrorVersion());
        Double percent = percent(row.getMirrorPercent(), at + ".mirror.percent", problems);
        return version == null && percent == null ? null : new Mirror(version, percent);
    }

    private static Fault fault(EditorForm.RuleRow row, String at, List<Diagnostic> problems) {
        String fixed = trim(row.getDelayFixed());
        Double delayPercent = percent(row.getDelayPercent(), at + ".fault.delay.percent", problems);
        Integer status = number(row.getAbortStatus(), at + ".fault.abort.httpStatus", problems);
        Double abortPercent = percent(row.getAbortPercent(), at + ".fault.abort.percent", problems);
        Fault.Delay delay = fixed == null && delayPercent == null ? null : new Fault.Delay(fixed, delayPercent);
        Fault.Abort abort = status == null && abortPercent == null ? null : new Fault.Abort(status, abortPercent);
        return delay == null && abort == null ? null : new Fault(delay, abort);
    }

    private static Retries retries(EditorForm.RuleRow row, String at, List<Diagnostic> problems) {
        Integer attempts = number(row.getRetryAttempts(), at + ".retries.attempts", problems);
        List<String> on = new ArrayList<>(RETRY_ON.stream().filter(row.getRetryOn()::contains).toList());
        String other = trim(row.getRetryOnOther());
        if (other != null) {
            on.add(other);
        }
        String retryOn = on.isEmpty() ? null : String.join(",", on);
        String perTry = trim(row.getPerTryTimeout());
        return attempts == null && perTry == null && retryOn == null ? null : new Retries(attempts, perTry, retryOn);
    }

    private static HeaderChanges headers(EditorForm.RuleRow row) {
        Map<String, Map<String, String>> set = Map.of("request", new LinkedHashMap<>(), "response", new LinkedHashMap<>());
        Map<String, Map<String, String>> add = Map.of("request", new LinkedHashMap<>(), "response", new LinkedHashMap<>());
        Map<String, List<String>> remove = Map.of("request", new ArrayList<>(), "response", new ArrayList<>());
        boolean any = false;
        for (EditorForm.HeaderRow h : row.getHeaderChanges().stream().limit(FormPlans.MAX_ROWS).toList()) {
            String name = trim(h.getName());
            if (name == null) {
                continue;
            }
            String target = "response".equals(h.getTarget()) ? "response" : "request";
            switch (h.getOp() == null ? "set" : h.getOp()) {
                case "add" -> add.get(target).put(name, blankToEmpty(h.getValue()));
                case "remove" -> remove.get(target).add(name);
                default -> set.get(target).put(name, blankToEmpty(h.getValue()));
            }
            any = true;
        }
        if (!any) {
            return null;
        }
        return new HeaderChanges(operations(set, add, remove, "request"), operations(set, add, remove, "response"));
    }

    private static HeaderChanges.Operations operations(Map<String, Map<String, String>> set,
                                                       Map<String, Map<String, String>> add,
                                                       Map<String, List<String>> remove, String target) {
        HeaderChanges.Operations ops = new HeaderChanges.Operations(set.get(target), add.get(target), remove.get(target));
        return ops.setsNothing() ? null : ops;
    }


    /** A whole number typed in a field, null when blank; anything else is a diagnostic at {@code at}. */
    static Integer number(String typed, String at, List<Diagnostic> problems) {
        String text = blankToEmpty(typed).trim();
        if (text.isEmpty()) {
            return null;
        }
        try {
            return AsciiNumbers.parse(text);
        } catch (NumberFormatException e) {
            problems.add(AsciiNumbers.otherDigits(text) ? Diagnostic.error(DiagnosticCode.NOT_ASCII_NUMBER, at, shorten(text))
                    : Diagnostic.error(DiagnosticCode.NOT_A_NUMBER, at, shorten(text)));
            return null;
        }
    }

    /** A percentage (decimals allowed, such as 0.5), null when blank. */
    static Double percent(String typed, String at, List<Diagnostic> problems) {
        String text = blankToEmpty(typed).trim();
        if (text.isEmpty()) {
            return null;
        }
        if (!text.matches("[0-9]{1,3}(\\.[0-9]{1,12})?")) {
            problems.add(AsciiNumbers.otherDigits(text) ? Diagnostic.error(DiagnosticCode.NOT_ASCII_NUMBER, at, shorten(text))
                    : Diagnostic.error(DiagnosticCode.NOT_A_NUMBER, at, shorten(text)));
            return null;
        }
        return Double.valueOf(text);
    }

    static String shorten(String text) {
        return text.length() > 40 ? text.substring(0, 40) + "…" : text;
    }

    static String trim(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }

    static String blankToEmpty(String s) {
        return s == null ? "" : s;
    }
}
