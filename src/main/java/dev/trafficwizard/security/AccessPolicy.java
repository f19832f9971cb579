package dev.trafficwizard.security;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;

import java.util.List;

/**
 * Who may change what, checked on the server for every write whatever the request: operators in
 * their namespaces (all when none are listed), admins everywhere; only admins take over routing;
 * operators and admins share proposals for review where they may write.
 * Used by method security on the workflow as {@code @access}.
 */
@Component("access")
public class AccessPolicy {

    public boolean canWrite(Authentication auth, String namespace) {
        if (has(auth, Role.ADMIN)) {
            return true;
        }
        if (!has(auth, Role.OPERATOR)) {
            return false;
        }
        List<String> allowed = namespaces(auth);
        return allowed.isEmpty() || allowed.contains(namespace);
    }

    /** For templates: may the current user change routing in {@code namespace}? */
    public boolean canWriteHere(String namespace) {
        return canWrite(SecurityContextHolder.getContext().getAuthentication(), namespace);
    }

    /** For templates: may the current user take over routing? */
    public boolean canTakeOverHere() {
        return canTakeOver(SecurityContextHolder.getContext().getAuthentication());
    }

    /** For templates: may the current user share a proposal for review? */
    public boolean canShareHere() {
        return canShare(SecurityContextHolder.getContext().getAuthentication());
    }

    /** Sharing a proposal writes nothing but the review itself: operators and admins. */
    public boolean canShare(Authentication auth) {
        return has(auth, Role.OPERATOR) || has(auth, Role.ADMIN);
    }

    /**
     * Sharing a proposal for {@code namespace} stores the review there: only where the user may
     * change routing (an operator limited to {@code bookinfo} shares nothing in {@code default}).
     */
    public boolean canShare(Authentication auth, String namespace) {
        return canShare(auth) && canWrite(auth, namespace);
    }

    /** For templates: may the current user share a proposal for {@code namespace}? */
    public boolean canShareHere(String namespace) {
        return canShare(SecurityContextHolder.getContext().getAuthentication(), namespace);
    }

    public boolean canTakeOver(Authentication auth) {
        return has(auth, Role.ADMIN);
    }

    private static boolean has(Authentication auth, Role role) {
        return auth != null && auth.isAuthenticated() && Authorities.reachable(auth.getAuthorities()).stream()
                .map(GrantedAuthority::getAuthority).anyMatch(role.authority()::equals);
    }

    private static List<String> namespaces(Authentication auth) {
        return auth.getAuthorities().stream().map(GrantedAuthority::getAuthority)
                .filter(a -> a.startsWith(Authorities.NAMESPACE_PREFIX))
                .map(a -> a.substring(Authorities.NAMESPACE_PREFIX.length())).toList();
    }
}
