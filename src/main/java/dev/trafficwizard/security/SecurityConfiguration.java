package dev.trafficwizard.security;

import io.github.wimdeblauwe.htmx.spring.boot.security.HxLocationRedirectAuthenticationEntryPoint;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.MessageSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserRequest;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserService;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.client.userinfo.OAuth2UserService;
import org.springframework.security.oauth2.core.oidc.user.DefaultOidcUser;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.HttpStatusEntryPoint;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.authentication.www.BasicAuthenticationEntryPoint;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter;
import org.springframework.security.web.util.matcher.RequestHeaderRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

import static org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher.pathPattern;

/**
 * Login (form, HTTP Basic for pipelines, optional OIDC), the role rules for every page, fragment
 * and API call, CSRF everywhere except requests authenticated by an Authorization header, and the
 * security headers. Fine-grained rules (namespaces, take over) are checked again by method
 * security on the workflow, whatever URL a request came through.
 */
@Configuration(proxyBeanMethods = false)
@EnableMethodSecurity
class SecurityConfiguration {

    static final String CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
            + "font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; "
            + "frame-ancestors 'none'";

    private static final String[] PUBLIC = {"/login", "/css/**", "/js/**", "/img/**", "/webjars/**",
        "/actuator/health/**", "/actuator/prometheus", "/error"};

    @Bean
    SecurityFilterChain filterChain(HttpSecurity http, ObjectProvider<ClientRegistrationRepository> oidc,
                                    SecurityProperties properties, MessageSource messages) throws Exception {
        RequestMatcher htmx = new RequestHeaderRequestMatcher("HX-Request", "true");
        RequestMatcher api = pathPattern("/api/**");
        RequestMatcher authorizationHeader = request -> request.getHeader("Authorization") != null;
        http.authorizeHttpRequests(auth -> auth
                        .requestMatchers(PUBLIC).permitAll()
                        .requestMatchers(HttpMethod.POST, "/services/*/*/take-over").hasRole(Role.ADMIN.name())
                        .requestMatchers(HttpMethod.POST, "/services/*/*/*/apply", "/services/*/*/*/review",
                                "/services/*/*/routing/delete")
                        .hasAnyRole(Role.OPERATOR.name(), Role.ADMIN.name())
                        .requestMatchers(HttpMethod.POST, "/api/v1/routing/apply", "/api/v1/namespaces/*/services/*/history/*/rollback")
                        .hasAnyRole(Role.OPERATOR.name(), Role.ADMIN.name())
                        .requestMatchers(HttpMethod.DELETE, "/api/**").hasAnyRole(Role.OPERATOR.name(), Role.ADMIN.name())
                        .anyRequest().hasAnyRole(Role.VIEWER.name(), Role.OPERATOR.name(), Role.ADMIN.name()))
                .formLogin(form -> form.loginPage("/login").permitAll())
                .httpBasic(basic -> basic.authenticationEntryPoint(new BasicAuthenticationEntryPoint() {{
                    setRealmName("Traffic Wizard");
                }}))
                .logout(logout -> logout.logoutSuccessUrl("/login?logout"))
                .exceptionHandling(ex -> ex
                        .accessDeniedHandler(new ForbiddenHandler(messages))
                        .defaultAuthenticationEntryPointFor(new HxLocationRedirectAuthenticationEntryPoint("/login"), htmx)
                        .defaultAuthenticationEntryPointFor(new HttpStatusEntryPoint(HttpStatus.UNAUTHORIZED), api)
                        .defaultAuthenticationEntryPointFor(new LoginUrlAuthenticationEntryPoint("/login"),
                                request -> true))
                .csrf(csrf -> csrf.ignoringRequestMatchers(authorizationHeader))
                .headers(headers -> headers
                        .contentSecurityPolicy(policy -> policy.policyDirectives(CSP))
                        .frameOptions(frame -> frame.deny())
                        .contentTypeOptions(options -> { })
                        .referrerPolicy(referrer -> referrer.policy(
                                ReferrerPolicyHeaderWriter.ReferrerPolicy.STRICT_ORIGIN_WHEN_CROSS_ORIGIN)));
        if (oidc.getIfAvailable() != null) {
            http.oauth2Login(login -> login.loginPage("/login")
                    .userInfoEndpoint(info -> info.oidcUserService(oidcUsers(properties.oidc()))));
        }
        return http.build();
    }

    private static OAuth2UserService<OidcUserRequest, OidcUser> oidcUsers(SecurityProperties.Oidc config) {
        OidcUserService delegate = new OidcUserService();
        return request -> {
            OidcUser user = delegate.loadUser(request);
            return new DefaultOidcUser(OidcRoles.authorities(user.getClaims(), config), user.getIdToken(),
                    user.getUserInfo());
        };
    }
}
