package dev.trafficwizard.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.web.util.HtmlUtils;

import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The refusals the security filters write themselves (400 from the firewall, 401, 403, 429, 503):
 * JSON diagnostics for the API (through Jackson, like every other API error), a short text page
 * otherwise.
 */
final class Problems {

    private Problems() {
    }

    static boolean api(HttpServletRequest request) {
        String uri = request.getRequestURI();
        return uri != null && uri.startsWith(request.getContextPath() + "/api/");
    }

    static void write(HttpServletRequest request, HttpServletResponse response, int status, String code,
                      String message) throws IOException {
        write(request, response, status, code, "", message);
    }

    /** {@code path}: the field at fault ("" when it is the request as a whole). */
    static void write(HttpServletRequest request, HttpServletResponse response, int status, String code,
                      String path, String message) throws IOException {
        response.setStatus(status);
        response.setCharacterEncoding("UTF-8");
        if (api(request)) {
            response.setContentType("application/json");
            Map<String, String> diagnostic = new LinkedHashMap<>();
            diagnostic.put("code", code);
            diagnostic.put("severity", "ERROR");
            diagnostic.put("message", message);
            diagnostic.put("path", path);
            JsonMapper.shared().writeValue(response.getWriter(), Map.of("diagnostics", List.of(diagnostic)));
        } else {
            response.setContentType("text/html;charset=UTF-8");
            response.getWriter().write("<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>" + status
                    + "</title></head><body><main><h1>" + status + "</h1><p data-code=\"" + code + "\">"
                    + HtmlUtils.htmlEscape(message) + "</p></main></body></html>");
        }
    }
}
