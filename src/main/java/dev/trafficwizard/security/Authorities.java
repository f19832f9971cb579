package dev.trafficwizard.security;

import org.springframework.security.access.hierarchicalroles.RoleHierarchy;
import org.springframework.security.access.hierarchicalroles.RoleHierarchyImpl;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Roles and allowed namespaces as granted authorities: {@code ROLE_OPERATOR},
 * {@code NAMESPACE_default}. A user is granted the roles they hold; what those include (an ADMIN
 * is an OPERATOR and a VIEWER) is Spring Security's {@link RoleHierarchy} ({@link #HIERARCHY}),
 * which the request rules, {@link AccessPolicy} and {@link Actor#roles()} all read.
 */
final class Authorities {

    static final String NAMESPACE_PREFIX = "NAMESPACE_";

    /** ADMIN > OPERATOR > VIEWER. */
    static final RoleHierarchy HIERARCHY = RoleHierarchyImpl.withDefaultRolePrefix()
            .role(Role.ADMIN.name()).implies(Role.OPERATOR.name())
            .role(Role.OPERATOR.name()).implies(Role.VIEWER.name())
            .build();

    private Authorities() {
    }

    static List<GrantedAuthority> of(Collection<Role> roles, Collection<String> namespaces) {
        List<GrantedAuthority> out = new ArrayList<>();
        roles.stream().distinct().sorted().forEach(role -> out.add(new SimpleGrantedAuthority(role.authority())));
        namespaces.forEach(ns -> out.add(new SimpleGrantedAuthority(NAMESPACE_PREFIX + ns)));
        return out;
    }

    /** The authorities granted and every role they include. */
    static Collection<? extends GrantedAuthority> reachable(Collection<? extends GrantedAuthority> granted) {
        return HIERARCHY.getReachableGrantedAuthorities(granted);
    }
}
