package dev.trafficwizard.cluster;

import java.util.List;
import java.util.Optional;

/**
 * Who a write is made for. Provided from outside this package (the workflow knows the logged-in
 * user), so that cluster/ depends on no security code; used only when impersonation is on.
 */
@FunctionalInterface
public interface Requester {

    /** The user of the current request with their roles (e.g. OPERATOR); empty outside a request. */
    Optional<User> current();

    record User(String name, List<String> roles) {

        public User {
            roles = roles == null ? List.of() : List.copyOf(roles);
        }
    }
}
