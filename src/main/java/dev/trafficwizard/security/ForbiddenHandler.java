package dev.trafficwizard.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.context.MessageSource;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.access.AccessDeniedHandlerImpl;
import org.springframework.security.authentication.AuthenticationTrustResolver;
import org.springframework.security.authentication.AuthenticationTrustResolverImpl;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.csrf.CsrfException;
import org.springframework.web.servlet.LocaleResolver;
import org.springframework.web.util.HtmlUtils;

import java.io.IOException;
import java.util.Locale;

/**
 * A refused request, whichever layer refused it (URL rules or method security on the workflow):
 * 403, audited (with a fixed reason, never the exception's message), and answered in the caller's terms — JSON diagnostics for the API, an alert in
 * place of the htmx target for fragments, the error page otherwise.
 */
class ForbiddenHandler implements AccessDeniedHandler {

    private static final AuthenticationTrustResolver TRUST = new AuthenticationTrustResolverImpl();

    private final MessageSource messages;
    private final LocaleResolver pageLocale;
    private final AccessDeniedHandler pages = new AccessDeniedHandlerImpl();

    /** The API's refusals stay English (clients and tests read them). */
    ForbiddenHandler(MessageSource messages) {
        this(messages, null);
    }

    /** Refusals shown on pages (the htmx alert) speak the reader's language, chosen by {@code pageLocale}. */
    ForbiddenHandler(MessageSource messages, LocaleResolver pageLocale) {
        this.messages = messages;
        this.pageLocale = pageLocale;
    }

    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException denied)
            throws IOException, jakarta.servlet.ServletException {
        boolean htmx = "true".equals(request.getHeader("HX-Request"));
        boolean api = Problems.api(request);
        if (denied instanceof CsrfException && Actor.current() == null && !api) {
            // the session the page's CSRF token belonged to has expired: log in again
            String login = request.getContextPath() + "/login";
            if (htmx) {
                response.setStatus(HttpStatus.UNAUTHORIZED.value());
                response.setHeader("HX-Redirect", login);
            } else {
                response.sendRedirect(login);
            }
            return;
        }
        if (!"GET".equals(request.getMethod())) {
            Audit.refused(user(), request.getMethod() + " " + request.getRequestURI(), reason(denied),
                    request.getRemoteAddr());
        }
        Locale locale = api || pageLocale == null ? Locale.ENGLISH : pageLocale.resolveLocale(request);
        String message = messages.getMessage("security.forbidden", null, locale);
        if (api) {
            Problems.write(request, response, HttpStatus.FORBIDDEN.value(), "FORBIDDEN", message);
        } else if (htmx) {
            String target = request.getHeader("HX-Target");
            response.setStatus(HttpStatus.FORBIDDEN.value());
            response.setContentType("text/html;charset=UTF-8");
            response.getWriter().write("<div" + (target == null ? "" : " id=\"" + HtmlUtils.htmlEscape(target) + "\"")
                    + " class=\"alert alert-danger mt-3\" role=\"alert\" data-code=\"FORBIDDEN\">"
                    + HtmlUtils.htmlEscape(message) + "</div>");
        } else {
            pages.handle(request, response, denied);
        }
    }

    /**
     * A fixed reason: the exception's own message may echo the request (an invalid CSRF token's
     * message holds the presented token), so it never reaches the audit log.
     */
    static String reason(AccessDeniedException denied) {
        if (denied instanceof CsrfException) {
            return "csrf token missing or invalid";
        }
        return "forbidden";
    }

    /** The logged-in user, null for an anonymous request (no authentication, or the anonymous token). */
    static String user() {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        return auth == null || TRUST.isAnonymous(auth) || !auth.isAuthenticated() ? null : auth.getName();
    }
}
