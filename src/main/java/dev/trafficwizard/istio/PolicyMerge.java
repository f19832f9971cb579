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

/** The DestinationRule and Gateway parts of {@link StructuralMerge}, on JSON trees. One instance per merge. */
final class PolicyMerge {

    private static final List<String> OWNED_SUBSET = List.of("name", "labels");
    private static final List<String> OWNED_SUBSET_POLICY = List.of("name", "labels", "trafficPolicy");
    private static final List<String> OWNED_SERVER = List.of("port", "hosts", "tls");
    private static final List<String> OWNED_TLS = List.of("mode", "credentialName");

    private final List<StructuralMerge.Dropped> dropped = new ArrayList<>();

    List<StructuralMerge.Dropped> dropped() {
        return dropped;
    }

    Map<String, Object> destinationRule(Map<String, Object> desired, Map<String, Object> live) {
        return destinationRule(desired, live, ownsPolicies(desired));
    }

    /**
     * @param owns whether the plan owns the traffic policies (it has a {@code trafficPolicy} or
     *             {@code versionPolicies}); otherwise only the consistent hash is laid over
     */
    Map<String, Object> destinationRule(Map<String, Object> desired, Map<String, Object> live, boolean owns) {
        Map<String, Object> spec = copy(live);
        putOrRemove(spec, "host", desired.get("host"));
        putOrRemove(spec, "subsets", byKey(list(desired.get("subsets")), list(live.get("subsets")), "name",
                owns ? OWNED_SUBSET_POLICY : OWNED_SUBSET, "spec.subsets", owns));
        Map<String, Object> desiredPolicy = map(desired.get("trafficPolicy"));
        putOrRemove(spec, "trafficPolicy", owns
                ? TrafficPolicyMerge.owned(desiredPolicy, map(live.get("trafficPolicy")), "spec.trafficPolicy", dropped)
                : hashOnly(desiredPolicy, map(live.get("trafficPolicy"))));
        return spec;
    }

    /** Whether the desired DestinationRule holds more policy than a sticky session's consistent hash. */
    static boolean ownsPolicies(Map<String, Object> desired) {
        Map<String, Object> policy = map(desired.get("trafficPolicy"));
        if (policy != null) {
            for (var e : policy.entrySet()) {
                Map<String, Object> lb = map(e.getValue());
                boolean onlyHash = e.getKey().equals("loadBalancer") && lb != null
                        && lb.keySet().stream().allMatch("consistentHash"::equals);
                if (!onlyHash && !Trees.empty(e.getValue())) {
                    return true;
                }
            }
        }
        return list(desired.get("subsets")).stream().map(Trees::map)
                .anyMatch(s -> s != null && !Trees.empty(s.get("trafficPolicy")));
    }

    /** Today's rule without plan policies: the sticky session's consistent hash laid over, the rest kept. */
    private Map<String, Object> hashOnly(Map<String, Object> desiredPolicy, Map<String, Object> livePolicy) {
        Map<String, Object> policy = livePolicy == null ? new LinkedHashMap<>() : copy(livePolicy);
        Map<String, Object> lb = map(policy.get("loadBalancer")) == null ? new LinkedHashMap<>()
                : map(policy.get("loadBalancer"));
        Map<String, Object> desiredLb = desiredPolicy == null ? null : map(desiredPolicy.get("loadBalancer"));
        Object hash = desiredLb == null ? null : desiredLb.get("consistentHash");
        if (hash != null && lb.containsKey("simple")) {
            // simple and consistentHash are one of: the sticky session the plan asks for replaces it
            dropped.add(new StructuralMerge.Dropped(null, "spec.trafficPolicy.loadBalancer.simple"));
            lb.remove("simple");
        }
        putOrRemove(lb, "consistentHash", copy(hash));
        putOrRemove(policy, "loadBalancer", lb);
        return policy;
    }

    Map<String, Object> gateway(Map<String, Object> desired, Map<String, Object> live) {
        Map<String, Object> spec = copy(live);
        putOrRemove(spec, "selector", desired.get("selector"));
        List<Object> liveServers = list(live.get("servers"));
        boolean[] used = new boolean[liveServers.size()];
        List<Object> servers = new ArrayList<>();
        for (Object d : list(desired.get("servers"))) {
            Map<String, Object> want = map(d);
            int j = Trees.pair(liveServers, used, l -> Objects.equals(portNumber(want), portNumber(l)));
            if (j < 0) {
                servers.add(want);
                continue;
            }
            Map<String, Object> server = copy(map(liveServers.get(j)));
            server.put("port", copy(want.get("port")));
            putOrRemove(server, "hosts", copy(want.get("hosts")));
            Map<String, Object> tls = map(server.get("tls")) == null ? new LinkedHashMap<>() : map(server.get("tls"));
            OWNED_TLS.forEach(tls::remove);
            Map<String, Object> wantTls = map(want.get("tls"));
            if (wantTls != null) {
                tls.putAll(copy(wantTls));
            }
            putOrRemove(server, "tls", tls);
            servers.add(server);
        }
        for (int j = 0; j < liveServers.size(); j++) {
            if (!used[j]) {
                List<String> lost = new ArrayList<>();
                Map<String, Object> server = map(liveServers.get(j));
                foreignKeys(server, OWNED_SERVER, "spec.servers[" + j + "]", lost);
                foreignKeys(server == null ? null : map(server.get("tls")), OWNED_TLS,
                        "spec.servers[" + j + "].tls", lost);
                lost.forEach(p -> dropped.add(new StructuralMerge.Dropped(null, p)));
            }
        }
        putOrRemove(spec, "servers", servers);
        return spec;
    }

    private static Object portNumber(Map<String, Object> server) {
        Map<String, Object> port = server == null ? null : map(server.get("port"));
        Object number = port == null ? null : port.get("number");
        return number instanceof Number n ? n.longValue() : number;
    }

    /** Desired entries laid over the live entry of the same key; live entries without a counterpart go. */
    private List<Object> byKey(List<Object> desired, List<Object> live, String key, List<String> owned, String at) {
        return byKey(desired, live, key, owned, at, false);
    }

    /** @param policies whether each entry's {@code trafficPolicy} is merged as the plan's ({@link TrafficPolicyMerge}) */
    private List<Object> byKey(List<Object> desired, List<Object> live, String key, List<String> owned, String at,
                               boolean policies) {
        boolean[] used = new boolean[live.size()];
        List<Object> out = new ArrayList<>();
        for (Object d : desired) {
            Map<String, Object> want = map(d);
            int j = Trees.pair(live, used, l -> Objects.equals(want.get(key), l.get(key)));
            if (j < 0) {
                out.add(want);
                continue;
            }
            Map<String, Object> entry = copy(map(live.get(j)));
            Map<String, Object> livePolicy = map(entry.get("trafficPolicy"));
            owned.forEach(entry::remove);
            Map<String, Object> merged = new LinkedHashMap<>(copy(want));
            entry.forEach(merged::putIfAbsent);
            if (policies) {
                putOrRemove(merged, "trafficPolicy", TrafficPolicyMerge.owned(map(want.get("trafficPolicy")),
                        livePolicy, at + "[" + j + "].trafficPolicy", dropped));
            }
            out.add(merged);
        }
        for (int j = 0; j < live.size(); j++) {
            if (!used[j]) {
                List<String> lost = new ArrayList<>();
                foreignKeys(map(live.get(j)), policies ? OWNED_SUBSET : owned, at + "[" + j + "]", lost);
                lost.forEach(p -> dropped.add(new StructuralMerge.Dropped(null, p)));
            }
        }
        return out;
    }
}
