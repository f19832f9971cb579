package dev.trafficwizard.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.web.util.HtmlUtils;

import java.io.IOException;

/**
 * The refusals the security filters write themselves (401, 403 cross-site, 429): JSON diagnostics
 * for the API, like every other API error, a short text page otherwise.
 */
final class Problems {

    private Problems() {
    }

    static boolean api(HttpServletRequest request) {
        return request.getRequestURI().startsWith(request.getContextPath() + "/api/");
    }

    static void write(HttpServletRequest request, HttpServletResponse response, int status, String code,
                      String message) throws IOException {
        response.setStatus(status);
        response.setCharacterEncoding("UTF-8");
        if (api(request)) {
            response.setContentType("application/json");
            response.getWriter().write("{\"diagnostics\":[{\"code\":\"" + code + "\",\"severity\":\"ERROR\",\"message\":\""
                    + json(message) + "\",\"path\":\"\"}]}");
        } else {
            response.setContentType("text/html;charset=UTF-8");
            response.getWriter().write("<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>" + status
                    + "</title></head><body><main><h1>" + status + "</h1><p data-code=\"" + code + "\">"
                    + HtmlUtils.htmlEscape(message) + "</p></main></body></html>");
        }
    }

    private static String json(String text) {
        StringBuilder out = new StringBuilder();
        for (char c : text.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.toString();
    }
}
