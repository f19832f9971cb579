package dev.trafficwizard.web;

import dev.trafficwizard.istio.PasteReader;
import dev.trafficwizard.workflow.PasteAnalysis;
import io.github.wimdeblauwe.htmx.spring.boot.mvc.HxRequest;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

import java.util.List;

/**
 * The analyze page: paste routing, see the diagnostics with the pasted lines they concern, the
 * ignored objects, and for each service the paste touches its diagram and a simulator with the
 * paste applied. Every logged-in role may use it; nothing is written.
 */
@Controller
class AnalyzeController {

    static final String VIEW = "analyze";
    static final String RESULT = "analyze :: result";

    private final PasteAnalysis analysis;
    private final PasteViews views;
    private final Diagrams diagrams;

    AnalyzeController(PasteAnalysis analysis, PasteViews views, Diagrams diagrams) {
        this.analysis = analysis;
        this.views = views;
        this.diagrams = diagrams;
    }

    @GetMapping("/analyze")
    String page() {
        return VIEW;
    }

    /** Without JavaScript (or before htmx is ready): the whole page with the result. */
    @PostMapping("/analyze")
    String analyzePage(@RequestParam(name = "yaml", defaultValue = "") String yaml, Model model) {
        analyze(yaml, model);
        return VIEW;
    }

    @HxRequest
    @PostMapping("/analyze")
    String analyze(@RequestParam(name = "yaml", defaultValue = "") String pasted, Model model) {
        String yaml = PasteReader.normalize(pasted);
        model.addAttribute("analyzed", true);
        model.addAttribute("yaml", yaml);
        if (yaml.isBlank()) {
            model.addAttribute("emptyPaste", true);
            return RESULT;
        }
        PasteAnalysis.Result result = analysis.analyze(yaml, true);
        model.addAttribute("problems", views.problemTexts(result.paste()));
        List<FindingView> findings = views.findings(result.findings(), yaml, result.paste());
        model.addAttribute("findings", findings);
        model.addAttribute("errors", count(findings, "ERROR"));
        model.addAttribute("warnings", count(findings, "WARNING"));
        model.addAttribute("infos", count(findings, "INFO"));
        model.addAttribute("lines", PasteViews.lines(yaml, findings, result.paste()));
        model.addAttribute("hiddenLines", PasteViews.hiddenLines(yaml));
        model.addAttribute("maxLines", PasteViews.MAX_LINES);
        model.addAttribute("ignored", views.ignoredTexts(result.paste()));
        model.addAttribute("readable", result.paste().ok());
        List<ServiceDiagram> services = new java.util.ArrayList<>();
        for (int i = 0; i < result.services().size(); i++) {
            PasteAnalysis.Touched t = result.services().get(i);
            services.add(new ServiceDiagram(t.service().summary().namespace(), t.service().summary().name(),
                    diagrams.svg(t.routes(), "analyze-diagram-" + i)));
        }
        model.addAttribute("services", services);
        model.addAttribute("moreServices", result.moreServices());
        model.addAttribute("maxServices", PasteAnalysis.MAX_SERVICES);
        return RESULT;
    }

    /** A touched service and its diagram with the paste applied. */
    record ServiceDiagram(String namespace, String name, String svg) {

        public String key() {
            return namespace + "/" + name;
        }
    }

    /** The simulator on the live mesh with the paste applied, for one of the touched services. */
    @HxRequest
    @PostMapping("/analyze/simulate")
    String simulate(@RequestParam(name = "yaml", defaultValue = "") String pasted, @RequestParam(defaultValue = "") String simService,
                    @ModelAttribute SimulationForm request, Model model) {
        String yaml = PasteReader.normalize(pasted);
        int slash = simService.indexOf('/');
        if (slash <= 0) {
            throw new NotFoundException();
        }
        String namespace = simService.substring(0, slash);
        String name = simService.substring(slash + 1);
        if (RoutingFormController.unreadable(request, model)) {
            return RoutingFormController.SIMULATION_ERROR;
        }
        String fqdn = dev.trafficwizard.routing.Hosts.serviceFqdn(name, namespace);
        model.addAttribute("resolution", analysis.simulate(yaml, namespace, name, request.toRequest(fqdn))
                .orElseThrow(NotFoundException::new));
        return RoutingFormController.SIMULATION;
    }

    private static long count(List<FindingView> findings, String severity) {
        return findings.stream().filter(f -> f.severity().equals(severity)).count();
    }
}
