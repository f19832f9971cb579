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
