package dev.trafficwizard.security;

import org.springframework.security.core.GrantedAuthority;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Maps the values of the configured OIDC claim (a string or a list) to roles and authorities. */
final class OidcRoles {

    private OidcRoles() {
    }

    static List<GrantedAuthority> authorities(Map<String, Object> claims, SecurityProperties.Oidc config) {
        Object claim = claims.get(config.roleClaim());
        Set<Role> roles = new LinkedHashSet<>();
        if (claim instanceof Collection<?> values) {
            values.forEach(v -> add(roles, String.valueOf(v), config));
        } else if (claim != null) {
            add(roles, String.valueOf(claim), config);
        }
        return Authorities.of(roles, config.namespaces());
    }

    private static void add(Set<Role> roles, String value, SecurityProperties.Oidc config) {
        Role role = config.roleMapping().get(value);
        if (role != null) {
            roles.add(role);
        }
    }
}
