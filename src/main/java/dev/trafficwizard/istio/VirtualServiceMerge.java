package dev.trafficwizard.istio;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import static dev.trafficwizard.istio.Trees.copy;
import static dev.trafficwizard.istio.Trees.foreignKeys;
import static dev.trafficwizard.istio.Trees.list;
import static dev.trafficwizard.istio.Trees.map;
import static dev.trafficwizard.istio.Trees.putOrRemove;

/**
 * The VirtualService part of {@link StructuralMerge}, on JSON trees. One instance per merge. A
 * rule's mirror, fault, timeout, retries and header changes are the plan's: a rule without them
 * writes none, and a live one that goes is named (with the rule it belonged to).
 */
final class VirtualServiceMerge {

    static final List<String> OWNED_MATCH = List.of("uri", "headers", "authority", "method", "queryParams",
            "withoutHeaders", "port", "sourceLabels");
    /** A rule's fields a plan holds besides match and route ({@link RouteResilience}). */
    static final List<String> OWNED_RESILIENCE = List.of("mirror", "mirrorPercentage", "mirrorPercent", "fault",
            "timeout", "retries", "headers");
    private static final List<String> ROUTING = List.of("match", "route");
    private static final List<String> OWNED_RULE = java.util.stream.Stream.concat(ROUTING.stream(),
            OWNED_RESILIENCE.stream()).toList();
    private static final List<String> OWNED_DESTINATION = List.of("host", "subset");
    /** The Set-Cookie value {@link VersionPins#setCookie} writes. */
    private static final java.util.regex.Pattern PIN_COOKIE = java.util.regex.Pattern.compile("[^=;]+=[^;]*; Path=/");

    private final List<StructuralMerge.Dropped> dropped = new ArrayList<>();

    List<StructuralMerge.Dropped> dropped() {
        return dropped;
    }

    Map<String, Object> spec(Map<String, Object> desired, Map<String, Object> live) {
        Map<String, Object> spec = copy(live);
        for (String owned : List.of("hosts", "gateways")) {
            putOrRemove(spec, owned, desired.get(owned));
        }
        putOrRemove(spec, "http", http(list(desired.get("http")), list(live.get("http"))));
        return spec;
    }

    private List<Object> http(List<Object> desired, List<Object> live) {
        boolean[] used = new boolean[live.size()];
        List<Object> out = new ArrayList<>();
        for (int i = 0; i < desired.size(); i++) {
            Map<String, Object> rule = map(desired.get(i));
            Object key = matchKey(rule);
            int j = Trees.pair(live, used, l -> key.equals(matchKey(l)));
            if (j >= 0) {
                out.add(rule(rule, map(live.get(j)), i, j));
            } else {
                out.add(rule);
            }
        }
        for (int j = 0; j < live.size(); j++) {
            if (!used[j]) {
                List<String> lost = new ArrayList<>();
                foreignOfRule(map(live.get(j)), "spec.http[" + j + "]", lost);
                lost.forEach(p -> dropped.add(new StructuralMerge.Dropped(null, p)));
            }
        }
        return out;
    }

    /** The match fields a plan owns, per entry; an empty list for the catch-all. */
    static Object matchKey(Map<String, Object> rule) {
        List<Object> key = new ArrayList<>();
        if (rule == null) {
            return key;
        }
        for (Object entry : list(rule.get("match"))) {
            Map<String, Object> owned = new LinkedHashMap<>();
            Map<String, Object> m = map(entry);
            if (m != null) {
                OWNED_MATCH.forEach(k -> {
                    if (!Trees.empty(m.get(k))) {
                        owned.put(k, m.get(k));
                    }
                });
            }
            key.add(owned);
        }
        return key;
    }

    private Map<String, Object> rule(Map<String, Object> desired, Map<String, Object> live, int i, int j) {
        Map<String, Object> out = new LinkedHashMap<>();
        List<Object> liveMatch = list(live.get("match"));
        List<Object> match = new ArrayList<>();
        List<Object> desiredMatch = list(desired.get("match"));
        for (int k = 0; k < desiredMatch.size(); k++) {
            Map<String, Object> entry = k < liveMatch.size() && map(liveMatch.get(k)) != null
                    ? copy(map(liveMatch.get(k))) : new LinkedHashMap<>();
            OWNED_MATCH.forEach(entry::remove);
            Map<String, Object> merged = new LinkedHashMap<>(map(desiredMatch.get(k)));
            entry.forEach(merged::putIfAbsent);
            match.add(merged);
        }
        putOrRemove(out, "match", match);
        out.put("route", route(list(desired.get("route")), list(live.get("route")), i, j));
        for (String owned : OWNED_RESILIENCE) {
            putOrRemove(out, owned, copy(desired.get(owned)));
            boolean replaced = owned.equals("mirrorPercent") ? !Trees.empty(desired.get("mirror"))
                    : !Trees.empty(desired.get(owned));
            if (!Trees.empty(live.get(owned)) && !replaced) {
                dropped.add(new StructuralMerge.Dropped(i, "spec.http[" + j + "]." + owned));
            }
        }
        if (!Trees.empty(live.get("mirrors")) && !Trees.empty(desired.get("mirror"))) {
            // Istio: "HTTP route cannot contain both mirror and mirrors": the plan's mirror replaces them
            dropped.add(new StructuralMerge.Dropped(i, "spec.http[" + j + "].mirrors"));
        }
        live.forEach((k, v) -> {
            if (!OWNED_RULE.contains(k) && !(k.equals("mirrors") && !Trees.empty(desired.get("mirror")))) {
                out.put(k, copy(v));
            }
        });
        return out;
    }

