package dev.trafficwizard.security;

/**
 * What a user may do. VIEWER reads, previews, diffs, simulates and sees history; OPERATOR also
 * applies, deletes and rolls back routing in the namespaces allowed to them; ADMIN may do so
 * everywhere and also takes over routing Traffic Wizard does not manage.
 */
public enum Role {
    VIEWER, OPERATOR, ADMIN;

    public String authority() {
        return "ROLE_" + name();
    }
}
