package dev.trafficwizard.ownership;

/** The fields of one {@code metadata.ownerReferences} entry that ownership needs, as plain values. */
public record OwnerRef(String apiVersion, String kind, String name, boolean controller) {
}
