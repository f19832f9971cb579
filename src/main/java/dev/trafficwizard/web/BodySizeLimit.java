package dev.trafficwizard.web;

import dev.trafficwizard.routing.Diagnostic;
import dev.trafficwizard.routing.DiagnosticCode;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.HtmlUtils;
import tools.jackson.databind.json.JsonMapper;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Refuses request bodies over {@code traffic-wizard.limits.max-body-size} before anything reads
 * them: a declared Content-Length over the limit gets 413 at once, and a body without one
 * (chunked) is cut off once the limit is passed ({@link TooLarge} from the stream, which the API
 * answers as 413 too). The answer is a {@code BODY_TOO_LARGE} diagnostic at {@code body}: JSON for
 * {@code /api}, an HTML alert for the pages' forms.
 */
class BodySizeLimit extends OncePerRequestFilter {

    private final long maxBytes;
    private final DiagnosticMessages messages;
    private final JsonMapper json;

    BodySizeLimit(long maxBytes, DiagnosticMessages messages, JsonMapper json) {
        this.maxBytes = maxBytes;
        this.messages = messages;
        this.json = json;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (request.getContentLengthLong() > maxBytes) {
            refuse(request, response);
            return;
        }
        chain.doFilter(request.getContentLengthLong() < 0 ? new Capped(request, maxBytes) : request, response);
    }

    /** What a refused body gets back; the diagnostic's argument is the limit in KiB. */
    void refuse(HttpServletRequest request, HttpServletResponse response) throws IOException {
        DiagnosticView view = messages.resolve(diagnostic(maxBytes));
        response.setStatus(HttpStatus.CONTENT_TOO_LARGE.value());
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        // the body is not read: the connection is closed rather than kept for a next request
        response.setHeader("Connection", "close");
        if (request.getRequestURI().startsWith(request.getContextPath() + "/api/")) {
            response.setContentType(MediaType.APPLICATION_JSON_VALUE);
            response.getWriter().write(json.writeValueAsString(ApiResponses.ErrorResponse.of(List.of(view))));
        } else {
            response.setContentType(MediaType.TEXT_HTML_VALUE);
            // the alert takes the place of the htmx target (swapped outerHTML): it keeps its id, so the
            // next request (the value shortened) finds its target again
            String target = request.getHeader("HX-Target");
            String id = target == null ? "" : " id=\"" + HtmlUtils.htmlEscape(target) + "\"";
            response.getWriter().write("<div" + id + " class=\"alert alert-danger\" role=\"alert\" data-code=\"" + view.code()
                    + "\" data-field=\"body\" data-severity=\"ERROR\">" + HtmlUtils.htmlEscape(view.message())
                    + "</div>");
        }
    }

    static Diagnostic diagnostic(long maxBytes) {
        return Diagnostic.error(DiagnosticCode.BODY_TOO_LARGE, ApiExceptionHandler.BODY, maxBytes / 1024);
    }

    /** Thrown by a capped body's stream once more than the limit was read. */
    static final class TooLarge extends IOException {
        final long maxBytes;

        TooLarge(long maxBytes) {
            super("request body larger than " + maxBytes + " bytes");
            this.maxBytes = maxBytes;
        }
    }

    /** A request whose body stream fails once more than {@code max} bytes were read. */
    private static final class Capped extends HttpServletRequestWrapper {
        private final long max;
        private ServletInputStream stream;

        Capped(HttpServletRequest request, long max) {
            super(request);
            this.max = max;
        }

        @Override
        public ServletInputStream getInputStream() throws IOException {
            if (stream == null) {
                stream = new CappedStream(super.getInputStream(), max);
            }
            return stream;
        }

        @Override
        public BufferedReader getReader() throws IOException {
            String encoding = getCharacterEncoding();
            return new BufferedReader(new InputStreamReader(getInputStream(),
                    encoding == null ? StandardCharsets.ISO_8859_1 : Charset.forName(encoding)));
        }
    }

    private static final class CappedStream extends ServletInputStream {
        private final ServletInputStream in;
        private final long max;
        private long read;

        CappedStream(ServletInputStream in, long max) {
            this.in = in;
            this.max = max;
        }

        @Override
        public int read() throws IOException {
            int b = in.read();
            count(b < 0 ? 0 : 1);
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = in.read(buffer, offset, (int) Math.min(length, max + 1 - read));
            count(Math.max(n, 0));
            return n;
        }

        private void count(int n) throws TooLarge {
            read += n;
            if (read > max) {
                throw new TooLarge(max);
            }
        }

        @Override
        public boolean isFinished() {
            return in.isFinished();
        }

        @Override
        public boolean isReady() {
            return in.isReady();
        }

        @Override
        public void setReadListener(ReadListener listener) {
            in.setReadListener(listener);
        }
    }
}
