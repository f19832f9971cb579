package dev.trafficwizard.bench;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A browser-like client: logs in through the login form once and keeps the session cookie and
 * the CSRF token, as a person's browser does (HTTP Basic would pay a BCrypt check per request).
 * <p>
 * Blocking {@link HttpURLConnection} on a kept-alive connection: the calling thread writes the
 * request and reads the answer itself. (java.net.http hands every response over between its
 * selector and worker threads; on two busy cores those hand-offs showed up in the measured tails
 * as milliseconds that belong to the client, not to the dashboard.)
 */
final class BrowserClient {

    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" (?:content|value)=\"([^\"]+)\"");
    private final String base;
    private final Map<String, String> cookies = new LinkedHashMap<>();
    /** Sent with every request: an Authorization header for a pipeline-like client. */
    private final Map<String, String> headers = new LinkedHashMap<>();
    private String csrf;

    /** A pipeline-like client: no login, no cookies kept, the given headers on every request. */
    BrowserClient(String base, Map<String, String> headers) {
        this.base = base;
        this.headers.putAll(headers);
    }

    BrowserClient(String base, String user, String password) throws IOException {
        this.base = base;
        String token = token(send("GET", "/login", null, null).body());
        send("POST", "/login", "application/x-www-form-urlencoded", "username=" + user + "&password=" + password
                + "&_csrf=" + URLEncoder.encode(token, StandardCharsets.UTF_8));
        csrf = token(send("GET", "/services", null, null).body());
    }

    /** GET a page; returns the body length (so the body was read). */
    int get(String path) throws IOException {
        return check(send("GET", path, null, null, false));
    }

    int postJson(String path, String json) throws IOException {
        return check(send("POST", path, "application/json", json, false));
    }

    /** POSTs JSON and returns the status, which must be {@code expected} (a refusal, say). */
    int postJsonExpecting(String path, String json, int expected) throws IOException {
        Response response = send("POST", path, "application/json", json, false);
        if (response.status() != expected) {
            throw new IllegalStateException("expected " + expected + " but got " + response.status() + " "
                    + path + ": " + (response.body() == null ? "" : response.body()));
        }
        return response.length();
    }

    /** What came back: the body as text when it was kept (login, errors), its length in bytes always. */
    private record Response(int status, String path, String body, int length) {
    }

    private Response send(String method, String path, String contentType, String body) throws IOException {
        return send(method, path, contentType, body, true);
    }

    /**
     * One request. A measured page's body is read through and counted, not kept: like a load
     * generator, the client should not add its own garbage (100 kB of text per page) to the
     * heap that the dashboard in the same JVM collects.
     */
    private Response send(String method, String path, String contentType, String body, boolean keep)
            throws IOException {
        HttpURLConnection connection = (HttpURLConnection) URI.create(base + path).toURL().openConnection();
        connection.setInstanceFollowRedirects(false);
        connection.setRequestMethod(method);
        headers.forEach(connection::setRequestProperty);
        if (!headers.isEmpty()) {
            // a pipeline keeps no cookies: every request authenticates by its header alone
            cookies.clear();
        }
        if (!cookies.isEmpty()) {
            connection.setRequestProperty("Cookie", String.join("; ", cookies.entrySet().stream()
                    .map(e -> e.getKey() + "=" + e.getValue()).toList()));
        }
        if (csrf != null && !"GET".equals(method)) {
            connection.setRequestProperty("X-CSRF-TOKEN", csrf);
        }
        if (body != null) {
            connection.setDoOutput(true);
            connection.setRequestProperty("Content-Type", contentType);
            try (OutputStream out = connection.getOutputStream()) {
                out.write(body.getBytes(StandardCharsets.UTF_8));
            }
        }
        int status = connection.getResponseCode();
        List<String> setCookies = connection.getHeaderFields().getOrDefault("Set-Cookie", List.of());
        for (String setCookie : setCookies) {
            String pair = setCookie.split(";", 2)[0];
            int eq = pair.indexOf('=');
            cookies.put(pair.substring(0, eq).trim(), pair.substring(eq + 1).trim());
        }
        InputStream in = status >= 400 ? connection.getErrorStream() : connection.getInputStream();
        if (in == null) {
            return new Response(status, path, "", 0);
        }
        if (keep || status >= 300) {
            String text = read(in);
            return new Response(status, path, text, text.length());
        }
        return new Response(status, path, null, skip(in));
    }

    /** Reads the whole body and closes the stream, which hands the connection back for reuse. */
    private static String read(InputStream in) throws IOException {
        try (in) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            in.transferTo(out);
            return out.toString(StandardCharsets.UTF_8);
        }
    }

    private final byte[] buffer = new byte[64 * 1024];

    /** Reads the whole body into one reused buffer and closes the stream; returns the bytes read. */
    private int skip(InputStream in) throws IOException {
        int total = 0;
        try (in) {
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                total += n;
            }
        }
        return total;
    }

    private static String token(String html) {
        Matcher m = CSRF.matcher(html);
        if (!m.find()) {
            throw new IllegalStateException("no CSRF token in the page (not logged in?)");
        }
        return m.group(1);
    }

    private static int check(Response response) {
        if (response.status() >= 300) {
            throw new IllegalStateException(response.status() + " " + response.path() + ": "
                    + response.body().substring(0, Math.min(300, response.body().length())));
        }
        return response.length();
    }
}
