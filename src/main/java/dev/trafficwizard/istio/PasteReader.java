package dev.trafficwizard.istio;

import io.fabric8.istio.api.networking.v1.DestinationRule;
import io.fabric8.istio.api.networking.v1.Gateway;
import io.fabric8.istio.api.networking.v1.VirtualService;
import io.fabric8.kubernetes.api.model.HasMetadata;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.Node;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads pasted routing (YAML or JSON, one or many documents, or a {@code kind: List}) into fabric8
 * objects, defensively: a paste is hostile input. VirtualServices, DestinationRules and Gateways of
 * {@code networking.istio.io} are read in {@code v1}, {@code v1beta1} or {@code v1alpha3} (Istio
 * serves the three with one schema; each becomes the v1 object); HTTPRoutes, Gateways and
 * ReferenceGrants of the Gateway API ({@code gateway.networking.k8s.io}) in {@code v1} or
 * {@code v1beta1} (served with one schema; HTTPRoutes and Gateways become the v1 object,
 * ReferenceGrants the v1beta1 one, the version the Gateway API still stores). Every other kind is
 * listed as ignored, so a whole manifest can be pasted. A document without a namespace is in
 * {@code default}. Refused, each as a {@link Problem} naming the document and line: YAML that does
 * not parse, anchors and aliases (YAML bombs), more than {@link #MAX_DOCUMENTS} documents, nesting
 * deeper than {@link #MAX_DEPTH}, duplicate keys, a missing apiVersion, kind or name, another API
 * version of a routing kind, values of the wrong type, and the same object twice. Pure: no Spring.
 */
public final class PasteReader {

    public static final int MAX_DOCUMENTS = 100;
    public static final int MAX_DEPTH = 40;
    public static final String GROUP = "networking.istio.io";
    /**
     * The text with every line break YAML knows ({@code \r\n}, a lone {@code \r}, U+0085, U+2028,
     * U+2029) made {@code \n}, so the line numbers the parser gives are the lines the pages split
     * the text into. Callers read and show the normalised text.
     */
    public static String normalize(String text) {
        return text == null ? "" : text.replaceAll("\r\n|[\r\u0085\u2028\u2029]", "\n");
    }

    public static final List<String> VERSIONS = List.of("v1", "v1beta1", "v1alpha3");
    private static final Map<String, Class<? extends HasMetadata>> KINDS = Map.of("VirtualService",
            VirtualService.class, "DestinationRule", DestinationRule.class, "Gateway", Gateway.class);
    /** The Gateway API's group, and the versions of it read. */
    public static final String GATEWAY_API_GROUP = "gateway.networking.k8s.io";
    public static final List<String> GATEWAY_API_VERSIONS = List.of("v1", "v1beta1");
    private static final Map<String, Class<? extends HasMetadata>> GATEWAY_API_KINDS = Map.of(
            "HTTPRoute", io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRoute.class,
            "Gateway", io.fabric8.kubernetes.api.model.gatewayapi.v1.Gateway.class,
            "ReferenceGrant", io.fabric8.kubernetes.api.model.gatewayapi.v1beta1.ReferenceGrant.class);

    /**
     * What is wrong, where: {@code document} counts from 1 (0: the paste as a whole), {@code line}
     * from 1 (0: unknown); {@code reason} names a message ({@code analyze.input.<reason>}) whose
     * arguments are {@code args}.
     */
    public record Problem(int document, int line, String reason, List<Object> args) {

        public Problem {
            args = List.copyOf(args);
        }

        static Problem of(int document, int line, String reason, Object... args) {
            return new Problem(document, line, reason, List.of(args));
        }
    }

    /**
     * A routing object read from document {@code document}, starting at {@code line}, with the
     * fields in it that Istio's schema does not have.
     */
    public record Pasted(HasMetadata object, int document, int line, List<Violation> unknownFields) {

        public Pasted {
            unknownFields = List.copyOf(unknownFields);
        }
    }

    /** A document of another kind, left out of the analysis. */
    public record Ignored(String kind, String namespace, String name, int document, int line) {
    }

    /**
     * The paste as read. {@code unreadable}: the text as a whole could not be read (syntax, size,
     * aliases, depth, document count); otherwise problems concern single documents.
     */
    public record Paste(List<Pasted> objects, List<Ignored> ignored, List<Problem> problems, boolean unreadable) {

        public Paste {
            objects = List.copyOf(objects);
            ignored = List.copyOf(ignored);
            problems = List.copyOf(problems);
        }

        public boolean ok() {
            return problems.isEmpty();
        }

        public List<HasMetadata> routingObjects() {
            return objects.stream().map(Pasted::object).toList();
        }
    }

    private final List<Pasted> objects = new ArrayList<>();
    private final List<Ignored> ignored = new ArrayList<>();
    private final List<Problem> problems = new ArrayList<>();
    private final Map<String, Integer> seen = new HashMap<>();

    private PasteReader() {
    }

    /** @param maxChars the longest text read (the request body limit); longer is a problem */
    public static Paste read(String text, int maxChars) {
        if (text == null || text.isBlank()) {
            return new Paste(List.of(), List.of(), List.of(Problem.of(0, 0, "empty")), true);
        }
        if (text.length() > maxChars) {
            return new Paste(List.of(), List.of(), List.of(Problem.of(0, 0, "size", maxChars / 1024)), true);
        }
        return new PasteReader().readAll(text, maxChars);
    }

    private Paste readAll(String text, int maxChars) {
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(true); // found by PasteTree, with their line
        options.setMaxAliasesForCollections(0);
        options.setAllowRecursiveKeys(false);
        options.setNestingDepthLimit(MAX_DEPTH);
        options.setCodePointLimit(maxChars + 1);
        options.setProcessComments(false);
        int document = 0;
        int read = 0;
        try {
            Iterator<Node> documents = new Yaml(options).composeAll(new StringReader(jsonTabs(text))).iterator();
            while (documents.hasNext()) {
                Node node = documents.next();
                document++;
                if (document > MAX_DOCUMENTS) {
                    return unreadable(Problem.of(document, line(node.getStartMark()), "documents", MAX_DOCUMENTS));
                }
                if (!PasteTree.isEmpty(node)) {
                    document(node, document);
                    read++;
                }
            }
        } catch (PasteTree.Refused e) {
            return unreadable(e.problem());
        } catch (MarkedYAMLException e) {
            Problem p = syntax(e, document + 1);
            // found at the end of the text ("but got <stream end>"): the last line that has text
            int last = (int) text.stripTrailing().lines().count();
            return unreadable(p.line() > last ? new Problem(p.document(), last, p.reason(), p.args()) : p);
        } catch (YAMLException e) {
            return unreadable(general(e, document + 1));
        }
        if (read == 0) {
            return unreadable(Problem.of(0, 0, "empty"));
        }
        return new Paste(objects, ignored, problems, false);
    }

    private Paste unreadable(Problem problem) {
        return new Paste(List.of(), List.of(), List.of(problem), true);
    }

    private static Problem syntax(MarkedYAMLException e, int document) {
        Mark mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
        String problem = e.getProblem() == null ? "" : e.getProblem();
        if (problem.contains("Nesting Depth")) {
            return Problem.of(document, line(mark), "depth", MAX_DEPTH);
        }
        return Problem.of(document, line(mark), "syntax", shorten(problem));
    }

    private static Problem general(YAMLException e, int document) {
        String message = e.getMessage() == null ? "" : e.getMessage();
        if (message.contains("aliases")) {
            return Problem.of(document, 0, "alias");
        }
        if (message.contains("Nesting Depth")) {
            return Problem.of(document, 0, "depth", MAX_DEPTH);
        }
        if (message.contains("exceeds the limit")) {
            return Problem.of(0, 0, "size", 0);
        }
        return Problem.of(document, 0, "syntax", shorten(message));
    }

    /**
     * JSON allows tabs between tokens where YAML does not; a JSON string cannot hold a raw tab, so
     * in a paste that starts as JSON every tab is such a space.
     */
    private static String jsonTabs(String text) {
        String start = text.stripLeading();
        return start.startsWith("{") || start.startsWith("[") ? text.replace('\t', ' ') : text;
    }

    private void document(Node node, int document) {
        PasteTree tree = new PasteTree(document);
        Object value = tree.value(node);
        problems.addAll(tree.problems());
        if (!tree.problems().isEmpty()) {
            return;
        }
        if (value instanceof List<?> items) { // a JSON array of objects
            items.forEach(item -> item(item, document, line(node.getStartMark())));
            return;
        }
        if (!(value instanceof Map<?, ?> map)) {
            problems.add(Problem.of(document, line(node.getStartMark()), "notMapping"));
            return;
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> object = (Map<String, Object>) map;
        if ("List".equals(object.get("kind")) && object.get("items") instanceof List<?> items) {
            for (Object item : items) {
                item(item, document, line(node.getStartMark()));
            }
            return;
        }
        item(object, document, line(node.getStartMark()));
    }

    @SuppressWarnings("unchecked")
    private void item(Object value, int document, int line) {
        if (!(value instanceof Map<?, ?> map)) {
            problems.add(Problem.of(document, line, "notMapping"));
            return;
        }
        Map<String, Object> object = (Map<String, Object>) map;
        String apiVersion = text(object.get("apiVersion"));
        String kind = text(object.get("kind"));
        Map<String, Object> metadata = object.get("metadata") instanceof Map<?, ?> m ? (Map<String, Object>) m : null;
        String name = metadata == null ? null : text(metadata.get("name"));
        for (String[] required : new String[][] {{"apiVersion", apiVersion}, {"kind", kind}, {"metadata.name", name}}) {
            if (required[1] == null || required[1].isBlank()) {
                problems.add(Problem.of(document, line, "missing", required[0]));
                return;
            }
        }
        String namespace = text(metadata.get("namespace"));
        if (namespace == null || namespace.isBlank()) {
            namespace = "default";
            metadata.put("namespace", namespace);
        }
        int slash = apiVersion.indexOf('/');
        String group = slash > 0 ? apiVersion.substring(0, slash) : null;
        boolean gatewayApi = GATEWAY_API_GROUP.equals(group);
        // a kind of another API group (GRPCRoute, a Service …) is another kind: left out, not refused
        Map<String, Class<? extends HasMetadata>> kinds = gatewayApi ? GATEWAY_API_KINDS
                : group == null || GROUP.equals(group) ? KINDS : Map.of();
        Class<? extends HasMetadata> type = kinds.get(kind);
        if (type == null) {
            ignored.add(new Ignored(kind, namespace, name, document, line));
            return;
        }
        if (slash < 0
                || !(gatewayApi ? GATEWAY_API_VERSIONS : VERSIONS).contains(apiVersion.substring(slash + 1))) {
            problems.add(Problem.of(document, line, gatewayApi ? "gatewayApiVersion" : "apiVersion", kind, name, apiVersion));
            return;
        }
        // the Gateway API's Gateway is not Istio's: keyed by group, as ObjectRef keys them
        String key = (gatewayApi ? kind + "." + GATEWAY_API_GROUP : kind) + "/" + namespace + "/" + name;
        Integer first = seen.putIfAbsent(key, document);
        if (first != null) {
            problems.add(Problem.of(document, line, "twice", kind, namespace + "/" + name, first));
            return;
        }
        object.put("apiVersion", !gatewayApi ? GROUP + "/v1"
                : GATEWAY_API_GROUP + (kind.equals("ReferenceGrant") ? "/v1beta1" : "/v1"));
        PasteObjects.convert(object, type, document, line, objects::add, problems::add);
    }

    private static String text(Object value) {
        return value instanceof String s ? s : null;
    }

    static int line(Mark mark) {
        return mark == null ? 0 : mark.getLine() + 1;
    }

    static String shorten(String text) {
        String line = text.lines().findFirst().orElse("").strip();
        return line.length() > 160 ? line.substring(0, 160) + "…" : line;
    }

    /** Istio's kinds read as routing objects (of {@link #GROUP}). */
    public static Set<String> routingKinds() {
        return KINDS.keySet();
    }

    /** The Gateway API's kinds read (of {@link #GATEWAY_API_GROUP}). */
    public static Set<String> gatewayApiKinds() {
        return GATEWAY_API_KINDS.keySet();
    }
}
