package dev.trafficwizard.hostile;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Valid REST plans that together use every field of the plan, each field's location in them, and
 * mutations: a field replaced by a hostile value of any JSON type, a map key renamed, whole bodies
 * that are not JSON.
 */
final class Plans {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    /** Marks a path that renames the map key it ends in instead of replacing the value. */
    static final String KEY = "#key";

    private Plans() {
    }

    static List<JsonNode> valid() {
        List<String> bodies = List.of("""
                {"namespace":"default","service":"fleetman-webapp","hosts":["fleetman-webapp"],
                 "rules":[{"match":[{"uri":{"prefix":"/x"},"headers":{"x-a":{"exact":"1"}},
                                     "authority":{"exact":"fleetman-webapp"},"method":{"exact":"GET"},
                                     "queryParams":{"q":{"regex":"a+"}}},
                                    {"headers":{"x-b":{}}}],
                           "route":[{"version":"experimental","weight":100}]},
                          {"route":[{"version":"original","weight":90},{"version":"experimental","weight":10}]}],
                 "stickySession":{"httpHeaderName":"x-user"},"baseVersion":"0.0"}""", """
                {"namespace":"default","service":"fleetman-webapp","hosts":["www.fleetman.com"],
                 "gateway":{"name":"fleetman-gw","create":true,"hosts":["*.fleetman.com"],"port":443,
                            "includeMesh":false,"credentialName":"fleetman-cert"},
                 "rules":[{"match":[{"uri":{"exact":"/"}}],"route":[{"version":"original"}]},
                          {"route":[{"version":"original","weight":50},{"version":"experimental","weight":50}]}],
                 "stickySession":{"httpCookie":{"name":"user","path":"/","ttl":"1h"},
                                  "keepVersionCookie":"tw-version"}}""", """
                {"namespace":"default","service":"fleetman-staff-service",
                 "gateway":{"name":"ingress-gateway","create":false,"includeMesh":true},
                 "rules":[{"route":[{"version":"safe","weight":90},{"version":"risky","weight":10}]}],
                 "stickySession":{"useSourceIp":true}}""", """
                {"namespace":"default","service":"fleetman-staff-service",
                 "rules":[{"match":[{"method":{"prefix":"PO"}}],"route":[{"version":"risky"}]},
                          {"route":[{"version":"safe"}]}],
                 "stickySession":{"httpQueryParameterName":"user"}}""");
        return bodies.stream().map(JSON::readTree).toList();
    }

    /** Every value in the plan (objects, arrays and leaves) and every map key, as slash-separated paths. */
    static List<String> fieldPaths(JsonNode plan) {
        List<String> out = new ArrayList<>();
        collect(plan, "", out);
        out.add("unknownField");
        out.add("rules/7");
        return out;
    }

    private static void collect(JsonNode node, String path, List<String> out) {
        if (!path.isEmpty()) {
            out.add(path);
        }
        if (node.isObject()) {
            boolean map = path.endsWith("headers") || path.endsWith("queryParams");
            for (Map.Entry<String, JsonNode> e : node.properties()) {
                String child = (path.isEmpty() ? "" : path + "/") + e.getKey();
                if (map) {
                    out.add(child + KEY);
                }
                collect(e.getValue(), child, out);
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                collect(node.get(i), path + "/" + i, out);
            }
        }
    }

    /** A copy of the plan with the field at {@code path} replaced (or its key renamed) by a hostile value. */
    static JsonNode mutate(JsonNode plan, String path, HostileValues values) {
        JsonNode copy = plan.deepCopy();
        boolean key = path.endsWith(KEY);
        String[] parts = (key ? path.substring(0, path.length() - KEY.length()) : path).split("/");
        JsonNode parent = copy;
        for (int i = 0; i < parts.length - 1; i++) {
            parent = parent.isArray() ? parent.get(Integer.parseInt(parts[i])) : parent.get(parts[i]);
        }
        String last = parts[parts.length - 1];
        if (parent instanceof ObjectNode object) {
            if (key) {
                JsonNode moved = object.remove(last);
                object.set(values.next(), moved);
            } else {
                object.set(last, value(values));
            }
        } else if (parent instanceof ArrayNode array) {
            int index = Integer.parseInt(last);
            if (index < array.size()) {
                array.set(index, value(values));
            } else {
                array.add(value(values));
            }
        }
        return copy;
    }

    /** A hostile value of any JSON type. */
    static JsonNode value(HostileValues values) {
        Random r = values.random();
        int kind = r.nextInt(100);
        if (kind < 45) {
            return NODES.stringNode(values.next());
        }
        if (kind < 57) {
            return switch (r.nextInt(8)) {
                case 0 -> NODES.numberNode(new BigInteger("9".repeat(1 + r.nextInt(400))));
                case 1 -> NODES.numberNode(Long.MIN_VALUE);
                case 2 -> NODES.numberNode(-1);
                case 3 -> NODES.numberNode(r.nextInt(202) - 50);
                case 4 -> NODES.numberNode(1.5);
                case 5 -> NODES.numberNode(new BigDecimal("1e400"));
                case 6 -> NODES.numberNode(2147483648L);
                default -> NODES.numberNode(0);
            };
        }
        if (kind < 62) {
            return NODES.booleanNode(r.nextBoolean());
        }
        if (kind < 72) {
            return NODES.nullNode();
        }
        if (kind < 82) {
            ArrayNode array = NODES.arrayNode();
            switch (r.nextInt(4)) {
                case 0 -> array.addNull();
                case 1 -> array.add(values.next());
                case 2 -> {
                    for (int i = 0; i < 300 + r.nextInt(1_000); i++) {
                        array.add(values.pick());
                    }
                }
                default -> { }
            }
            return array;
        }
        if (kind < 92) {
            ObjectNode object = NODES.objectNode();
            switch (r.nextInt(4)) {
                case 0 -> object.put(values.next(), values.next());
                case 1 -> object.set("exact", NODES.nullNode());
                case 2 -> object.set("a", NODES.objectNode().set("b", NODES.arrayNode().addNull()));
                default -> { }
            }
            return object;
        }
        JsonNode deep = NODES.stringNode("bottom");
        for (int i = 0, depth = 10 + r.nextInt(r.nextBoolean() ? 50 : 2_000); i < depth; i++) {
            deep = r.nextBoolean() ? NODES.arrayNode().add(deep) : NODES.objectNode().set("a", deep);
        }
        return deep;
    }

    /** A body that is not a plan in JSON at all. */
    static String brokenBody(HostileValues values) {
        Random r = values.random();
        String valid = valid().get(r.nextInt(4)).toString();
        return switch (r.nextInt(12)) {
            case 0 -> "";
            case 1 -> "null";
            case 2 -> "[]";
            case 3 -> valid.substring(0, r.nextInt(valid.length()));
            case 4 -> values.next();
            case 5 -> "[".repeat(5_000 + r.nextInt(100_000));
            case 6 -> "{\"rules\":" + "[".repeat(600) + "]".repeat(600) + "}";
            case 7 -> "\ufeff" + valid;
            case 8 -> valid.replace("\"namespace\"", "/* c */ \"namespace\"");
            case 9 -> "{\"namespace\":\"default\",\"namespace\":\"bookinfo\"," + valid.substring(1);
            case 10 -> "namespace: default\nservice: fleetman-webapp\nrules: []";
            default -> valid.replace("90", "NaN");
        };
    }

}
