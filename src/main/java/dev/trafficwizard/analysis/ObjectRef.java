package dev.trafficwizard.analysis;

import io.fabric8.kubernetes.api.model.HasMetadata;

/**
 * Which object a finding concerns: kind, namespace, name. The kind is as Kubernetes names it, except
 * that kinds of the Gateway API group are qualified by it, as kubectl qualifies an ambiguous resource
 * ({@code Gateway.gateway.networking.k8s.io}, {@code HTTPRoute.gateway.networking.k8s.io}): the Gateway
 * API's Gateway and Istio's Gateway must never share a key, a link or a page.
 */
public record ObjectRef(String kind, String namespace, String name) implements Comparable<ObjectRef> {

    /** The Gateway API's group: its kinds are qualified by it. */
    public static final String GATEWAY_API_GROUP = "gateway.networking.k8s.io";

    public static ObjectRef of(HasMetadata object) {
        return new ObjectRef(kindOf(object), object.getMetadata().getNamespace(), object.getMetadata().getName());
    }

    /** The kind as a key holds it: {@code Kind}, or {@code Kind.gateway.networking.k8s.io} for the Gateway API's kinds. */
    public static String kindOf(HasMetadata object) {
        String apiVersion = object.getApiVersion();
        boolean gatewayApi = apiVersion != null && apiVersion.startsWith(GATEWAY_API_GROUP + "/");
        return gatewayApi ? object.getKind() + "." + GATEWAY_API_GROUP : object.getKind();
    }

    /** The kind without its group ({@code Gateway} for {@code Gateway.gateway.networking.k8s.io}): what a YAML document says. */
    public String plainKind() {
        int dot = kind == null ? -1 : kind.indexOf('.');
        return dot < 0 ? kind : kind.substring(0, dot);
    }

    /** The API group a qualified kind names ({@code gateway.networking.k8s.io}); null for a plain kind. */
    public String group() {
        int dot = kind == null ? -1 : kind.indexOf('.');
        return dot < 0 ? null : kind.substring(dot + 1);
    }

    /** {@code Kind/namespace/name}: the key results are held under. */
    public String key() {
        return kind + "/" + namespace + "/" + name;
    }

    /** The reference a {@link #key()} names; empty when the text is no such key (none of the three parts empty). */
    public static java.util.Optional<ObjectRef> parse(String key) {
        if (key == null || key.length() > 600) {
            return java.util.Optional.empty();
        }
        String[] parts = key.split("/", 3);
        return parts.length == 3 && !parts[0].isEmpty() && !parts[1].isEmpty() && !parts[2].isEmpty()
                ? java.util.Optional.of(new ObjectRef(parts[0], parts[1], parts[2])) : java.util.Optional.empty();
    }

    @Override
    public int compareTo(ObjectRef o) {
        int c = String.valueOf(namespace).compareTo(String.valueOf(o.namespace));
        if (c != 0) {
            return c;
        }
        c = kind.compareTo(o.kind);
        return c != 0 ? c : name.compareTo(o.name);
    }
}
