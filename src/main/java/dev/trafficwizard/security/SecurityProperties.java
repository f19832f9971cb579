package dev.trafficwizard.security;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.util.List;
import java.util.Map;

/**
 * Users and roles. {@code users}: name, BCrypt password hash, roles, and for operators the
 * namespaces they may change (empty: all). {@code oidc}: which claim carries the groups, how its
 * values map to roles, and the namespaces OIDC operators may change.
 */
@ConfigurationProperties("traffic-wizard.security")
public record SecurityProperties(List<User> users, Oidc oidc) {

    public SecurityProperties {
        users = users == null ? List.of() : List.copyOf(users);
        oidc = oidc == null ? new Oidc(null, null, null) : oidc;
    }

    /** A configured user; {@code password} is a BCrypt hash, with or without the {@code {bcrypt}} prefix. */
    public record User(String name, String password, List<Role> roles, List<String> namespaces) {

        public User {
            roles = roles == null ? List.of() : List.copyOf(roles);
            namespaces = namespaces == null ? List.of() : List.copyOf(namespaces);
        }
    }

    /** Claim to role mapping for OIDC logins, e.g. groups: platform-admins → ADMIN. */
    public record Oidc(String roleClaim, Map<String, Role> roleMapping, List<String> namespaces) {

        public Oidc {
            roleClaim = roleClaim == null || roleClaim.isBlank() ? "groups" : roleClaim;
            roleMapping = roleMapping == null ? Map.of() : Map.copyOf(roleMapping);
            namespaces = namespaces == null ? List.of() : List.copyOf(namespaces);
        }
    }
}
