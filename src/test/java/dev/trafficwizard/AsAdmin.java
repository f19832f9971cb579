package dev.trafficwizard;

import dev.trafficwizard.catalog.Catalog;
import dev.trafficwizard.catalog.RoutingState;
import dev.trafficwizard.workflow.RoutingWorkflow;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;

import java.util.List;
import java.util.function.Supplier;

/**
 * Runs test set-up and clean-up as an admin: MockMvc requests clear the thread's security
 * context when they finish, and the workflow's writes are checked by method security.
 */
public final class AsAdmin {

    private AsAdmin() {
    }

    public static void run(Runnable action) {
        get(() -> {
            action.run();
            return null;
        });
    }

    /** Removes the managed routing of each of these services that has some (test clean-up). */
    public static void removeManagedRouting(Catalog catalog, RoutingWorkflow workflow, String namespace,
                                            String... services) {
        run(() -> {
            for (String service : services) {
                if (catalog.service(namespace, service).orElseThrow().routing() == RoutingState.MANAGED) {
                    workflow.delete(namespace, service);
                }
            }
        });
    }

    public static <T> T get(Supplier<T> action) {
        SecurityContext previous = SecurityContextHolder.getContext();
        SecurityContext admin = SecurityContextHolder.createEmptyContext();
        admin.setAuthentication(UsernamePasswordAuthenticationToken.authenticated("test-admin", null, List.of(
                new SimpleGrantedAuthority("ROLE_ADMIN"), new SimpleGrantedAuthority("ROLE_OPERATOR"),
                new SimpleGrantedAuthority("ROLE_VIEWER"))));
        SecurityContextHolder.setContext(admin);
        try {
            return action.get();
        } finally {
            SecurityContextHolder.setContext(previous);
        }
    }
}
