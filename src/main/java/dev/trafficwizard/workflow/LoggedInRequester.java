package dev.trafficwizard.workflow;

import dev.trafficwizard.cluster.Requester;
import dev.trafficwizard.security.Actor;
import dev.trafficwizard.security.Role;
import org.springframework.stereotype.Component;

import java.util.Optional;

/** The cluster writes of a user action are made for the logged-in user (when impersonation is on). */
@Component
class LoggedInRequester implements Requester {

    @Override
    public Optional<User> current() {
        return Optional.ofNullable(Actor.current())
                .map(name -> new User(name, Actor.roles().stream().map(Role::name).toList()));
    }
}
