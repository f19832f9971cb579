package dev.trafficwizard.security;

import dev.trafficwizard.cluster.ClusterInfo;
import dev.trafficwizard.cluster.DemoCluster;
import dev.trafficwizard.cluster.TokenReviews;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.server.context.WebServerInitializedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.crypto.password.PasswordEncoder;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * How a login is checked: passwords (form and Basic) through {@link PasswordLogins} (throttle, then
 * a short cache of verified credentials, then BCrypt), bearer tokens through
 * {@link ServiceAccountLogins}; one {@link LoginThrottle} for both. On the demo cluster, the seeded
 * ServiceAccount {@value DemoCluster#PIPELINE} is an OPERATOR.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ServiceAccountProperties.class)
class LoginConfiguration {

    private static final Logger log = LoggerFactory.getLogger(LoginConfiguration.class);

    @Bean
    LoginThrottle loginThrottle(@Value("${traffic-wizard.security.throttle.user-cap:60s}") java.time.Duration userCap,
                                @Value("${traffic-wizard.security.throttle.address-cap:300s}") java.time.Duration addressCap) {
        return new LoginThrottle(userCap.toSeconds(), addressCap.toSeconds(), Clock.systemUTC());
    }

    /**
     * The only AuthenticationProvider bean, so Spring Security's global AuthenticationManager uses it
     * instead of a plain DaoAuthenticationProvider over the users: no BCrypt check behind the
     * throttle's back (OIDC login adds its own providers to its chain, with this one as parent).
     */
    @Bean
    AuthenticationProvider passwordLogins(UserDetailsService users, PasswordEncoder encoder, LoginThrottle throttle) {
        DaoAuthenticationProvider dao = new DaoAuthenticationProvider(users);
        dao.setPasswordEncoder(encoder);
        return new PasswordLogins(dao, throttle, Clock.systemUTC());
    }

    @Bean
    ServiceAccountLogins serviceAccountLogins(TokenReviews reviews, ServiceAccountProperties properties,
                                              ClusterInfo cluster, LoginThrottle throttle) {
        List<ServiceAccountProperties.Mapping> mappings = new ArrayList<>(properties.serviceAccounts());
        if (cluster.demo()) {
            mappings.add(new ServiceAccountProperties.Mapping(DemoCluster.PIPELINE, null, Role.OPERATOR, List.of()));
        }
        return new ServiceAccountLogins(reviews, mappings, throttle, Clock.systemUTC());
    }

    /**
     * On the demo cluster only, once the port is known: how to try the pipeline token. The token is
     * printed in clear on purpose: it is a random secret of the in-process demo API server, valid in
     * this process only, and there is no kubectl to read it with. No real cluster's token is logged.
     */
    @Bean
    ApplicationListener<WebServerInitializedEvent> demoTokenExample(ClusterInfo cluster, DemoCluster demo) {
        return event -> {
            if (cluster.demo() && demo.pipelineToken() != null
                    && !"management".equals(event.getApplicationContext().getServerNamespace())) {
                log.info(demoTokenLine(demo.pipelineToken(), event.getWebServer().getPort()));
            }
        };
    }

    static String demoTokenLine(String token, int port) {
        return "DEMO ONLY (in-process demo cluster, new token at every start, valid nowhere else): ServiceAccount "
                + DemoCluster.PIPELINE + " is an OPERATOR; try its token: curl -H \"Authorization: Bearer " + token
                + "\" http://localhost:" + port + "/api/v1/services";
    }
}
