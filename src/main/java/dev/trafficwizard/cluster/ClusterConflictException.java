package dev.trafficwizard.cluster;

/** Someone changed or removed an object since it was read: nothing was written. */
public class ClusterConflictException extends RuntimeException {

    private final String kind;
    private final String namespace;
    private final String name;

    public ClusterConflictException(String kind, String namespace, String name, Throwable cause) {
        super(kind + " " + namespace + "/" + name + " was changed in the cluster since it was read", cause);
        this.kind = kind;
        this.namespace = namespace;
        this.name = name;
    }

    public String kind() {
        return kind;
    }

    public String namespace() {
        return namespace;
    }

    public String name() {
        return name;
    }
}
