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

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * A request the firewall refuses (encoded slashes, NUL or other control characters in the address,
 * non-printable header values) gets a 400 that says the address or a header is the field at fault,
 * as JSON for the API and as a small page otherwise. Nothing behind the firewall ran.
 */
@Component
class RejectedRequests implements RequestRejectedHandler {

    private static final Logger log = LoggerFactory.getLogger(RejectedRequests.class);

    private final MessageSource messages;

    RejectedRequests(MessageSource messages) {
        this.messages = messages;
    }

    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response, RequestRejectedException rejected)
            throws IOException {
        String reason = rejected.getMessage() == null ? "" : rejected.getMessage().toLowerCase(Locale.ROOT);
        String field = reason.contains("header") ? "header" : reason.contains("parameter") ? "parameter" : "url";
        // not the exception's message: it quotes the refused value, control characters included (log forging)
        log.warn("Request refused by the firewall ({})", field);
        String message = messages.getMessage("firewall.refused." + field, null, request.getLocale());
        if (Problems.api(request)) {
            Problems.write(request, response, HttpServletResponse.SC_BAD_REQUEST, "REQUEST_REFUSED", field, message);
        } else {
            response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
            response.setCharacterEncoding(StandardCharsets.UTF_8.name());
            response.setContentType(MediaType.TEXT_HTML_VALUE);
            response.getWriter().write("<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>400</title></head>"
                    + "<body><main><h1>400</h1><p id=\"bad-fields\" data-field=\"" + field + "\">"
                    + HtmlUtils.htmlEscape(message) + "</p><p><a href=\"/services\">Traffic Wizard</a></p></main>"
                    + "</body></html>");
        }
    }
}
