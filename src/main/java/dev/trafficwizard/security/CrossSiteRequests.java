package dev.trafficwizard.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.context.MessageSource;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;
import java.net.URI;
import java.util.Locale;
import java.util.Set;

/**
 * Second line behind the CSRF token for session (browser) requests: a state-changing request whose
 * {@code Sec-Fetch-Site} says it came from another site, or whose {@code Origin} is not this
 * application's own, is refused with 403 {@code CROSS_SITE} before anything runs. The own origin is
 * {@code traffic-wizard.external-url} when set, else the request's scheme://host[:port] (which
 * reflects X-Forwarded-* behind a trusted proxy). Requests without either header pass (older
 * browsers, tools), the CSRF token still guards them. Refusals are audited as {@code request.refused}
 * with the fixed reason {@value #REASON}.
 */
class CrossSiteRequests extends OncePerRequestFilter {

    static final String REASON = "cross-site request";
    private static final Set<String> SAFE = Set.of("GET", "HEAD", "OPTIONS", "TRACE");
    private static final Set<String> SAME_SITE = Set.of("same-origin", "none");

    private final String externalOrigin;
    private final MessageSource messages;

    CrossSiteRequests(String externalUrl, MessageSource messages) {
        this.externalOrigin = externalUrl == null || externalUrl.isBlank() ? null : origin(URI.create(externalUrl.trim()));
        this.messages = messages;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (SAFE.contains(request.getMethod()) || !crossSite(request)) {
            chain.doFilter(request, response);
            return;
        }
        // a refusal like ForbiddenHandler's: fixed reason (the Origin header is the sender's free text),
        // rate-limited when anonymous (a credentials request is refused before it is authenticated)
        Audit.refused(ForbiddenHandler.user(), request.getMethod() + " " + request.getRequestURI(), REASON,
                request.getRemoteAddr());
        Problems.write(request, response, HttpServletResponse.SC_FORBIDDEN, "CROSS_SITE",
                messages.getMessage("security.crossSite", null, request.getLocale()));
    }

    boolean crossSite(HttpServletRequest request) {
        String site = request.getHeader("Sec-Fetch-Site");
        if (site != null && !SAME_SITE.contains(site.trim().toLowerCase(Locale.ROOT))) {
            return true;
        }
        String origin = request.getHeader("Origin");
        if (origin == null) {
            return false;
        }
        String own = externalOrigin != null ? externalOrigin : origin(request.getScheme(), request.getServerName(),
                request.getServerPort());
        try {
            return !own.equals(origin(URI.create(origin.trim())));
        } catch (IllegalArgumentException malformed) {
            return true; // includes "null" (sandboxed frames, privacy-sensitive redirects)
        }
    }

    private static String origin(URI uri) {
        if (uri.getScheme() == null || uri.getHost() == null) {
            throw new IllegalArgumentException("not an origin: " + uri);
        }
        return origin(uri.getScheme(), uri.getHost(), uri.getPort());
    }

    private static String origin(String scheme, String host, int port) {
        String s = scheme.toLowerCase(Locale.ROOT);
        boolean defaultPort = port < 0 || (s.equals("http") && port == 80) || (s.equals("https") && port == 443);
        return s + "://" + host.toLowerCase(Locale.ROOT) + (defaultPort ? "" : ":" + port);
    }
}
