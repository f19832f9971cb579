package dev.trafficwizard.istio;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

import java.io.StringReader;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where a finding's YAML path ({@code spec.http[1].match[0].uri}) lies in YAML text: the lines
 * (1-based, inclusive) of the node it names, in the document of the object named, so pages can
 * highlight the offending lines. A path that goes further than the YAML does (a field that is
 * missing) ends at the deepest node that exists.
 */
public final class YamlLines {

    private static final String GATEWAY_API_GROUP = "gateway.networking.k8s.io";
    private static final Pattern SEGMENT = Pattern.compile("([^.\\[\\]]+)|\\[(\\d+)]");

    /** Lines {@code first}..{@code last}, 1-based, inclusive. */
    public record Range(int first, int last) {
    }

    private YamlLines() {
    }

    /**
     * @param kind as {@code ObjectRef} holds it: {@code VirtualService}, or a group-qualified kind
     *             ({@code Gateway.gateway.networking.k8s.io}) that matches only a document of that API group
     * @param namespace null matches any document (documents without a namespace match any namespace)
     * @return empty when no document is that object or the text is not YAML
     */
    public static Optional<Range> locate(String yaml, String kind, String namespace, String name, String path) {
        if (yaml == null || yaml.isBlank()) {
            return Optional.empty();
        }
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(true);
        options.setMaxAliasesForCollections(0);
        options.setCodePointLimit(Math.max(yaml.length() + 16, 1024));
        try {
            for (Node document : new Yaml(options).composeAll(new StringReader(yaml))) {
                if (document instanceof MappingNode map && is(map, kind, namespace, name)) {
                    return Optional.of(range(walk(map, path), yaml.split("\n", -1)));
                }
            }
        } catch (RuntimeException e) {
            return Optional.empty(); // not YAML we can read: nothing to highlight
        }
        return Optional.empty();
    }

    private static boolean is(MappingNode doc, String kind, String namespace, String name) {
        int dot = kind == null ? -1 : kind.indexOf('.');
        String apiVersion = scalar(child(doc, "apiVersion"));
        if (dot > 0) { // a group-qualified kind (Gateway.gateway.networking.k8s.io): the kind, in that API group
            if (apiVersion == null || !apiVersion.startsWith(kind.substring(dot + 1) + "/")) {
                return false;
            }
            kind = kind.substring(0, dot);
        } else if (apiVersion != null && apiVersion.startsWith(GATEWAY_API_GROUP + "/")) {
            return false; // the Gateway API's kinds are always named qualified: a plain Gateway is Istio's
        }
        if (!Objects.equals(kind, scalar(child(doc, "kind")))) {
            return false;
        }
        Node metadata = child(doc, "metadata");
        String ns = scalar(child(metadata, "namespace"));
        return Objects.equals(name, scalar(child(metadata, "name")))
                && (namespace == null || ns == null || namespace.equals(ns));
    }

    private static Node walk(Node node, String path) {
        if (path == null || path.isBlank()) {
            return node;
        }
        Matcher m = SEGMENT.matcher(path);
        Node at = node;
        while (m.find()) {
            Node next = m.group(1) != null ? child(at, m.group(1)) : item(at, Integer.parseInt(m.group(2)));
            if (next == null) {
                return at;
            }
            at = next;
        }
        return at;
    }

    private static Node child(Node node, String key) {
        if (!(node instanceof MappingNode map)) {
            return null;
        }
        for (NodeTuple t : map.getValue()) {
            if (key.equals(scalar(t.getKeyNode()))) {
                Node value = t.getValueNode();
                // a scalar or an inline value: highlight its key line too
                return value instanceof ScalarNode ? new KeyedScalar(t) : value;
            }
        }
        return null;
    }

    private static Node item(Node node, int index) {
        return node instanceof SequenceNode seq && index < seq.getValue().size() ? seq.getValue().get(index) : null;
    }

    private static String scalar(Node node) {
        if (node instanceof KeyedScalar k) {
            return ((ScalarNode) k.tuple.getValueNode()).getValue();
        }
        return node instanceof ScalarNode s ? s.getValue() : null;
    }

    private static Range range(Node node, String[] lines) {
        if (node instanceof KeyedScalar k) {
            return new Range(k.tuple.getKeyNode().getStartMark().getLine() + 1,
                    k.tuple.getValueNode().getEndMark().getLine() + 1);
        }
        int first = node.getStartMark().getLine() + 1;
        int end = node.getEndMark().getLine() + 1;
        // a block node ends where the next one starts: when only indentation precedes that point, its line is not part of it
        int column = node.getEndMark().getColumn();
        boolean atLineStart = end - 1 < lines.length && lines[end - 1].substring(0, Math.min(column,
                lines[end - 1].length())).isBlank();
        int last = atLineStart && end > first ? end - 1 : end;
        return new Range(first, last);
    }

    /** A scalar value with its key, so its range starts at the key. */
    private static final class KeyedScalar extends ScalarNode {
        private final NodeTuple tuple;

        KeyedScalar(NodeTuple tuple) {
            super(tuple.getValueNode().getTag(), ((ScalarNode) tuple.getValueNode()).getValue(),
                    tuple.getKeyNode().getStartMark(), tuple.getValueNode().getEndMark(),
                    ((ScalarNode) tuple.getValueNode()).getScalarStyle());
            this.tuple = tuple;
        }
    }
}
