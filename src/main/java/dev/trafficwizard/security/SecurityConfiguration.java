package dev.trafficwizard.security;

import io.github.wimdeblauwe.htmx.spring.boot.security.HxLocationRedirectAuthenticationEntryPoint;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.MessageSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;
import org.springframework.security.access.hierarchicalroles.RoleHierarchy;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.HeadersConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserRequest;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserService;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.client.userinfo.OAuth2UserService;
import org.springframework.security.oauth2.core.oidc.user.DefaultOidcUser;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;
import org.springframework.security.web.context.RequestAttributeSecurityContextRepository;
import org.springframework.security.web.csrf.CsrfFilter;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter;
import org.springframework.security.web.header.writers.StaticHeadersWriter;
import org.springframework.security.web.savedrequest.NullRequestCache;
import org.springframework.security.web.util.matcher.RequestHeaderRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

import static org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher.pathPattern;

/**
 * Two filter chains with the same role rules ({@link #authorize}). Requests carrying Basic or
 * Bearer credentials (pipelines, Prometheus) go to the stateless chain: authenticated by that
 * header alone (a session cookie on the same request is not read), no CSRF token, 401/429 when the
 * credentials fail. Everything else (browsers: form login, optional OIDC) goes to the session chain
 * with CSRF enforced everywhere and cross-site writes refused ({@link CrossSiteRequests}).
 * Fine-grained rules (namespaces, take over) are checked again by method security on the workflow.
 */
@Configuration(proxyBeanMethods = false)
@EnableMethodSecurity
class SecurityConfiguration {

    static final String CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
            + "font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; "
            + "frame-ancestors 'none'";
    static final String PERMISSIONS = "camera=(), microphone=(), geolocation=(), payment=(), usb=()";

    private static final String[] PUBLIC = {"/login", "/css/**", "/js/**", "/img/**", "/webjars/**",
        "/actuator/health/**", "/error"};

    /** Basic or Bearer (any case) with non-empty credentials ({@link Credentials}). */
    static boolean carriesCredentials(HttpServletRequest request) {
        return Credentials.parse(request) != null;
    }

    /** Lets {@link ClientAddress} see the connection's own peer, before Tomcat applies X-Forwarded-For. */
    @Bean
    static org.springframework.boot.web.server.WebServerFactoryCustomizer<
            org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory> peerValve() {
        return ClientAddress.firstValve();
    }

    @Bean
    @Order(1)
    SecurityFilterChain credentialsChain(HttpSecurity http, MessageSource messages, ServiceAccountLogins tokens,
                                         @Value("${traffic-wizard.external-url:}") String externalUrl) throws Exception {
        ApiEntryPoint entryPoint = new ApiEntryPoint(messages);
        http.securityMatcher(SecurityConfiguration::carriesCredentials)
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .securityContext(context -> context.securityContextRepository(new RequestAttributeSecurityContextRepository()))
                .requestCache(cache -> cache.requestCache(new NullRequestCache()))
                .csrf(csrf -> csrf.disable())
                .httpBasic(basic -> basic.authenticationEntryPoint(entryPoint)
                        .authenticationDetailsSource(ClientAddress.DETAILS))
                .addFilterBefore(new BearerTokens(tokens, entryPoint, messages), BasicAuthenticationFilter.class)
                // a browser that once answered a Basic challenge attaches the credentials to every request,
                // cross-site form posts included: without CSRF tokens here, Origin/Sec-Fetch-Site must decide
                .addFilterBefore(new CrossSiteRequests(externalUrl, messages), BearerTokens.class)
                .exceptionHandling(ex -> ex.authenticationEntryPoint(entryPoint)
                        .accessDeniedHandler(new ForbiddenHandler(messages)));
        authorize(http);
        headers(http);
        return http.build();
    }

