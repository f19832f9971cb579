package dev.trafficwizard.analysis;

import dev.trafficwizard.routing.Hosts;
import io.fabric8.istio.api.api.networking.v1alpha3.HTTPRoute;
import io.fabric8.istio.api.api.networking.v1alpha3.HTTPRouteDestination;
import io.fabric8.istio.api.networking.v1.DestinationRule;
import io.fabric8.istio.api.networking.v1.Gateway;
import io.fabric8.istio.api.networking.v1.VirtualService;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.gatewayapi.v1beta1.ReferenceGrant;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Stream;

/**
 * What the analyzers of an object read of the rest of the mesh, and what each object offers to
 * them, as keys: when an object changes, the objects that read one of its keys (before or after
 * the change) are rechecked with it, and nothing else is. Every analyzer's look-ups must be covered
 * here ({@code MeshAnalysisTest} checks an incremental recheck against a full one).
 * <ul>
 *   <li>{@code vs-host:<key>} — a VirtualService lists the host (conflicting hosts read it; a
 *       VirtualService also reads the wildcards wider than its hosts, {@code vs-host:*.ns.svc.cluster.local} …)</li>
 *   <li>{@code vs-under:<wildcard>} — a VirtualService lists a host narrower than the wildcard
 *       (read by VirtualServices listing that wildcard)</li>
 *   <li>{@code dr-host:<key>} — a DestinationRule is for the host (subsets read it)</li>
 *   <li>{@code service:<key>} — a Kubernetes Service answers to the host</li>
 *   <li>{@code gateway:<ns>/<name>} — the Gateway exists as it is</li>
 *   <li>{@code gateways} — any Gateway (gateways conflict with each other)</li>
 *   <li>{@code pods:<ns>} — the workloads of a namespace</li>
 *   <li>{@code workloads} — any workload (a Gateway's selector picks pods in any namespace)</li>
 *   <li>{@code route-parent:<key>} — an HTTPRoute has the Service with that host key as a parent
 *       (read by mesh VirtualServices listing the host: two traffic APIs for one host)</li>
 *   <li>{@code k8s-gateway:<ns>/<name>} — the Gateway API Gateway exists as it is (its routes read it)</li>
 *   <li>{@code k8s-gateways} — any Gateway API Gateway (a waypoint may be named from any namespace's labels)</li>
 *   <li>{@code grants:<ns>} — the ReferenceGrants of a namespace</li>
 *   <li>{@code namespace:<ns>} — a namespace's labels (ambient mode, waypoints, {@code allowedRoutes} selectors)</li>
 * </ul>
 */
public final class Dependencies {

    private Dependencies() {
    }

    /** The keys an object offers (what its change can alter for others). */
    public static Set<String> provides(HasMetadata object) {
        Set<String> out = new LinkedHashSet<>();
        String ns = object.getMetadata().getNamespace();
        if (object instanceof VirtualService vs && vs.getSpec() != null) {
            hosts(vs).forEach(h -> out.add("vs-host:" + h));
            hosts(vs).forEach(h -> ConflictingMeshHostsAnalyzer.coveringWildcards(h).forEach(w -> out.add("vs-under:" + w)));
        } else if (object instanceof DestinationRule dr && dr.getSpec() != null && dr.getSpec().getHost() != null) {
            out.add("dr-host:" + Hosts.resolve(dr.getSpec().getHost(), ns));
        } else if (object instanceof Gateway) {
            out.add("gateway:" + ns + "/" + object.getMetadata().getName());
            out.add("gateways");
        } else if (object instanceof Service) {
            out.add("service:" + Hosts.serviceFqdn(object.getMetadata().getName(), ns));
            out.add("pods:" + ns);
        } else if (object instanceof Deployment) {
            out.add("pods:" + ns);
            out.add("workloads");
        } else if (object instanceof io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRoute route) {
            GatewayApiRefs.parents(route).stream().filter(GatewayApiRefs.Parent::isService)
                    .forEach(p -> out.add("route-parent:" + Hosts.serviceFqdn(p.name(), p.namespace())));
        } else if (object instanceof io.fabric8.kubernetes.api.model.gatewayapi.v1.Gateway) {
            out.add("k8s-gateway:" + ns + "/" + object.getMetadata().getName());
            out.add("k8s-gateways");
        } else if (object instanceof ReferenceGrant) {
            out.add("grants:" + ns);
        } else if (object instanceof Namespace) {
            out.add("namespace:" + object.getMetadata().getName());
        }
        return out;
    }

