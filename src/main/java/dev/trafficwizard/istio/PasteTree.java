package dev.trafficwizard.istio;

import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One composed YAML document as plain maps, lists and scalars, the way {@code kubectl} reads it:
 * keys are text, each key once per mapping, numbers, booleans and nulls typed as YAML 1.1 tags
 * them. An anchor or alias ends the reading ({@link Refused}): expanding them is how a "billion
 * laughs" grows, and routing never needs them.
 */
final class PasteTree {

    /** An anchor or alias: the paste as a whole is refused. */
    static final class Refused extends RuntimeException {
        private final transient PasteReader.Problem problem;

        Refused(PasteReader.Problem problem) {
            super(problem.reason(), null, false, false);
            this.problem = problem;
        }

        PasteReader.Problem problem() {
            return problem;
        }
    }

    private final int document;
    private final List<PasteReader.Problem> problems = new ArrayList<>();

    PasteTree(int document) {
        this.document = document;
    }

    List<PasteReader.Problem> problems() {
        return problems;
    }

    static boolean isEmpty(Node node) {
        return node == null || node instanceof ScalarNode s && Tag.NULL.equals(s.getTag());
    }

    Object value(Node node) {
        if (node.getAnchor() != null) {
            throw new Refused(PasteReader.Problem.of(document, PasteReader.line(node.getStartMark()), "alias"));
        }
        if (node instanceof MappingNode map) {
            return mapping(map);
        }
        if (node instanceof SequenceNode seq) {
            List<Object> out = new ArrayList<>(seq.getValue().size());
            for (Node item : seq.getValue()) {
                out.add(value(item));
            }
            return out;
        }
        return scalar((ScalarNode) node);
    }

    private Map<String, Object> mapping(MappingNode map) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (NodeTuple tuple : map.getValue()) {
            Node keyNode = tuple.getKeyNode();
            int line = PasteReader.line(keyNode.getStartMark());
            if (keyNode.getAnchor() != null || tuple.getValueNode().getAnchor() != null) {
                throw new Refused(PasteReader.Problem.of(document, line, "alias"));
            }
            if (Tag.MERGE.equals(keyNode.getTag())) {
                throw new Refused(PasteReader.Problem.of(document, line, "alias"));
            }
            if (!(keyNode instanceof ScalarNode key)) {
                problems.add(PasteReader.Problem.of(document, line, "key"));
                continue;
            }
            if (out.containsKey(key.getValue())) {
                problems.add(PasteReader.Problem.of(document, line, "duplicateKey", key.getValue()));
                continue;
            }
            out.put(key.getValue(), value(tuple.getValueNode()));
        }
        return out;
    }

    private static Object scalar(ScalarNode node) {
        String text = node.getValue();
        Tag tag = node.getTag();
        if (Tag.NULL.equals(tag)) {
            return null;
        }
        if (Tag.BOOL.equals(tag)) {
            return switch (text.toLowerCase(java.util.Locale.ROOT)) {
                case "true", "yes", "on", "y" -> Boolean.TRUE;
                case "false", "no", "off", "n" -> Boolean.FALSE;
                default -> text;
            };
        }
        if (Tag.INT.equals(tag)) {
            try {
                BigInteger value = new BigInteger(text.replace("_", ""));
                return value.bitLength() < 63 ? (Object) value.longValue() : value;
            } catch (NumberFormatException e) {
                return text; // 0x1A, 0o17, 1:20 (sexagesimal): kept as written
            }
        }
        if (Tag.FLOAT.equals(tag)) {
            try {
                return Double.parseDouble(text.replace("_", ""));
            } catch (NumberFormatException e) {
                return text;
            }
        }
        return text;
    }
}
