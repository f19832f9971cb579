package dev.trafficwizard.security;

import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Roles and allowed namespaces as granted authorities: {@code ROLE_OPERATOR},
 * {@code NAMESPACE_default}. Roles include the ones below them (ADMIN is an OPERATOR and a VIEWER).
 */
final class Authorities {

    static final String NAMESPACE_PREFIX = "NAMESPACE_";

    private Authorities() {
    }

    static List<GrantedAuthority> of(Collection<Role> roles, Collection<String> namespaces) {
        List<GrantedAuthority> out = new ArrayList<>();
        Role highest = roles.stream().max(Enum::compareTo).orElse(null);
        if (highest != null) {
            for (Role role : Role.values()) {
                if (role.compareTo(highest) <= 0) {
                    out.add(new SimpleGrantedAuthority(role.authority()));
                }
            }
        }
        namespaces.forEach(ns -> out.add(new SimpleGrantedAuthority(NAMESPACE_PREFIX + ns)));
        return out;
    }
}
