package dev.trafficwizard.istio;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static dev.trafficwizard.istio.Trees.copy;
import static dev.trafficwizard.istio.Trees.map;
import static dev.trafficwizard.istio.Trees.putOrRemove;

/**
 * A DestinationRule traffic policy (top level or a subset's) that the plan owns, on JSON trees:
 * the plan decides whether each of {@code tls}, {@code loadBalancer}, {@code connectionPool} and
 * {@code outlierDetection} is there and sets the fields it can express; a part the plan keeps keeps
 * the live fields a plan cannot express (SANs, CA certificates, keepalive, locality settings…),
 * a part it drops goes whole. Other live fields ({@code portLevelSettings}, {@code tunnel}…) stay.
 * Live values that go are named (as {@link StructuralMerge.Dropped}). Exceptions, for parts the
 * plan reads as absent because it cannot express them ({@link TrafficPolicies#fromIstio}): a live
 * tls with a client certificate or key file stays whole when the plan sets no tls, and a plan
 * without load balancer drops only the live {@code simple} / {@code consistentHash} (named) and
 * keeps locality and warm-up settings. A plan tls with {@code credentialName} drops (and names)
 * the live certificate, key, CA and CRL files, which Istio refuses next to it.
 */
final class TrafficPolicyMerge {

    /** The fields of each part a plan expresses, as paths inside the part. */
    static final Map<String, List<String>> OWNED = ownedLeaves();

    /** The live TLS files Istio refuses next to a {@code credentialName}. */
    static final List<String> CREDENTIAL_EXCLUDES = List.of("clientCertificate", "privateKey", "caCertificates",
            "caCrl");

    private TrafficPolicyMerge() {
    }

    /**
     * Whether a live tls part holds a client certificate or key file: the plan cannot express it
     * (it reads such a part as no tls, see {@link TrafficPolicies#certificateFiles}), so a plan
     * without tls keeps it whole.
     */
    static boolean certificateFiles(Map<String, Object> tls) {
        return tls != null && (!Trees.empty(tls.get("clientCertificate")) || !Trees.empty(tls.get("privateKey")));
    }

    private static Map<String, List<String>> ownedLeaves() {
        Map<String, List<String>> out = new LinkedHashMap<>();
        out.put("tls", List.of("mode", "credentialName", "sni"));
        out.put("loadBalancer", List.of("simple", "consistentHash"));
        out.put("connectionPool", List.of("tcp.maxConnections", "tcp.connectTimeout", "http.http1MaxPendingRequests",
                "http.http2MaxRequests", "http.maxRequestsPerConnection", "http.maxRetries"));
        out.put("outlierDetection", List.of("consecutive5xxErrors", "interval", "baseEjectionTime",
                "maxEjectionPercent"));
        return out;
    }

    /** The merged policy; null or empty when nothing is left. */
    static Map<String, Object> owned(Map<String, Object> desired, Map<String, Object> live, String at,
                                     List<StructuralMerge.Dropped> dropped) {
        Map<String, Object> out = live == null ? new LinkedHashMap<>() : copy(live);
        OWNED.forEach((part, leaves) -> {
            Map<String, Object> want = desired == null ? null : map(desired.get(part));
            Map<String, Object> have = map(out.get(part));
            if (want == null) {
                if (part.equals("tls") && certificateFiles(have)) {
                    return; // read as no tls (TrafficPolicies.fromIstio): the plan cannot express it, it stays
                }
                if (part.equals("loadBalancer") && have != null) {
                    // locality and warm-up settings a plan cannot express stay; the choice goes
                    Map<String, Object> rest = copy(have);
                    for (String leaf : leaves) {
                        if (remove(rest, leaf.split("\\."))) {
                            dropped.add(new StructuralMerge.Dropped(null, at + "." + part + "." + leaf));
                        }
                    }
                    putOrRemove(out, part, rest);
                    return;
                }
                if (!Trees.empty(out.get(part))) {
                    dropped.add(new StructuralMerge.Dropped(null, at + "." + part));
                }
                out.remove(part);
                return;
            }
            Map<String, Object> kept = have == null ? new LinkedHashMap<>() : copy(have);
            for (String leaf : leaves) {
                if (remove(kept, leaf.split("\\.")) && get(want, leaf.split("\\.")) == null) {
                    dropped.add(new StructuralMerge.Dropped(null, at + "." + part + "." + leaf));
                }
            }
            if (part.equals("tls") && !Trees.empty(want.get("credentialName"))) {
                // Istio: "cannot specify client certificates or CA certificate or CA CRL If credentialName is set"
                for (String file : CREDENTIAL_EXCLUDES) {
                    if (!Trees.empty(kept.remove(file))) {
                        dropped.add(new StructuralMerge.Dropped(null, at + ".tls." + file));
                    }
                }
            }
            layer(kept, want);
            out.put(part, kept);
        });
        return out;
    }

    /** Removes the value at {@code path}, and maps left empty by it; whether there was a value. */
    private static boolean remove(Map<String, Object> map, String[] path) {
        if (path.length == 1) {
            return !Trees.empty(map.remove(path[0]));
        }
        Map<String, Object> inner = map(map.get(path[0]));
        if (inner == null) {
            return false;
        }
        boolean removed = remove(inner, java.util.Arrays.copyOfRange(path, 1, path.length));
        putOrRemove(map, path[0], inner);
        return removed;
    }

    private static Object get(Map<String, Object> map, String[] path) {
        Object value = map;
        for (String key : path) {
            Map<String, Object> m = map(value);
            value = m == null ? null : m.get(key);
        }
        return value;
    }

    /** {@code want}'s values over {@code into}, maps merged key by key. */
    private static void layer(Map<String, Object> into, Map<String, Object> want) {
        want.forEach((k, v) -> {
            Map<String, Object> a = map(into.get(k));
            Map<String, Object> b = map(v);
            if (a != null && b != null) {
                layer(a, b);
            } else {
                into.put(k, copy(v));
            }
        });
    }
}
