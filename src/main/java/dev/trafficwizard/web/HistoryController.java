package dev.trafficwizard.web;

import dev.trafficwizard.catalog.Catalog;
import dev.trafficwizard.catalog.ServiceDetail;
import dev.trafficwizard.istio.YamlDiff;
import dev.trafficwizard.workflow.History;
import dev.trafficwizard.workflow.Revision;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

import java.util.ArrayList;
import java.util.List;

/** A service's routing history: every recorded apply, delete, rollback and take over, with diffs. */
@Controller
class HistoryController {

    static final String VIEW = "history";

    private final Catalog catalog;
    private final History history;

    HistoryController(Catalog catalog, History history) {
        this.catalog = catalog;
        this.history = history;
    }

    /** A revision with the diff of its YAML against the previous successful one. */
    record Entry(Revision revision, String diff, boolean current) {
    }

    @GetMapping("/services/{namespace}/{name}/history")
    String page(@PathVariable String namespace, @PathVariable String name, Model model) {
        ServiceDetail service = catalog.service(namespace, name).orElseThrow(NotFoundException::new);
        List<Revision> revisions = history.revisions(namespace, name);
        List<Entry> entries = new ArrayList<>();
        boolean currentSeen = false;
        for (int i = 0; i < revisions.size(); i++) {
            Revision r = revisions.get(i);
            Revision previous = previousSuccessful(revisions, i);
            String before = previous == null ? "" : previous.yaml();
            String diff = r.succeeded() ? YamlDiff.unified(previous == null ? "/dev/null" : "#" + previous.number(),
                    "#" + r.number(), before, r.yaml()) : "";
            boolean current = r.succeeded() && !currentSeen;
            currentSeen |= r.succeeded();
            entries.add(new Entry(r, diff, current));
        }
        model.addAttribute("service", service.summary());
        model.addAttribute("entries", entries);
        return VIEW;
    }

    private static Revision previousSuccessful(List<Revision> newestFirst, int index) {
        for (int j = index + 1; j < newestFirst.size(); j++) {
            if (newestFirst.get(j).succeeded()) {
                return newestFirst.get(j);
            }
        }
        return null;
    }
}
