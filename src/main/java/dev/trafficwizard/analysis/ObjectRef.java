package dev.trafficwizard.analysis;

import io.fabric8.kubernetes.api.model.HasMetadata;

/** Which object a finding concerns: kind (as Kubernetes names it), namespace, name. */
public record ObjectRef(String kind, String namespace, String name) implements Comparable<ObjectRef> {

    public static ObjectRef of(HasMetadata object) {
        return new ObjectRef(object.getKind(), object.getMetadata().getNamespace(), object.getMetadata().getName());
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
