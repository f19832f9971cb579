package dev.trafficwizard.web;

import dev.trafficwizard.catalog.Catalog;
import dev.trafficwizard.catalog.VersionSummary;
import dev.trafficwizard.security.AccessPolicy;
import io.github.wimdeblauwe.htmx.spring.boot.mvc.HxRequest;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * #17 The demo's "Simulate failures for a version" control on the service page: switches the
 * simulated traffic's failures of one version (operators of the namespace; only on the demo's
 * simulated traffic), then draws the page again with the figures it now gives.
 */
@Controller
class DemoTrafficController {

    private final Catalog catalog;
    private final PageFigures figures;
    private final AccessPolicy access;

    DemoTrafficController(Catalog catalog, PageFigures figures, AccessPolicy access) {
        this.catalog = catalog;
        this.figures = figures;
        this.access = access;
    }

    @HxRequest
    @PostMapping("/services/{namespace}/{name}/demo-traffic")
    String fail(@PathVariable String namespace, @PathVariable String name, @RequestParam(defaultValue = "") String version,
                @RequestParam(defaultValue = "false") boolean fail, Model model,
                HttpServletRequest request, HttpServletResponse response) {
        if (!access.canWriteHere(namespace)) {
            throw new AccessDeniedException("not an operator of namespace " + namespace);
        }
        boolean known = catalog.service(namespace, name).orElseThrow(NotFoundException::new).summary().versions()
                .stream().map(VersionSummary::version).anyMatch(version::equals);
        if (!known || !figures.demoFail(namespace, name, version, fail)) {
            throw new NotFoundException();
        }
        model.addAttribute("demoOutcome", fail ? "on" : "off");
        model.addAttribute("demoVersion", version);
        new PageReload(request, response, namespace, name).with(model, "demoOutcome", "demoVersion");
        return "metrics :: demo-result";
    }
}
