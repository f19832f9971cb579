package dev.trafficwizard.security;

import dev.trafficwizard.cluster.ClusterInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;

import java.util.ArrayList;
import java.util.List;

/**
 * Users from configuration (BCrypt hashes). In demo mode only, three demo users exist:
 * admin/admin, operator/operator, viewer/viewer. Outside demo mode there is no default user, and
 * startup fails with a clear message when no user is configured and OIDC is off.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(SecurityProperties.class)
class UsersConfiguration {

    private static final Logger log = LoggerFactory.getLogger(UsersConfiguration.class);
    static final List<String> DEMO_USERS = List.of("admin", "operator", "viewer");

    @Bean
    PasswordEncoder passwordEncoder() {
        return new BCryptPasswordEncoder();
    }

    @Bean
    UserDetailsService users(SecurityProperties properties, ClusterInfo cluster, PasswordEncoder encoder,
                             ObjectProvider<ClientRegistrationRepository> oidc) {
        List<UserDetails> users = new ArrayList<>();
        for (SecurityProperties.User user : properties.users()) {
            if (user.name() == null || user.name().isBlank() || user.password() == null || user.roles().isEmpty()) {
                throw new IllegalStateException("traffic-wizard.security.users: every user needs a name, a BCrypt "
                        + "password hash and at least one role (VIEWER, OPERATOR, ADMIN)");
            }
            String hash = user.password().startsWith("{bcrypt}") ? user.password().substring(8) : user.password();
            users.add(User.withUsername(user.name()).password(hash)
                    .authorities(Authorities.of(user.roles(), user.namespaces())).build());
        }
        if (cluster.demo()) {
            users.add(demo("admin", Role.ADMIN, encoder));
            users.add(demo("operator", Role.OPERATOR, encoder));
            users.add(demo("viewer", Role.VIEWER, encoder));
            log.info("Demo cluster: demo users admin/admin, operator/operator and viewer/viewer can log in");
        }
        if (users.isEmpty() && oidc.getIfAvailable() == null) {
            throw new IllegalStateException("No users are configured and OIDC login is off. Configure users "
                    + "(traffic-wizard.security.users[0].name/password/roles, password as a BCrypt hash) or an "
                    + "OIDC client (spring.security.oauth2.client.registration.*). Demo users exist only on the "
                    + "embedded demo cluster.");
        }
        return new InMemoryUserDetailsManager(users);
    }

    private static UserDetails demo(String name, Role role, PasswordEncoder encoder) {
        return User.withUsername(name).password(encoder.encode(name))
                .authorities(Authorities.of(List.of(role), List.of())).build();
    }
}