    /** The keys an object's analyzers read. */
    public static Set<String> reads(HasMetadata object) {
        Set<String> out = new LinkedHashSet<>();
        String ns = object.getMetadata().getNamespace();
        if (object instanceof VirtualService vs && vs.getSpec() != null) {
            for (String h : hosts(vs)) {
                out.add("vs-host:" + h);
                ConflictingMeshHostsAnalyzer.coveringWildcards(h).forEach(w -> out.add("vs-host:" + w));
                if (h.startsWith("*")) {
                    out.add("vs-under:" + h);
                }
            }
            for (String dest : destinationHosts(vs)) {
                out.add("service:" + dest);
                out.add("dr-host:" + dest);
                out.add("pods:" + namespaceOf(dest, ns));
            }
            if (vs.getSpec().getGateways() != null) {
                vs.getSpec().getGateways().stream().filter(g -> g != null && !g.equals("mesh"))
                        .forEach(g -> out.add("gateway:" + (g.contains("/") ? g : ns + "/" + g)));
            }
            hosts(vs).forEach(h -> out.add("route-parent:" + h));
        } else if (object instanceof DestinationRule dr && dr.getSpec() != null && dr.getSpec().getHost() != null) {
            String host = Hosts.resolve(dr.getSpec().getHost(), ns);
            out.add("service:" + host);
            out.add("pods:" + namespaceOf(host, ns));
            out.add("dr-host:" + host);
        } else if (object instanceof Gateway) {
            out.add("gateways");
            out.add("pods:" + ns);
            out.add("workloads");
        } else if (object instanceof io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRoute route && route.getSpec() != null) {
            out.add("namespace:" + ns); // allowedRoutes selectors read the route's namespace
            for (GatewayApiRefs.Parent p : GatewayApiRefs.parents(route)) {
                if (p.isGateway()) {
                    out.add("k8s-gateway:" + p.namespace() + "/" + p.name());
                } else if (p.isService()) {
                    String host = Hosts.serviceFqdn(p.name(), p.namespace());
                    out.add("service:" + host);
                    out.add("vs-host:" + host);
                    out.add("namespace:" + p.namespace());
                    out.add("k8s-gateways"); // the waypoint its labels name
                }
            }
            for (GatewayApiRefs.Backend b : GatewayApiRefs.backends(route)) {
                out.add("service:" + Hosts.serviceFqdn(b.name(), b.namespace()));
                out.add("pods:" + b.namespace());
                if (!b.namespace().equals(ns)) {
                    out.add("grants:" + b.namespace());
                }
            }
        } else if (object instanceof io.fabric8.kubernetes.api.model.gatewayapi.v1.Gateway gateway) {
            ReferenceGrantAnalyzer.certificateNamespaces(gateway).forEach(n -> out.add("grants:" + n));
        }
        return out;
    }

