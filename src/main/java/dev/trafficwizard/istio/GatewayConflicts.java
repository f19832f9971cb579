package dev.trafficwizard.istio;

import io.fabric8.istio.api.api.networking.v1alpha3.Server;
import io.fabric8.istio.api.networking.v1.Gateway;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * Gateways that give the same gateway workload the same host on the same port (IST0145), as
 * Istio's {@code ConflictingGatewayAnalyzer} decides it, for live Gateways and the Gateway a plan
 * would write alike:
 * <ul>
 *   <li>the same workload: the selectors written as {@code key=value,…} (keys sorted) are equal;
 *       or one of those strings contains the other and some workload carries the labels of both;</li>
 *   <li>the same port number (a server without a port counts as port 0);</li>
 *   <li>a host written the same in both (no wildcard matching, as Istio) with the same bind.</li>
 * </ul>
 * Unlike Istio's analyzer, which keeps only the last server of a Gateway per port and records hosts
 * it has checked in the other Gateway's set, every server counts and nothing is recorded, so the
 * answer does not depend on the order Gateways are looked at.
 */
public final class GatewayConflicts {

    /** One server of the Gateway that conflicts: its index, the other Gateways ({@code ns/name}, sorted), the hosts both serve, port, selector. */
    public record Conflict(int server, List<String> gateways, List<String> hosts, String port, String selector) {
    }

    private GatewayConflicts() {
    }

    /**
     * The conflicts of {@code gateway} with the others among {@code gateways} (itself, by namespace
     * and name, is left out); {@code workloads} says whether some workload's pod labels include
     * every given label.
     */
    public static List<Conflict> of(Gateway gateway, Collection<Gateway> gateways,
                                     Predicate<Map<String, String>> workloads) {
        List<Conflict> out = new ArrayList<>();
        List<Server> servers = servers(gateway);
        if (servers.isEmpty()) {
            return out;
        }
        Map<String, String> selector = selectorOf(gateway);
        String written = selector(selector);
        List<Gateway> same = gateways.stream().filter(g -> g != null && !sameObject(g, gateway))
                .filter(g -> sameWorkload(selector, selectorOf(g), workloads)).toList();
        for (int i = 0; i < servers.size(); i++) {
            Server server = servers.get(i);
            if (server == null || server.getHosts() == null) {
                continue;
            }
            String port = port(server);
            Set<String> others = new TreeSet<>();
            Set<String> hosts = new LinkedHashSet<>();
            for (Gateway other : same) {
                Set<String> shared = sharedHosts(server, port, other);
                if (!shared.isEmpty()) {
                    others.add(name(other));
                    hosts.addAll(shared);
                }
            }
            if (!others.isEmpty()) {
                out.add(new Conflict(i, List.copyOf(others), List.copyOf(hosts), port, written));
            }
        }
        return out;
    }

    /** A selector as Kubernetes writes it: {@code key=value} pairs sorted by key, joined by commas. */
    public static String selector(Map<String, String> labels) {
        return new TreeMap<>(labels).entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining(","));
    }

    private static boolean sameWorkload(Map<String, String> a, Map<String, String> b,
                                        Predicate<Map<String, String>> workloads) {
        String sa = selector(a);
        String sb = selector(b);
        if (sa.equals(sb)) {
            return true;
        }
        if (!sa.contains(sb) && !sb.contains(sa)) {
            return false;
        }
        Map<String, String> both = new HashMap<>(a);
        for (Map.Entry<String, String> e : b.entrySet()) {
            if (both.containsKey(e.getKey()) && !both.get(e.getKey()).equals(e.getValue())) {
                return false; // no pod carries two values of one label
            }
            both.put(e.getKey(), e.getValue());
        }
        return !both.isEmpty() && workloads.test(both);
    }

    private static Set<String> sharedHosts(Server server, String port, Gateway other) {
        String bind = Objects.toString(server.getBind(), "");
        Set<String> shared = new LinkedHashSet<>();
        for (Server s : servers(other)) {
            if (s != null && s.getHosts() != null && port.equals(port(s))
                    && bind.equals(Objects.toString(s.getBind(), ""))) {
                server.getHosts().stream().filter(h -> h != null && s.getHosts().contains(h)).forEach(shared::add);
            }
        }
        return shared;
    }

    private static List<Server> servers(Gateway g) {
        return g.getSpec() == null || g.getSpec().getServers() == null ? List.of() : g.getSpec().getServers();
    }

    private static Map<String, String> selectorOf(Gateway g) {
        Map<String, String> s = g.getSpec() == null ? null : g.getSpec().getSelector();
        if (s == null) {
            return Map.of();
        }
        Map<String, String> out = new HashMap<>();
        s.forEach((k, v) -> {
            if (k != null) {
                out.put(k, v == null ? "" : v);
            }
        });
        return out;
    }

    private static String port(Server s) {
        return s.getPort() == null || s.getPort().getNumber() == null ? "0" : String.valueOf(s.getPort().getNumber());
    }

    private static boolean sameObject(Gateway a, Gateway b) {
        return Objects.equals(a.getMetadata().getNamespace(), b.getMetadata().getNamespace())
                && Objects.equals(a.getMetadata().getName(), b.getMetadata().getName());
    }

    private static String name(Gateway g) {
        return g.getMetadata().getNamespace() + "/" + g.getMetadata().getName();
    }
}
