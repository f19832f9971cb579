package dev.trafficwizard.web;

import dev.trafficwizard.analysis.Finding;
import dev.trafficwizard.analysis.ObjectRef;
import dev.trafficwizard.catalog.Catalog;
import dev.trafficwizard.istio.YamlLines;
import dev.trafficwizard.routing.Severity;
import dev.trafficwizard.workflow.MeshChecks;
import org.springframework.stereotype.Component;
import org.springframework.web.util.UriComponentsBuilder;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What pages show of the live checks ({@link MeshChecks}), read as they stand (pages never wait):
 * a service's findings beside its live YAML with a finding's lines highlighted, the links of the
 * Checks page (to the service page that shows the object, else to the object's own view), and the
 * counts per service of the services list.
 */
@Component
class LiveChecks {

    /** The anchor of the first highlighted YAML line. */
    static final String ANCHOR = "yaml-hl";

    private final MeshChecks checks;
    private final DiagnosticMessages messages;
    private final Catalog catalog;

    LiveChecks(MeshChecks checks, DiagnosticMessages messages, Catalog catalog) {
        this.checks = checks;
        this.messages = messages;
        this.catalog = catalog;
    }

    /** A finding with the page link that shows it, its YAML lines there (0 when not found) and whether it is the one shown. */
    record Item(FindingView finding, String href, int first, int last, boolean selected) {
    }

    /** One line of YAML, numbered from 1, and whether it is highlighted (the first highlighted one carries the anchor). */
    record YamlLine(int number, String text, boolean hit, boolean anchor) {
    }

    /** A panel of findings beside the YAML they concern. */
    record Panel(boolean ready, List<Item> items, List<YamlLine> lines) {

        long errors() {
            return items.stream().filter(i -> i.finding().isError()).count();
        }
    }

    boolean ready() {
        return checks.ready();
    }

    /** A service page's Checks panel; {@code object} ({@code Kind/namespace/name}) and {@code path} pick the lines to highlight. */
    Panel forService(String namespace, String name, String yaml, String object, String path) {
        String base = "/services/" + namespace + "/" + name;
        return panel(checks.findingsForService(namespace, name), yaml, base, object, path);
    }

    /** The findings of one object beside its YAML. */
    Panel forObject(ObjectRef ref, String yaml, String path) {
        return panel(checks.findingsOf(ref), yaml, objectPath(ref), ref.key(), path);
    }

    private Panel panel(List<Finding> findings, String yaml, String base, String object, String path) {
        Optional<ObjectRef> selected = ObjectRef.parse(object);
        List<Item> items = new ArrayList<>();
        for (Finding f : findings) {
            Optional<YamlLines.Range> range = YamlLines.locate(yaml, f.object().kind(), f.object().namespace(),
                    f.object().name(), f.path());
            boolean isSelected = selected.filter(f.object()::equals).isPresent()
                    && java.util.Objects.equals(path == null ? "" : path, f.path() == null ? "" : f.path());
            items.add(new Item(messages.resolve(f), link(base, f.object(), f.path()),
                    range.map(YamlLines.Range::first).orElse(0), range.map(YamlLines.Range::last).orElse(0), isSelected));
        }
        Optional<YamlLines.Range> hit = selected.flatMap(ref -> YamlLines.locate(yaml, ref.kind(), ref.namespace(),
                ref.name(), path));
        return new Panel(checks.ready(), items, lines(yaml, hit.orElse(null)));
    }

    static List<YamlLine> lines(String yaml, YamlLines.Range hit) {
        if (yaml == null || yaml.isEmpty()) {
            return List.of();
        }
        String[] text = yaml.split("\n", -1);
        int count = text.length > 0 && text[text.length - 1].isEmpty() ? text.length - 1 : text.length;
        List<YamlLine> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            int n = i + 1;
            boolean in = hit != null && n >= hit.first() && n <= hit.last();
            out.add(new YamlLine(n, text[i], in, in && n == hit.first()));
        }
        return out;
    }

    /** The Checks page's rows: each finding with the link to where its object is shown, lines highlighted. */
    List<Item> rows(List<Finding> findings) {
        Map<String, String> services = serviceOfObjects(findings);
        List<Item> out = new ArrayList<>(findings.size());
        for (Finding f : findings) {
            String fqdn = services.get(f.object().key());
            String base = fqdn == null ? objectPath(f.object()) : "/services/" + servicePath(fqdn);
            out.add(new Item(messages.resolve(f), link(base, f.object(), f.path()), 0, 0, false));
        }
        return out;
    }

    /** For the objects of these findings, the service page that shows each (by FQDN): same name first, then the first by name. */
    private Map<String, String> serviceOfObjects(List<Finding> findings) {
        Map<String, String> out = new HashMap<>();
        for (Finding f : findings) {
            ObjectRef ref = f.object();
            if (out.containsKey(ref.key())) {
                continue;
            }
            TreeSet<String> fqdns = new TreeSet<>(checks.servicesOf(ref));
            String own = dev.trafficwizard.routing.Hosts.serviceFqdn(ref.name(), ref.namespace());
            List<String> order = new ArrayList<>();
            if (fqdns.contains(own)) {
                order.add(own);
            }
            order.addAll(fqdns);
            order.stream().filter(catalog::exists).findFirst().ifPresent(fqdn -> out.put(ref.key(), fqdn));
        }
        return out;
    }

    /** The last counts per service and the checks' version they were computed at. */
    private record CountsAt(long version, Map<String, Counts> counts) {
    }

    private volatile CountsAt counts = new CountsAt(-1, Map.of());

    /**
     * Per service FQDN, its count of errors and warnings (services with neither absent): computed
     * once per version of the checks, so a services page only looks its rows up.
     */
    Map<String, Counts> countsByService() {
        long version = checks.version();
        CountsAt last = counts;
        if (last.version() == version && version >= 0) {
            return last.counts();
        }
        Map<String, Counts> computed = computeCounts();
        counts = new CountsAt(version, computed);
        return computed;
    }

    private Map<String, Counts> computeCounts() {
        Map<String, Counts> out = new HashMap<>();
        checks.findingsByService().forEach((fqdn, list) -> {
            Counts c = Counts.of(list);
            if (c.errors() + c.warnings() > 0) {
                out.put(fqdn, c);
            }
        });
        return Map.copyOf(out);
    }

    /** How many errors, warnings and infos. */
    record Counts(long errors, long warnings, long infos) {

        static final Counts NONE = new Counts(0, 0, 0);

        static Counts of(List<Finding> findings) {
            long e = findings.stream().filter(f -> f.severity() == Severity.ERROR).count();
            long w = findings.stream().filter(f -> f.severity() == Severity.WARNING).count();
            return new Counts(e, w, findings.size() - e - w);
        }
    }

    /** Counts per severity, in the order ERROR, WARNING, INFO. */
    static Map<Severity, Long> bySeverity(List<Finding> findings) {
        Map<Severity, Long> out = new TreeMap<>();
        for (Severity s : Severity.values()) {
            out.put(s, findings.stream().filter(f -> f.severity() == s).count());
        }
        return out;
    }

    static String objectPath(ObjectRef ref) {
        return "/checks/object/" + ref.kind() + "/" + ref.namespace() + "/" + ref.name();
    }

    private static String servicePath(String fqdn) {
        String[] parts = fqdn.split("\\.");
        return parts[1] + "/" + parts[0];
    }

    /** {@code base?object=Kind/ns/name&path=...#yaml-hl}, encoded; relative to the context path. */
    static String link(String base, ObjectRef ref, String path) {
        UriComponentsBuilder b = UriComponentsBuilder.fromPath(base).queryParam("object", ref.key());
        if (path != null && !path.isEmpty()) {
            b.queryParam("path", path);
        }
        return b.fragment(ANCHOR).encode().build().toUriString();
    }
}