    private List<Object> route(List<Object> desired, List<Object> live, int i, int j) {
        boolean[] used = new boolean[live.size()];
        List<Object> out = new ArrayList<>();
        for (Object d : desired) {
            Map<String, Object> want = map(d);
            int m = Trees.pair(live, used, l -> sameDestination(want, l));
            if (m < 0) {
                out.add(want);
                continue;
            }
            Map<String, Object> entry = copy(map(live.get(m)));
            Map<String, Object> destination = copy(map(want.get("destination")));
            Map<String, Object> liveDestination = map(entry.get("destination"));
            if (liveDestination != null) {
                liveDestination.forEach((k, v) -> {
                    if (!OWNED_DESTINATION.contains(k)) {
                        destination.putIfAbsent(k, v);
                    }
                });
            }
            entry.put("destination", destination);
            putOrRemove(entry, "weight", want.get("weight"));
            putOrRemove(entry, "headers", headers(map(entry.get("headers")), map(want.get("headers"))));
            out.add(entry);
        }
        for (int m = 0; m < live.size(); m++) {
            if (!used[m]) {
                List<String> lost = new ArrayList<>();
                foreignOfDestination(map(live.get(m)), "spec.http[" + j + "].route[" + m + "]", lost);
                lost.forEach(p -> dropped.add(new StructuralMerge.Dropped(i, p)));
            }
        }
        return out;
    }

    private static boolean sameDestination(Map<String, Object> a, Map<String, Object> b) {
        Map<String, Object> da = a == null ? null : map(a.get("destination"));
        Map<String, Object> db = b == null ? null : map(b.get("destination"));
        return da != null && db != null && Objects.equals(da.get("host"), db.get("host"))
                && Objects.equals(da.get("subset"), db.get("subset"));
    }

    /** The live header operations without our version-pin Set-Cookie, with the desired ones laid over. */
    static Map<String, Object> headers(Map<String, Object> live, Map<String, Object> desired) {
        Map<String, Object> out = withoutPinCookie(live);
        if (desired != null) {
            desired.forEach((side, ops) -> {
                Map<String, Object> target = map(out.computeIfAbsent(side, k -> new LinkedHashMap<>()));
                map(ops).forEach((op, values) -> {
                    Map<String, Object> into = map(target.computeIfAbsent(op, k -> new LinkedHashMap<>()));
                    if (into != null && map(values) != null) {
                        into.putAll(map(values));
                    } else {
                        target.put(op, copy(values));
                    }
                });
            });
        }
        return out;
    }

    private static Map<String, Object> withoutPinCookie(Map<String, Object> live) {
        Map<String, Object> out = live == null ? new LinkedHashMap<>() : copy(live);
        Map<String, Object> response = map(out.get("response"));
        Map<String, Object> add = response == null ? null : map(response.get("add"));
        if (add != null && add.get(VersionPins.SET_COOKIE) instanceof String cookie && PIN_COOKIE.matcher(cookie).matches()) {
            add.remove(VersionPins.SET_COOKIE);
            putOrRemove(response, "add", add);
            putOrRemove(out, "response", response);
        }
        return out;
    }

    private static void foreignOfRule(Map<String, Object> rule, String at, List<String> out) {
        if (rule == null) {
            return;
        }
        foreignKeys(rule, ROUTING, at, out);
        List<Object> match = list(rule.get("match"));
        for (int k = 0; k < match.size(); k++) {
            foreignKeys(map(match.get(k)), OWNED_MATCH, at + ".match[" + k + "]", out);
        }
        List<Object> route = list(rule.get("route"));
        for (int m = 0; m < route.size(); m++) {
            foreignOfDestination(map(route.get(m)), at + ".route[" + m + "]", out);
        }
    }

    private static void foreignOfDestination(Map<String, Object> entry, String at, List<String> out) {
        if (entry == null) {
            return;
        }
        foreignKeys(entry, List.of("destination", "weight", "headers"), at, out);
        foreignKeys(map(entry.get("destination")), OWNED_DESTINATION, at + ".destination", out);
        if (!Trees.empty(withoutPinCookie(map(entry.get("headers"))))) {
            out.add(at + ".headers");
        }
    }
}
