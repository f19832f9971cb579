package dev.trafficwizard.security;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;

import java.util.Arrays;
import java.util.List;

/** The logged-in user's name and roles, for history, audit and impersonation; null/empty outside a request. */
public final class Actor {

    private Actor() {
    }

    public static String current() {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        return auth == null || !auth.isAuthenticated() ? null : auth.getName();
    }

    /** The roles the logged-in user holds (an admin holds all three), in the order of {@link Role}. */
    public static List<Role> roles() {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        if (auth == null || !auth.isAuthenticated()) {
            return List.of();
        }
        List<String> granted = Authorities.reachable(auth.getAuthorities()).stream()
                .map(GrantedAuthority::getAuthority).toList();
        return Arrays.stream(Role.values()).filter(r -> granted.contains(r.authority())).toList();
    }
}
