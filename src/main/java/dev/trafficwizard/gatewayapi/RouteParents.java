package dev.trafficwizard.gatewayapi;

import dev.trafficwizard.routing.EffectiveHosts;
import dev.trafficwizard.routing.GatewayPlan;
import dev.trafficwizard.routing.Hosts;
import dev.trafficwizard.routing.RoutingPlan;
import dev.trafficwizard.routing.TargetService;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.ParentReference;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Where the plan's HTTPRoute attaches and which hostnames it serves.
 * <ul>
 * <li>Mesh only: the Service itself (GAMMA, group "" kind Service), no hostnames. A GAMMA route
 * routes that Service's traffic only, so a plan host that is not the service (Istio's VirtualService
 * could route any host in the mesh) is {@link Untranslatable}; one that names the service (its short
 * name or FQDN) is what the Service parent means already, and reads back as no hosts.</li>
 * <li>Ingress: the Gateway API Gateway ({@code name} in the service's namespace, or
 * {@code namespace/name}), plus the Service when {@code includeMesh}. Hostnames are the hosts the
 * Istio VirtualService would get ({@link EffectiveHosts}: the plan's, else the gateway's without
 * their {@code namespace/} part, plus the service FQDN with the mesh, which Istio needs to accept the
 * route on the Service parent); a {@code *} among them means every host, that is no hostnames. A
 * host the Gateway API cannot name (upper case, {@code *} inside, a trailing dot…) is
 * {@link Untranslatable}.</li>
 * </ul>
 */
final class RouteParents {

    static final String GATEWAY_GROUP = "gateway.networking.k8s.io";
    private static final Pattern HOSTNAME =
            Pattern.compile("^(\\*\\.)?[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$");

    record Attachment(List<ParentReference> parents, List<String> hostnames) {
    }

    private RouteParents() {
    }

    static Attachment of(RoutingPlan plan, TargetService target, List<Untranslatable> untranslatable) {
        GatewayPlan gateway = plan.gateway();
        if (gateway == null) {
            for (String host : plan.hosts()) {
                if (host == null || !Hosts.resolve(host, plan.namespace()).equals(target.fqdn())) {
                    untranslatable.add(new Untranslatable("hosts", "a mesh HTTPRoute attaches to the Service and"
                            + " routes its traffic only, not that of other hosts such as '" + host + "'"));
                    break;
                }
            }
            return new Attachment(List.of(serviceParent(plan.service())), List.of());
        }
        List<ParentReference> parents = new ArrayList<>();
        parents.add(gatewayParent(gateway));
        if (gateway.includeMesh()) {
            parents.add(serviceParent(plan.service()));
        }
        return new Attachment(parents, hostnames(plan, target, untranslatable));
    }

    /** The hostnames of an ingress route: the effective hosts, none when one of them is {@code *}. */
    static List<String> hostnames(RoutingPlan plan, TargetService target, List<Untranslatable> untranslatable) {
        Set<String> out = new LinkedHashSet<>();
        for (String host : EffectiveHosts.of(plan, target)) {
            if ("*".equals(host)) {
                return List.of();
            }
            if (host == null || !isHostname(host)) {
                untranslatable.add(new Untranslatable(plan.hosts().isEmpty() ? "gateway.hosts" : "hosts",
                        "'" + host + "' is no Gateway API hostname: lower case DNS names only, optionally starting"
                                + " with '*.', no IP address"));
            } else {
                out.add(host);
            }
        }
        if (out.size() > CrdLimits.HOSTNAMES) {
            untranslatable.add(new Untranslatable(plan.hosts().isEmpty() ? "gateway.hosts" : "hosts", "an HTTPRoute"
                    + " holds at most " + CrdLimits.HOSTNAMES + " hostnames, the plan has " + out.size()));
        }
        return List.copyOf(out);
    }

    static boolean isHostname(String host) {
        return host.length() <= 253 && HOSTNAME.matcher(host).matches()
                && !host.chars().allMatch(c -> c == '.' || Character.isDigit(c));
    }

    static ParentReference serviceParent(String service) {
        ParentReference parent = new ParentReference();
        parent.setGroup("");
        parent.setKind("Service");
        parent.setName(service);
        return parent;
    }

    static ParentReference gatewayParent(GatewayPlan gateway) {
        ParentReference parent = new ParentReference();
        parent.setGroup(GATEWAY_GROUP);
        parent.setKind("Gateway");
        String name = gateway.name();
        int slash = name == null || gateway.create() ? -1 : name.indexOf('/');
        parent.setName(slash < 0 ? name : name.substring(slash + 1));
        parent.setNamespace(slash < 0 ? null : name.substring(0, slash));
        return parent;
    }
}
