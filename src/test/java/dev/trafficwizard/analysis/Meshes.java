package dev.trafficwizard.analysis;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.utils.Serialization;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/** Small meshes written as YAML for the analyzer tests, and their findings as short lines. */
final class Meshes {

    private Meshes() {
    }

    /** The objects of a multi-document YAML text; a document without a namespace is in {@code default}. */
    static List<HasMetadata> parse(String yaml) {
        List<HasMetadata> out = new ArrayList<>();
        for (String doc : yaml.split("(?m)^---\\s*$")) {
            if (doc.isBlank()) {
                continue;
            }
            HasMetadata object = Serialization.unmarshal(doc);
            if (object.getMetadata().getNamespace() == null) {
                object.getMetadata().setNamespace("default");
            }
            out.add(object);
        }
        return out;
    }

    /** What the analyzer finds about every routing object of the mesh, as {@link #line} lines. */
    static List<String> run(Analyzer analyzer, String yaml) {
        return run(analyzer, yaml, ns -> true);
    }

    static List<String> run(Analyzer analyzer, String yaml, Predicate<String> sees) {
        MeshSnapshot mesh = ListedSnapshot.of(parse(yaml), sees);
        List<Finding> out = new ArrayList<>();
        mesh.routingObjects().filter(analyzer::appliesTo).forEach(o -> analyzer.analyze(o, mesh, out));
        return out.stream().map(Meshes::line).toList();
    }

    /** {@code VirtualService default/x spec.http[0] CODE IST0101 [args]}. */
    static String line(Finding f) {
        return f.object().kind() + " " + f.object().namespace() + "/" + f.object().name() + " " + f.path() + " "
                + f.code() + " " + f.istioCode() + " " + f.severity() + " " + f.args();
    }
}
