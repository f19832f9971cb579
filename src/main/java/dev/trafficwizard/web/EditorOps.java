package dev.trafficwizard.web;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The rules editor's buttons, applied to the posted form on the server: {@code add-rule},
 * {@code remove-rule:i}, {@code move-up:i}, {@code move-down:i}, {@code add-match:i},
 * {@code remove-match:i:j}, {@code add-condition:i:j}, {@code remove-condition:i:j:k},
 * {@code add-header:i}, {@code remove-header:i:h}. Each answers the id of the element to focus
 * once the editor is shown again. The catch-all (the last rule) is neither moved nor removed.
 */
final class EditorOps {

    private static final EditorPaths PATHS = new EditorPaths();

    private EditorOps() {
    }

    /** Every rule has a row per version of the service, there is a catch-all, and a policy per version. */
    static void complete(RoutingForm form, List<String> versions) {
        if (form.getEditor().isEmpty()) {
            form.getEditor().add(EditorReader.newRule(versions, null));
        }
        for (EditorForm.RuleRow row : form.getEditor()) {
            while (row.getWeight().size() < row.getVersion().size()) {
                row.getWeight().add("0");
            }
            for (String v : versions) {
                if (!row.getVersion().contains(v)) {
                    row.getVersion().add(v);
                    row.getWeight().add("0");
                }
            }
        }
        if (form.getPolicies().isEmpty() || !form.getPolicies().get(0).getScope().isEmpty()) {
            form.getPolicies().add(0, new PolicyForm(""));
        }
        for (String v : versions) {
            if (form.getPolicies().stream().noneMatch(p -> v.equals(p.getScope()))) {
                form.getPolicies().add(new PolicyForm(v));
            }
        }
    }

    /** Applies {@code op}; answers the id to focus afterwards (null when the op is unknown or out of range). */
    static String apply(RoutingForm form, String op, List<String> versions) {
        String[] parts = op == null ? new String[0] : op.split(":");
        List<EditorForm.RuleRow> rules = form.getEditor();
        int last = rules.size() - 1;
        try {
            boolean numbered = parts.length > 0 && !parts[0].equals("focus");
            int i = numbered && parts.length > 1 ? Integer.parseInt(parts[1]) : -1;
            int j = numbered && parts.length > 2 ? Integer.parseInt(parts[2]) : -1;
            int k = numbered && parts.length > 3 ? Integer.parseInt(parts[3]) : -1;
            switch (parts.length == 0 ? "" : parts[0]) {
                case "add-rule" -> {
                    if (rules.size() >= FormPlans.MAX_ROWS) {
                        return "add-rule";
                    }
                    EditorForm.RuleRow row = EditorReader.newRule(versions, null);
                    EditorForm.Block block = new EditorForm.Block();
                    block.getConds().add(new EditorForm.Condition());
                    row.getMatch().add(block);
                    rules.add(Math.max(0, last), row);
                    return "c-" + Math.max(0, last) + "-0-0-field";
                }
                case "remove-rule" -> {
                    check(i < last);
                    rules.remove(i);
                    return i < rules.size() - 1 ? "rule-" + i + "-remove" : "add-rule";
                }
                case "move-up" -> {
                    check(i > 0 && i < last);
                    Collections.swap(rules, i, i - 1);
                    return i - 1 == 0 ? "rule-0-down" : "rule-" + (i - 1) + "-up";
                }
                case "move-down" -> {
                    check(i < last - 1);
                    Collections.swap(rules, i, i + 1);
                    return i + 1 == last - 1 ? "rule-" + (i + 1) + "-up" : "rule-" + (i + 1) + "-down";
                }
                case "add-match" -> {
                    check(i < last && rules.get(i).getMatch().size() < FormPlans.MAX_ROWS);
                    EditorForm.Block block = new EditorForm.Block();
                    block.getConds().add(new EditorForm.Condition());
                    rules.get(i).getMatch().add(block);
                    return "c-" + i + "-" + (rules.get(i).getMatch().size() - 1) + "-0-field";
                }
                case "remove-match" -> {
                    rules.get(i).getMatch().remove(j);
                    return "rule-" + i + "-add-match";
                }
                case "add-condition" -> {
                    List<EditorForm.Condition> conds = rules.get(i).getMatch().get(j).getConds();
                    check(conds.size() < FormPlans.MAX_ROWS);
                    conds.add(new EditorForm.Condition());
                    return "c-" + i + "-" + j + "-" + (conds.size() - 1) + "-field";
                }
                case "remove-condition" -> {
                    List<EditorForm.Condition> conds = rules.get(i).getMatch().get(j).getConds();
                    conds.remove(k);
                    return conds.isEmpty() ? "b-" + i + "-" + j + "-add" : "c-" + i + "-" + j + "-" + Math.min(k, conds.size() - 1) + "-field";
                }
                case "add-header" -> {
                    List<EditorForm.HeaderRow> rows = rules.get(i).getHeaderChanges();
                    check(rows.size() < FormPlans.MAX_ROWS);
                    rows.add(new EditorForm.HeaderRow());
                    rules.get(i).setOpen(true);
                    return "h-" + i + "-" + (rows.size() - 1) + "-target";
                }
                case "remove-header" -> {
                    rules.get(i).getHeaderChanges().remove(j);
                    return "rule-" + i + "-add-header";
                }
                case "focus" -> {
                    // drawn again as it is (a condition's field changed which inputs it has)
                    return op.substring("focus:".length()).replaceAll("[^A-Za-z0-9-]", "");
                }
                default -> {
                    return null;
                }
            }
        } catch (IndexOutOfBoundsException | IllegalArgumentException e) {
            return null;
        }
    }

    private static void check(boolean ok) {
        if (!ok) {
            throw new IllegalArgumentException();
        }
    }

    /** What the editor's templates need besides the form: the choices of its selects, the plan paths of its inputs. */
    static void model(org.springframework.ui.Model model, RoutingForm form, List<String> versions) {
        model.addAttribute("paths", PATHS);
        model.addAttribute("editorFields", EditorPlans.FIELDS);
        model.addAttribute("editorOps", EditorPlans.OPS);
        model.addAttribute("retryOnNames", EditorPlans.RETRY_ON);
        model.addAttribute("tlsModes", PolicyPlans.TLS_MODES);
        model.addAttribute("balancers", PolicyPlans.BALANCERS);
        model.addAttribute("hashKeys", PolicyPlans.HASH_KEYS);
        model.addAttribute("mirrorVersions", mirrorChoices(versions, form));
    }

    /** The versions of a list, for the templates' selects: the service's, then any others a rule names. */
    static List<String> mirrorChoices(List<String> versions, RoutingForm form) {
        List<String> out = new ArrayList<>(versions);
        form.getEditor().stream().map(EditorForm.RuleRow::getMirrorVersion)
                .filter(v -> v != null && !v.isBlank() && !out.contains(v)).forEach(out::add);
        return out;
    }
}
