package dev.trafficwizard.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.MessageSource;
import org.springframework.http.MediaType;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.security.web.firewall.RequestRejectedHandler;
import org.springframework.stereotype.Component;
import org.springframework.web.util.HtmlUtils;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A request the firewall refuses (encoded slashes, NUL or other control characters in the address,
 * non-printable header values) gets a 400 that says the address or a header is the field at fault,
 * as JSON for the API and as a small page otherwise. Nothing behind the firewall ran.
 */
@Component
class RejectedRequests implements RequestRejectedHandler {

    private static final Logger log = LoggerFactory.getLogger(RejectedRequests.class);

    private final MessageSource messages;
    private final JsonMapper json;

    RejectedRequests(MessageSource messages, JsonMapper json) {
        this.messages = messages;
        this.json = json;
    }

    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response, RequestRejectedException rejected)
            throws IOException {
        String reason = rejected.getMessage() == null ? "" : rejected.getMessage().toLowerCase(Locale.ROOT);
        String field = reason.contains("header") ? "header" : reason.contains("parameter") ? "parameter" : "url";
        // not the exception's message: it quotes the refused value, control characters included (log forging)
        log.warn("Request refused by the firewall ({})", field);
        String message = messages.getMessage("firewall.refused." + field, null, request.getLocale());
        response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        if (request.getRequestURI() != null && request.getRequestURI().startsWith("/api/")) {
            response.setContentType(MediaType.APPLICATION_JSON_VALUE);
            Map<String, String> diagnostic = new LinkedHashMap<>();
            diagnostic.put("code", "REQUEST_REFUSED");
            diagnostic.put("severity", "ERROR");
            diagnostic.put("message", message);
            diagnostic.put("path", field);
            json.writeValue(response.getWriter(), Map.of("diagnostics", List.of(diagnostic)));
        } else {
            response.setContentType(MediaType.TEXT_HTML_VALUE);
            response.getWriter().write("<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>400</title></head>"
                    + "<body><main><h1>400</h1><p id=\"bad-fields\" data-field=\"" + field + "\">"
                    + HtmlUtils.htmlEscape(message) + "</p><p><a href=\"/services\">Traffic Wizard</a></p></main>"
                    + "</body></html>");
        }
    }
}
