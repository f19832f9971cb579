package dev.trafficwizard.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.context.MessageSource;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.authentication.WebAuthenticationDetailsSource;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;

/** Authenticates {@code Authorization: Bearer <token>} through {@link ServiceAccountLogins} (stateless chain). */
class BearerTokens extends OncePerRequestFilter {

    private final ServiceAccountLogins logins;
    private final AuthenticationEntryPoint entryPoint;
    private final MessageSource messages;

    BearerTokens(ServiceAccountLogins logins, AuthenticationEntryPoint entryPoint, MessageSource messages) {
        this.logins = logins;
        this.entryPoint = entryPoint;
        this.messages = messages;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Credentials credentials = Credentials.parse(request);
        if (credentials == null || !credentials.bearer()) {
            chain.doFilter(request, response);
            return;
        }
        try {
            var auth = logins.authenticate(credentials.value(), ClientAddress.counted(request));
            auth.setDetails(new WebAuthenticationDetailsSource().buildDetails(request));
            SecurityContext context = SecurityContextHolder.createEmptyContext();
            context.setAuthentication(auth);
            SecurityContextHolder.setContext(context);
        } catch (AuthenticationException failed) {
            SecurityContextHolder.clearContext();
            entryPoint.commence(request, response, failed);
            return;
        } catch (ServiceAccountLogins.NotMapped unmapped) {
            Problems.write(request, response, HttpServletResponse.SC_FORBIDDEN, "SERVICE_ACCOUNT_NOT_MAPPED",
                    messages.getMessage("security.serviceAccountNotMapped", new Object[] {unmapped.username},
                            request.getLocale()));
            return;
        }
        chain.doFilter(request, response);
    }
}