    @Bean
    @Order(2)
    SecurityFilterChain sessionChain(HttpSecurity http, ObjectProvider<ClientRegistrationRepository> oidc,
                                     SecurityProperties properties, MessageSource messages,
                                     ObjectProvider<org.springframework.web.servlet.LocaleResolver> locales,
                                     @Value("${traffic-wizard.external-url:}") String externalUrl) throws Exception {
        var pageLocale = locales.getIfAvailable();
        RequestMatcher htmx = new RequestHeaderRequestMatcher("HX-Request", "true");
        RequestMatcher logout = pathPattern(HttpMethod.POST, "/logout");
        http.formLogin(form -> form.loginPage("/login").permitAll()
                        .authenticationDetailsSource(ClientAddress.DETAILS).failureHandler((request, response, failure) ->
                        response.sendRedirect(request.getContextPath() + (failure instanceof LoginThrottledException t
                                ? "/login?throttled=" + t.retryAfterSeconds() : "/login?error"))))
                .logout(out -> out.logoutRequestMatcher(logout).logoutSuccessUrl("/login?logout"))
                .exceptionHandling(ex -> ex
                        .accessDeniedHandler(new ForbiddenHandler(messages, pageLocale))
                        .defaultAuthenticationEntryPointFor(new HxLocationRedirectAuthenticationEntryPoint("/login"), htmx)
                        .defaultAuthenticationEntryPointFor(new ApiEntryPoint(messages), pathPattern("/api/**"))
                        .defaultAuthenticationEntryPointFor(new ApiEntryPoint(messages), pathPattern("/actuator/**"))
                        .defaultAuthenticationEntryPointFor(new LoginUrlAuthenticationEntryPoint("/login"),
                                request -> true))
                // logging out needs no token (a stale page must still end its session); cross-site still refused
                .csrf(csrf -> csrf.ignoringRequestMatchers(logout))
                .addFilterBefore(new CrossSiteRequests(externalUrl, messages), CsrfFilter.class);
        authorize(http);
        headers(http);
        if (oidc.getIfAvailable() != null) {
            http.oauth2Login(login -> login.loginPage("/login")
                    .userInfoEndpoint(info -> info.oidcUserService(oidcUsers(properties.oidc()))));
        }
        return http.build();
    }

    /**
     * ADMIN > OPERATOR > VIEWER for every role rule: the request rules below pick this bean up, so
     * "an operator" there includes admins.
     */
    @Bean
    static RoleHierarchy roleHierarchy() {
        return Authorities.HIERARCHY;
    }

    /** The role rules of every page, fragment and API call, the same for both chains. */
    static void authorize(HttpSecurity http) throws Exception {
        String writers = Role.OPERATOR.name();
        http.authorizeHttpRequests(auth -> auth
                .requestMatchers(PUBLIC).permitAll()
                .requestMatchers(HttpMethod.POST, "/services/*/*/take-over").hasRole(Role.ADMIN.name())
                .requestMatchers(HttpMethod.POST, "/services/*/*/*/apply", "/services/*/*/*/review",
                        "/services/*/*/routing/delete", "/reviews/*/apply").hasRole(writers)
                .requestMatchers(HttpMethod.POST, "/api/v1/routing/apply",
                        "/api/v1/namespaces/*/services/*/history/*/rollback").hasRole(writers)
                // #17 run: starting and acting on a rollout (the namespace is checked by Rollouts)
                .requestMatchers(HttpMethod.POST, "/api/v1/namespaces/*/services/*/rollout",
                        "/api/v1/namespaces/*/services/*/rollout/*").hasRole(writers)
                // #18 git: proposing a plan as a Git commit (the namespace is checked by Proposals)
                .requestMatchers(HttpMethod.POST, "/api/v1/routing/propose", "/services/*/*/*/propose").hasRole(writers)
                .requestMatchers(HttpMethod.DELETE, "/api/**").hasRole(writers)
                // #17 ui: the Release panel's actions and the demo's failure knob (the namespace is checked by the controller)
                .requestMatchers(HttpMethod.POST, "/services/*/*/rollout/start", "/services/*/*/rollout/promote",
                        "/services/*/*/rollout/pause", "/services/*/*/rollout/resume", "/services/*/*/rollout/abort",
                        "/services/*/*/demo-traffic").hasRole(writers)
                .anyRequest().hasRole(Role.VIEWER.name()));
    }

    static void headers(HttpSecurity http) throws Exception {
        http.headers(headers -> headers
                .contentSecurityPolicy(policy -> policy.policyDirectives(CSP))
                .frameOptions(HeadersConfigurer.FrameOptionsConfig::deny)
                .contentTypeOptions(options -> { })
                // secure, or forwarded as HTTPS by the proxy (browsers ignore HSTS over plain HTTP anyway)
                .httpStrictTransportSecurity(hsts -> hsts.requestMatcher(request -> request.isSecure()
                        || "https".equalsIgnoreCase(request.getHeader("X-Forwarded-Proto"))))
                .addHeaderWriter(new StaticHeadersWriter("Permissions-Policy", PERMISSIONS))
                .referrerPolicy(referrer -> referrer.policy(
                        ReferrerPolicyHeaderWriter.ReferrerPolicy.STRICT_ORIGIN_WHEN_CROSS_ORIGIN)));
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
