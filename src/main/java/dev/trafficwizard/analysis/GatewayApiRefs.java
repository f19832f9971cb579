package dev.trafficwizard.analysis;

import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorRequirement;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.Gateway;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPBackendRef;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRoute;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRouteRule;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.Listener;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.ParentReference;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.RouteNamespaces;
import io.fabric8.kubernetes.api.model.gatewayapi.v1beta1.ReferenceGrant;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What the Gateway API analyzers read of HTTPRoutes and Gateways, with the API's defaults filled in
 * (a parent is a Gateway of {@code gateway.networking.k8s.io} unless it says otherwise, a backend a
 * core Service, a reference without a namespace is in its object's): parents, Service backends,
 * listener hostnames and {@code allowedRoutes}, and whether a ReferenceGrant allows a reference.
 * {@link #parents} and {@link #backends} are also how the caches index routes by Service and the
 * catalog and workflow read where a route is attached.
 */
public final class GatewayApiRefs {

    static final String GROUP = ObjectRef.GATEWAY_API_GROUP;

    private GatewayApiRefs() {
    }

    /** One {@code spec.parentRefs[index]}, defaults applied. */
    public record Parent(int index, String group, String kind, String namespace, String name, String section,
                         Integer port) {

        public boolean isService() {
            return group.isEmpty() && kind.equals("Service");
        }

        public boolean isGateway() {
            return group.equals(GROUP) && kind.equals("Gateway");
        }

        String path() {
            return "spec.parentRefs[" + index + "]";
        }
    }

    /** One Service backend {@code spec.rules[rule].backendRefs[index]}: where it points and its weight (default 1). */
    public record Backend(int rule, int index, String namespace, String name, int weight) {

        String path() {
            return "spec.rules[" + rule + "].backendRefs[" + index + "]";
        }
    }

    public static List<Parent> parents(HTTPRoute route) {
        List<Parent> out = new ArrayList<>();
        List<ParentReference> refs = route.getSpec() == null ? null : route.getSpec().getParentRefs();
        String ns = route.getMetadata().getNamespace();
        for (int i = 0; refs != null && i < refs.size(); i++) {
            ParentReference p = refs.get(i);
            if (p == null || p.getName() == null || p.getName().isEmpty()) {
                continue;
            }
            out.add(new Parent(i, p.getGroup() == null ? GROUP : p.getGroup(), p.getKind() == null ? "Gateway" : p.getKind(),
                    p.getNamespace() == null || p.getNamespace().isEmpty() ? ns : p.getNamespace(), p.getName(),
                    p.getSectionName(), p.getPort()));
        }
        return out;
    }

    /** Whether the route is attached to the Service {@code namespace/name} (GAMMA). */
    public static boolean attachedToService(HTTPRoute route, String namespace, String name) {
        return parents(route).stream().anyMatch(p -> p.isService() && p.namespace().equals(namespace)
                && p.name().equals(name));
    }

    /** The backends of every rule that are core Services (other kinds, such as Istio's Hostname, are left out). */
    public static List<Backend> backends(HTTPRoute route) {
        List<Backend> out = new ArrayList<>();
        List<HTTPRouteRule> rules = route.getSpec() == null ? null : route.getSpec().getRules();
        String ns = route.getMetadata().getNamespace();
        for (int i = 0; rules != null && i < rules.size(); i++) {
            List<HTTPBackendRef> refs = rules.get(i) == null ? null : rules.get(i).getBackendRefs();
            for (int j = 0; refs != null && j < refs.size(); j++) {
                HTTPBackendRef b = refs.get(j);
                if (b == null || b.getName() == null || b.getName().isEmpty() || !isCoreService(b.getGroup(), b.getKind())) {
                    continue;
                }
                out.add(new Backend(i, j, b.getNamespace() == null || b.getNamespace().isEmpty() ? ns : b.getNamespace(),
                        b.getName(), b.getWeight() == null ? 1 : b.getWeight()));
            }
        }
        return out;
    }

    static boolean isCoreService(String group, String kind) {
        return (group == null || group.isEmpty()) && (kind == null || kind.equals("Service"));
    }

    /** The listeners of the Gateway the parent reference picks (by section name and port) that take HTTPRoutes. */
    static List<Listener> listeners(Gateway gateway, Parent parent) {
        List<Listener> all = gateway.getSpec() == null || gateway.getSpec().getListeners() == null ? List.of()
                : gateway.getSpec().getListeners();
        return all.stream().filter(Objects::nonNull)
                .filter(l -> parent.section() == null || parent.section().equals(l.getName()))
                .filter(l -> parent.port() == null || parent.port().equals(l.getPort()))
                .filter(GatewayApiRefs::takesHttpRoutes).toList();
    }

    /** Whether a listener takes HTTPRoutes: listed among its {@code allowedRoutes.kinds}, else by its protocol. */
    static boolean takesHttpRoutes(Listener l) {
        var kinds = l.getAllowedRoutes() == null ? null : l.getAllowedRoutes().getKinds();
        if (kinds != null && !kinds.isEmpty()) {
            return kinds.stream().filter(Objects::nonNull).anyMatch(k -> "HTTPRoute".equals(k.getKind())
                    && (k.getGroup() == null || GROUP.equals(k.getGroup())));
        }
        return "HTTP".equals(l.getProtocol()) || "HTTPS".equals(l.getProtocol());
    }

    /**
     * Whether the listener admits routes of {@code routeNamespace} ({@code allowedRoutes.namespaces.from}:
     * {@code Same}, the default, {@code All}, {@code Selector} over the namespace's labels, {@code None});
     * null when it cannot be told (a selector, and the namespace's labels unknown).
     */
    static Boolean admits(Listener l, String gatewayNamespace, String routeNamespace, Map<String, String> labels) {
        RouteNamespaces namespaces = l.getAllowedRoutes() == null ? null : l.getAllowedRoutes().getNamespaces();
        String from = namespaces == null || namespaces.getFrom() == null ? "Same" : namespaces.getFrom();
        return switch (from) {
            case "All" -> true;
            case "Same" -> gatewayNamespace.equals(routeNamespace);
            case "Selector" -> labels.isEmpty() ? null : selects(namespaces.getSelector(), labels);
            default -> false;
        };
    }

    /** Whether a label selector selects these labels (no selector selects nothing, an empty one everything). */
    static boolean selects(LabelSelector selector, Map<String, String> labels) {
        if (selector == null) {
            return false;
        }
        if (selector.getMatchLabels() != null && !labels.entrySet().containsAll(selector.getMatchLabels().entrySet())) {
            return false;
        }
        for (LabelSelectorRequirement r : selector.getMatchExpressions() == null ? List.<LabelSelectorRequirement>of()
                : selector.getMatchExpressions()) {
            String value = labels.get(r.getKey());
            List<String> values = r.getValues() == null ? List.of() : r.getValues();
            boolean ok = switch (String.valueOf(r.getOperator())) {
                case "In" -> value != null && values.contains(value);
                case "NotIn" -> value == null || !values.contains(value);
                case "Exists" -> value != null;
                case "DoesNotExist" -> value == null;
                default -> false;
            };
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    /**
     * Whether two hostnames (a listener's, a route's) have a host in common: equal, or one a wildcard
     * ({@code *.example.com}) whose suffix the other ends with (a wildcard matches one or more labels).
     */
    static boolean intersect(String a, String b) {
        String x = a.toLowerCase(java.util.Locale.ROOT);
        String y = b.toLowerCase(java.util.Locale.ROOT);
        return x.equals(y) || x.startsWith("*.") && y.endsWith(x.substring(1))
                || y.startsWith("*.") && x.endsWith(y.substring(1));
    }

    /**
     * Whether a ReferenceGrant in {@code toNamespace} lets objects of {@code fromKind} (Gateway API group)
     * in {@code fromNamespace} refer to the core object {@code toKind/toName}.
     */
    static boolean granted(MeshSnapshot mesh, String fromKind, String fromNamespace, String toKind, String toNamespace,
                           String toName) {
        for (ReferenceGrant grant : mesh.referenceGrants(toNamespace)) {
            var spec = grant.getSpec();
            if (spec == null || spec.getFrom() == null || spec.getTo() == null) {
                continue;
            }
            boolean from = spec.getFrom().stream().filter(Objects::nonNull).anyMatch(f -> GROUP.equals(f.getGroup())
                    && fromKind.equals(f.getKind()) && fromNamespace.equals(f.getNamespace()));
            boolean to = spec.getTo().stream().filter(Objects::nonNull).anyMatch(t -> (t.getGroup() == null
                    || t.getGroup().isEmpty()) && toKind.equals(t.getKind())
                    && (t.getName() == null || t.getName().isEmpty() || t.getName().equals(toName)));
            if (from && to) {
                return true;
            }
        }
        return false;
    }
}
