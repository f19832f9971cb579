package dev.trafficwizard.web;

import dev.trafficwizard.catalog.Catalog;
import io.github.wimdeblauwe.htmx.spring.boot.mvc.HxRequest;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

import java.util.Locale;

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

    ServicesController(Catalog catalog, RenderedRows rows, OptionsHtml options) {
        this.catalog = catalog;
        this.rows = rows;
        this.options = options;
    }

    @GetMapping("/")
    String root() {
        return "redirect:/services";
    }

    @GetMapping("/services")
    String page(@RequestParam(defaultValue = "") String namespace, @RequestParam(defaultValue = "") String q,
                @RequestParam(defaultValue = "0") String page, Model model, Locale locale,
                HttpServletRequest request, HttpServletResponse response) {
        fill(namespace, q, page, model, locale, request, response);
        // escaped option markup, not a template loop: see OptionsHtml
        model.addAttribute("namespaceOptions", options.of(catalog.namespaces(), namespace));
        return VIEW;
    }

    @HxRequest
    @GetMapping("/services")
    String table(@RequestParam(defaultValue = "") String namespace, @RequestParam(defaultValue = "") String q,
                 @RequestParam(defaultValue = "0") String page, Model model, Locale locale,
                 HttpServletRequest request, HttpServletResponse response) {
        fill(namespace, q, page, model, locale, request, response);
        return TABLE;
    }

    /** The filtered page of services; its rows' markup comes from {@link RenderedRows}. */
    private void fill(String namespace, String q, String page, Model model, Locale locale,
                      HttpServletRequest request, HttpServletResponse response) {
        String query = q.length() > MAX_QUERY ? q.substring(0, MAX_QUERY) : q;
        int number;
        try {
            number = Math.max(0, Integer.parseInt(page.trim()) - 1);
        } catch (NumberFormatException e) {
            number = 0;
        }
        Catalog.ServicePage result = catalog.page(namespace, query, number, PAGE_SIZE);
        model.addAttribute("namespace", namespace);
        model.addAttribute("q", query);
        model.addAttribute("page", result);
        model.addAttribute("services", result.rows());
        model.addAttribute("serviceRows", rows.html(VIEW, "service-row", "s", result.rows(), locale,
                request, response));
    }
}
