package dev.trafficwizard.web;

import dev.trafficwizard.analysis.Finding;
import dev.trafficwizard.analysis.ObjectRef;
import dev.trafficwizard.catalog.Catalog;
import dev.trafficwizard.routing.Severity;
import dev.trafficwizard.workflow.LiveObjects;
import dev.trafficwizard.workflow.MeshChecks;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The Checks page: every diagnostic of the live mesh, filtered by namespace, severity and code (a
 * GET form, so a filtered list is a bookmark), a page at a time; and the view of one object's YAML
 * with a finding's lines highlighted, for objects no service page shows.
 */
@Controller
class ChecksController {

    static final int PAGE_SIZE = 50;

    private final MeshChecks checks;
    private final LiveChecks live;
    private final LiveObjects objects;
    private final Catalog catalog;
    private final DiagnosticMessages messages;

    ChecksController(MeshChecks checks, LiveChecks live, LiveObjects objects, Catalog catalog,
                     DiagnosticMessages messages) {
        this.checks = checks;
        this.live = live;
        this.objects = objects;
        this.catalog = catalog;
        this.messages = messages;
    }

    @GetMapping("/checks")
    String page(@RequestParam(defaultValue = "") String namespace, @RequestParam(defaultValue = "") String severity,
                @RequestParam(defaultValue = "") String code, @RequestParam(defaultValue = "") String page,
                Model model, HttpServletResponse response) {
        ChecksQuery.Parsed parsed = ChecksQuery.parse(namespace, severity, code, page, "", PAGE_SIZE, PAGE_SIZE);
        List<Finding> all = checks.findings();
        model.addAttribute("ready", checks.ready());
        model.addAttribute("namespaces", catalog.namespaces());
        model.addAttribute("severities", List.of(Severity.values()));
        model.addAttribute("codes", codes(all));
        model.addAttribute("problems", messages.resolve(parsed.problems()));
        ChecksQuery query = parsed.query();
        if (query == null) {
            response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
            query = new ChecksQuery("", null, "", 1, PAGE_SIZE);
            all = List.of();
        }
        model.addAttribute("namespace", query.namespace());
        model.addAttribute("severity", query.severity() == null ? "" : query.severity().name());
        model.addAttribute("code", query.code());
        ChecksQuery q = query;
        List<Finding> filtered = query.filter(all);
        model.addAttribute("counts", LiveChecks.bySeverity(all.stream().filter(q::matchesExceptSeverity).toList()));
        int pages = query.pages(filtered.size());
        int number = Math.min(query.page(), pages);
        List<Finding> rows = new ChecksQuery(q.namespace(), q.severity(), q.code(), number, q.size()).pageOf(filtered);
        model.addAttribute("rows", live.rows(rows));
        model.addAttribute("total", filtered.size());
        model.addAttribute("pageNumber", number);
        model.addAttribute("pages", pages);
        model.addAttribute("size", query.size());
        return "checks";
    }

    /** The codes found (ours, with Istio's in brackets) for the filter, sorted. */
    private static Map<String, String> codes(List<Finding> findings) {
        Map<String, String> out = new TreeMap<>();
        findings.forEach(f -> out.put(f.code(), f.istioCode() == null ? f.code() : f.code() + " (" + f.istioCode() + ")"));
        return out;
    }

    @GetMapping("/checks/object/{kind}/{namespace}/{name}")
    String object(@PathVariable String kind, @PathVariable String namespace, @PathVariable String name,
                  @RequestParam(required = false) String path, Model model) {
        ObjectRef ref = new ObjectRef(kind, namespace, name);
        String yaml = objects.yaml(ref).orElseThrow(NotFoundException::new);
        model.addAttribute("ref", ref);
        model.addAttribute("checks", live.forObject(ref, yaml, path));
        return "checks-object";
    }
}