    /**
     * The host keys of the services an object's findings concern (for marking services): a
     * VirtualService's hosts and destinations, a DestinationRule's host, an HTTPRoute's Service parents
     * and backends.
     */
    public static Set<String> serviceHosts(HasMetadata object) {
        Set<String> out = new LinkedHashSet<>();
        String ns = object.getMetadata().getNamespace();
        if (object instanceof VirtualService vs && vs.getSpec() != null) {
            // the hosts and HTTP route destinations: the VirtualServices a service page shows (ClusterCache's host index)
            out.addAll(hosts(vs));
            if (vs.getSpec().getHttp() != null) {
                vs.getSpec().getHttp().stream().filter(Objects::nonNull).flatMap(Dependencies::routeHosts)
                        .filter(Objects::nonNull).map(h -> Hosts.resolve(h, ns)).forEach(out::add);
            }
        } else if (object instanceof DestinationRule dr && dr.getSpec() != null && dr.getSpec().getHost() != null) {
            out.add(Hosts.resolve(dr.getSpec().getHost(), ns));
        } else if (object instanceof io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRoute route && route.getSpec() != null) {
            // the Services it routes (its parents, mesh routing) and sends to
            GatewayApiRefs.parents(route).stream().filter(GatewayApiRefs.Parent::isService)
                    .forEach(p -> out.add(Hosts.serviceFqdn(p.name(), p.namespace())));
            GatewayApiRefs.backends(route).forEach(b -> out.add(Hosts.serviceFqdn(b.name(), b.namespace())));
        }
        return out;
    }

    static List<String> hosts(VirtualService vs) {
        String ns = vs.getMetadata().getNamespace();
        return vs.getSpec().getHosts() == null ? List.of() : vs.getSpec().getHosts().stream()
                .filter(Objects::nonNull).map(h -> Hosts.resolve(h, ns)).distinct().toList();
    }

    /** The keys of every destination host of the VirtualService's HTTP, TCP and TLS routes. */
    static List<String> destinationHosts(VirtualService vs) {
        String ns = vs.getMetadata().getNamespace();
        var spec = vs.getSpec();
        Stream<String> http = spec.getHttp() == null ? Stream.empty() : spec.getHttp().stream()
                .filter(Objects::nonNull)
                .flatMap(r -> Stream.of(routeHosts(r), r.getMirror() == null ? Stream.<String>empty()
                        : Stream.of(r.getMirror().getHost()), mirrorHosts(r)).flatMap(x -> x));
        Stream<String> tcp = spec.getTcp() == null ? Stream.empty() : spec.getTcp().stream()
                .filter(r -> r != null && r.getRoute() != null).flatMap(r -> r.getRoute().stream())
                .filter(d -> d != null && d.getDestination() != null).map(d -> d.getDestination().getHost());
        Stream<String> tls = spec.getTls() == null ? Stream.empty() : spec.getTls().stream()
                .filter(r -> r != null && r.getRoute() != null).flatMap(r -> r.getRoute().stream())
                .filter(d -> d != null && d.getDestination() != null).map(d -> d.getDestination().getHost());
        return Stream.of(http, tcp, tls).flatMap(s -> s).filter(Objects::nonNull)
                .map(h -> Hosts.resolve(h, ns)).distinct().toList();
    }

    private static Stream<String> routeHosts(HTTPRoute r) {
        return r.getRoute() == null ? Stream.empty() : r.getRoute().stream().filter(Objects::nonNull)
                .map(HTTPRouteDestination::getDestination).filter(Objects::nonNull).map(d -> d.getHost());
    }

    private static Stream<String> mirrorHosts(HTTPRoute r) {
        return r.getMirrors() == null ? Stream.empty() : r.getMirrors().stream()
                .filter(m -> m != null && m.getDestination() != null).map(m -> m.getDestination().getHost());
    }

    /** The namespace of a cluster-local host key ({@code name.ns.svc.cluster.local}); else {@code fallback}. */
    static String namespaceOf(String hostKey, String fallback) {
        String suffix = ".svc." + Hosts.DOMAIN;
        if (hostKey.endsWith(suffix)) {
            String[] parts = hostKey.substring(0, hostKey.length() - suffix.length()).split("\\.");
            if (parts.length == 2) {
                return parts[1];
            }
        }
        return fallback;
    }
}
