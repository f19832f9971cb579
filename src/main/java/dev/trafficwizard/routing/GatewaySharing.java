package dev.trafficwizard.routing;

import java.util.ArrayList;
import java.util.List;

/**
 * What a change of a Gateway takes from the other VirtualServices bound to it: a host one of them
 * lists that the Gateway served on a port and no longer would on that port. Adding hosts takes
 * nothing. Gateway server hosts are matched by {@link Hosts#serves}: {@code *} serves every host,
 * {@code *.example.com} serves {@code a.example.com} (and narrower wildcards), and a
 * {@code namespace/} prefix restricts which VirtualServices it serves: {@code *} any namespace,
 * {@code .} the Gateway's own, else exactly that namespace. Pure.
 */
public final class GatewaySharing {

    private GatewaySharing() {
    }

    /** One server of a Gateway: its port number and hosts as written. */
    public record Server(long port, List<String> hosts) {

        public Server {
            hosts = hosts == null ? List.of() : List.copyOf(hosts);
        }
    }

    /** A VirtualService bound to the Gateway: where it is and its hosts. */
    public record Dependent(String namespace, String name, List<String> hosts) {

        public Dependent {
            hosts = hosts == null ? List.of() : List.copyOf(hosts);
        }

        public String reference() {
            return namespace + "/" + name;
        }
    }

    /** {@code host} of {@code dependent} would no longer be served on {@code port}. */
    public record Loss(Dependent dependent, String host, long port) {
    }

    public static List<Loss> losses(String gatewayNamespace, List<Server> before, List<Server> after,
                                    List<Dependent> dependents) {
        List<Loss> out = new ArrayList<>();
        for (Dependent dependent : dependents) {
            for (String host : dependent.hosts()) {
                before.stream().filter(s -> serves(s, gatewayNamespace, dependent.namespace(), host))
                        .map(Server::port).distinct()
                        .filter(port -> after.stream().noneMatch(s -> s.port() == port
                                && serves(s, gatewayNamespace, dependent.namespace(), host)))
                        .forEach(port -> out.add(new Loss(dependent, host, port)));
            }
        }
        return out;
    }

    static boolean serves(Server server, String gatewayNamespace, String vsNamespace, String vsHost) {
        return server.hosts().stream().anyMatch(h -> serves(h, gatewayNamespace, vsNamespace, vsHost));
    }

    /** Whether the Gateway server host {@code serverHost} serves {@code vsHost} of a VirtualService in {@code vsNamespace}. */
    public static boolean serves(String serverHost, String gatewayNamespace, String vsNamespace, String vsHost) {
        return serverHost != null && vsHost != null && Hosts.serves(serverHost, gatewayNamespace, vsHost, vsNamespace);
    }
}
