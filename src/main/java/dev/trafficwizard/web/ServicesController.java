package dev.trafficwizard.web;

import dev.trafficwizard.catalog.Catalog;
import io.github.wimdeblauwe.htmx.spring.boot.mvc.HxRequest;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** The services page: namespace filter, name search, one row per service. */
@Controller
class ServicesController {

    static final String VIEW = "services";
    static final String TABLE = "services :: services-table";
    private static final int MAX_QUERY = 253;
    static final int PAGE_SIZE = 50;

    private final Catalog catalog;

    ServicesController(Catalog catalog) {
        this.catalog = catalog;
    }

    @GetMapping("/")
    String root() {
        return "redirect:/services";
    }

    @GetMapping("/services")
    String page(@RequestParam(defaultValue = "") String namespace, @RequestParam(defaultValue = "") String q,
                @RequestParam(defaultValue = "0") String page, Model model) {
        fill(namespace, q, page, model);
        model.addAttribute("namespaces", catalog.namespaces());
        return VIEW;
    }

    @HxRequest
    @GetMapping("/services")
    String table(@RequestParam(defaultValue = "") String namespace, @RequestParam(defaultValue = "") String q,
                 @RequestParam(defaultValue = "0") String page, Model model) {
        fill(namespace, q, page, model);
        return TABLE;
    }

    private void fill(String namespace, String q, String page, Model model) {
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
    }
}
