package dev.trafficwizard.ownership;

/**
 * An object a write would change or delete, and the tool that owns it: {@link #object()} reads
 * "VirtualService bookinfo/reviews".
 */
public record OwnedObject(String kind, String namespace, String name, Owner owner) {

    public String object() {
        return kind + " " + namespace + "/" + name;
    }

    /** What the history and the audit line say when an admin overrides: "overrode Argo CD ownership of ...". */
    public String override() {
        return "overrode " + owner.tool() + " ownership of " + object();
    }
}
