package dev.trafficwizard.web;

import jakarta.servlet.http.HttpServletRequest;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The body cap: declared lengths over it are refused unread; bodies without a length are cut off at it. */
class BodySizeLimitTest {

    static final int MAX = 1024;

    final BodySizeLimit filter = new BodySizeLimit(MAX, new DiagnosticMessages(FieldLabelsTest.bundles()),
            JsonMapper.builder().build());

    static MockHttpServletRequest request(String uri, int size, boolean chunked) {
        MockHttpServletRequest request = chunked ? new MockHttpServletRequest("POST", uri) {
            @Override
            public long getContentLengthLong() {
                return -1;
            }

            @Override
            public int getContentLength() {
                return -1;
            }
        } : new MockHttpServletRequest("POST", uri);
        request.setContent(new byte[size]);
        return request;
    }

    @Test
    void aDeclaredLengthOverTheLimitIsRefusedWithoutReadingTheBody() throws Exception {
        AtomicBoolean passed = new AtomicBoolean();
        MockHttpServletResponse response = new MockHttpServletResponse();
        filter.doFilter(request("/api/v1/routing/preview", MAX + 1, false), response, (rq, rs) -> passed.set(true));
        assertThat(passed).isFalse();
        assertThat(response.getStatus()).isEqualTo(413);
        assertThat(response.getContentType()).startsWith("application/json");
        assertThat(response.getContentAsString()).contains("\"code\":\"BODY_TOO_LARGE\"", "\"path\":\"body\"",
                "at most 1 KiB");
    }

    @Test
    void aFormPostOverTheLimitGetsAnAlertNamingTheBody() throws Exception {
        MockHttpServletResponse response = new MockHttpServletResponse();
        filter.doFilter(request("/services/default/fleetman-webapp/header/preview", MAX + 1, false), response,
                (rq, rs) -> { });
        assertThat(response.getStatus()).isEqualTo(413);
        assertThat(response.getContentAsString()).contains("data-code=\"BODY_TOO_LARGE\"", "data-field=\"body\"",
                "data-severity=\"ERROR\"");
    }

    @Test
    void aBodyWithoutLengthIsCutOffOnceOverTheLimit() throws Exception {
        AtomicLong read = new AtomicLong();
        assertThatThrownBy(() -> filter.doFilter(request("/api/v1/routing/preview", 100 * MAX, true),
                new MockHttpServletResponse(), (rq, rs) -> read.set(drain(((HttpServletRequest) rq).getInputStream()))))
                .isInstanceOf(BodySizeLimit.TooLarge.class);
        AtomicLong small = new AtomicLong();
        filter.doFilter(request("/api/v1/routing/preview", MAX, true), new MockHttpServletResponse(),
                (rq, rs) -> small.set(drain(((HttpServletRequest) rq).getInputStream())));
        assertThat(small).hasValue(MAX);
    }

    @Test
    void aBodyAtTheLimitPasses() throws Exception {
        AtomicLong read = new AtomicLong();
        filter.doFilter(request("/api/v1/routing/preview", MAX, false), new MockHttpServletResponse(),
                (rq, rs) -> read.set(drain(rq.getInputStream())));
        assertThat(read).hasValue(MAX);
    }

    private static long drain(InputStream in) throws IOException {
        long n = 0;
        byte[] buffer = new byte[100];
        for (int k; (k = in.read(buffer)) >= 0; ) {
            n += k;
        }
        return n;
    }
}
