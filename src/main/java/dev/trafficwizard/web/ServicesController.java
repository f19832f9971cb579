package dev.trafficwizard.web;

import dev.trafficwizard.catalog.Catalog;
import dev.trafficwizard.catalog.ServiceSummary;
import dev.trafficwizard.ownership.Owner;
import dev.trafficwizard.workflow.Ownership;
import io.github.wimdeblauwe.htmx.spring.boot.mvc.HxRequest;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

import dev.trafficwizard.metrics.ServiceRef;
import dev.trafficwizard.routing.Hosts;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The services page: namespace filter, name search, one row per service. */
@Controller
class ServicesController {

    static final String VIEW = "services";
    static final String TABLE = "services :: services-table";
    private static final int MAX_QUERY = 253;
    static final int PAGE_SIZE = 50;

    private final Catalog catalog;
    private final RenderedRows rows;
    private final OptionsHtml options;
    private final LiveChecks checks;
    private final Ownership ownership;
    private final PageFigures figures;

    ServicesController(Catalog catalog, RenderedRows rows, OptionsHtml options, LiveChecks checks,
                       Ownership ownership, PageFigures figures) {
        this.catalog = catalog;
        this.ownership = ownership;
        this.figures = figures;
        this.checks = checks;
        this.rows = rows;
        this.options = options;
    }

    /** A row of the table: the service and its errors and warnings (a value, so rendered rows can be reused). */
    record ServiceRow(ServiceSummary s, long errors, long warnings, List<Owner> owners,
                      Map<String, FigureView> figures) {

        static ServiceRow of(ServiceSummary s, LiveChecks.Counts counts) {
            return of(s, counts, List.of(), Map.of());
        }

        /** #18 own: with the tools that own the service's routing (a badge each); #17: and its request figures. */
        static ServiceRow of(ServiceSummary s, LiveChecks.Counts counts, List<Owner> owners,
                             Map<String, FigureView> figures) {
            return new ServiceRow(s, counts.errors(), counts.warnings(), List.copyOf(owners), figures);
        }
    }

    @GetMapping("/")
    String root() {
        return "redirect:/services";
    }

    @GetMapping("/services")
    String page(@RequestParam(defaultValue = "") String namespace, @RequestParam(defaultValue = "") String q,
                @RequestParam(defaultValue = "0") String page,
                @RequestParam(defaultValue = "") String problems, Model model, Locale locale,
                HttpServletRequest request, HttpServletResponse response) {
        fill(namespace, q, page, !problems.isEmpty(), model, locale, request, response);
        // escaped option markup, not a template loop: see OptionsHtml
        model.addAttribute("namespaceOptions", options.of(catalog.namespaces(), namespace));
        return VIEW;
    }

    @HxRequest
    @GetMapping("/services")
    String table(@RequestParam(defaultValue = "") String namespace, @RequestParam(defaultValue = "") String q,
                 @RequestParam(defaultValue = "0") String page,
                @RequestParam(defaultValue = "") String problems, Model model, Locale locale,
                 HttpServletRequest request, HttpServletResponse response) {
        fill(namespace, q, page, !problems.isEmpty(), model, locale, request, response);
        return TABLE;
    }

    /** The filtered page of services; its rows' markup comes from {@link RenderedRows}. */
    private void fill(String namespace, String q, String page, boolean withProblems, Model model, Locale locale,
                      HttpServletRequest request, HttpServletResponse response) {
        String query = q.length() > MAX_QUERY ? q.substring(0, MAX_QUERY) : q;
        int number;
        try {
            number = Math.max(0, Integer.parseInt(page.trim()) - 1);
        } catch (NumberFormatException e) {
            number = 0;
        }
        // errors and warnings of the live checks per service FQDN, as they stand (never waited for)
        Map<String, LiveChecks.Counts> counts = checks.countsByService();
        Catalog.ServicePage result = withProblems ? catalog.page(namespace, query, counts.keySet(), number, PAGE_SIZE)
                : catalog.page(namespace, query, number, PAGE_SIZE);
        model.addAttribute("namespace", namespace);
        model.addAttribute("problems", withProblems ? "1" : "");
        model.addAttribute("q", query);
        model.addAttribute("page", result);
        model.addAttribute("services", result.rows());
        // #17: the request figures of the page's services, in one call
        PageFigures.Figures shown = figures.of(result.rows().stream()
                .map(s -> new ServiceRef(s.namespace(), s.name())).toList());
        model.addAttribute("figures", shown);
        List<ServiceRow> marked = result.rows().stream().map(s -> ServiceRow.of(s,
                counts.getOrDefault(Hosts.serviceFqdn(s.name(), s.namespace()), LiveChecks.Counts.NONE),
                ownership.listed(s.namespace(), s.name()), shown.of(s.namespace(), s.name()))).toList();
        model.addAttribute("serviceRows", rows.html(VIEW, "service-row", "r", marked, locale, request, response));
    }
}
