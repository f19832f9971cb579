package dev.trafficwizard.metrics;

import com.google.re2j.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PromQlTest {

    private static final List<ServiceRef> TWO = List.of(new ServiceRef("bookinfo", "reviews"),
            new ServiceRef("default", "fleetman-webapp"));

    @Test
    void oneQueryPerFigureCoversAllServicesByServiceAndVersion() {
        PromQl q = new PromQl(TWO, "destination");
        String selector = "reporter=\"destination\",destination_service=~"
                + "\"fleetman-webapp\\\\.default\\\\.svc\\\\.cluster\\\\.local|reviews\\\\.bookinfo\\\\.svc\\\\.cluster\\\\.local\"";
        assertThat(q.requests(Duration.ofMinutes(1))).isEqualTo(
                "sum by (destination_service, destination_version) (increase(istio_requests_total{" + selector + "}[1m]))");
        assertThat(q.requestsPerSecond(Duration.ofSeconds(90))).isEqualTo(
                "sum by (destination_service, destination_version) (rate(istio_requests_total{" + selector + "}[90s]))");
        assertThat(q.successRate(Duration.ofMinutes(5))).isEqualTo("100 * ("
                + "sum by (destination_service, destination_version) (increase(istio_requests_total{" + selector
                + ",response_code!~\"5..\"}[5m]))"
                + " or sum by (destination_service, destination_version) (increase(istio_requests_total{" + selector
                + "}[5m])) * 0) / sum by (destination_service, destination_version) (increase(istio_requests_total{"
                + selector + "}[5m]))");
        assertThat(q.p99(Duration.ofMinutes(1))).isEqualTo("histogram_quantile(0.99, sum by (le, destination_service, "
                + "destination_version) (rate(istio_request_duration_milliseconds_bucket{" + selector + "}[1m])))");
        assertThat(q.rateSeries(Duration.ofMinutes(1))).isEqualTo(q.requestsPerSecond(Duration.ofMinutes(1)));
    }

    @Test
    void theReporterIsConfigurableOrLeftOut() {
        assertThat(new PromQl(TWO, "waypoint").requests(Duration.ofMinutes(1))).contains("{reporter=\"waypoint\",");
        assertThat(new PromQl(TWO, "").requests(Duration.ofMinutes(1))).doesNotContain("reporter")
                .contains("{destination_service=~\"");
    }

    @ParameterizedTest
    @CsvSource({"PT1H,1h", "PT2H,2h", "PT1M,1m", "PT5M,5m", "PT90S,90s", "PT1S,1s", "PT1.5S,1500ms", "PT61M,61m",
            "PT0.001S,1ms"})
    void windowsAreWrittenAsPromQlDurations(Duration window, String expected) {
        assertThat(PromQl.duration(window)).isEqualTo(expected);
    }

    @Test
    void emptyOrNegativeWindowsAreRefused() {
        assertThatThrownBy(() -> PromQl.duration(Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PromQl.duration(Duration.ofSeconds(-1))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PromQl.duration(Duration.ofNanos(10))).isInstanceOf(IllegalArgumentException.class);
    }

    /** Names no Kubernetes API server would accept still cannot break out of the string or widen the regex. */
    @ParameterizedTest
    @ValueSource(strings = {"a\"} or vector(1) #", "x.*", "x|.*", "back\\slash\\", "new\nline", "(x)+[y]{2}^$?",
            "tab\tand\u0001control", "quo\"te\\\"", "ünï€ode"})
    void hostileNamesStayOneLiteralAlternative(String name) {
        ServiceRef hostile = new ServiceRef("ns", name);
        String query = new PromQl(List.of(hostile, new ServiceRef("ns", "other")), "destination")
                .requests(Duration.ofMinutes(1));
        String literal = stringLiteralAfter(query, "destination_service=~");
        Pattern regex = Pattern.compile("^(?:" + literal + ")$");
        String fqdn = dev.trafficwizard.routing.Hosts.serviceFqdn(name, "ns");
        assertThat(regex.matcher(fqdn).matches()).isTrue();
        assertThat(regex.matcher("other.ns.svc.cluster.local").matches()).isTrue();
        assertThat(regex.matcher("evil.ns.svc.cluster.local").matches()).isFalse();
        assertThat(regex.matcher(fqdn + "x").matches()).isFalse();
        // the rest of the query is exactly what a plain name gives
        assertThat(query.replace(PromQl.string(literalOf(name)), "\"R\""))
                .isEqualTo(new PromQl(List.of(new ServiceRef("ns", "plain"), new ServiceRef("ns", "other")),
                        "destination").requests(Duration.ofMinutes(1)).replace(PromQl.string(literalOf("plain")), "\"R\""));
    }

    private static String literalOf(String name) {
        String fqdn = dev.trafficwizard.routing.Hosts.serviceFqdn(name, "ns");
        String other = "other.ns.svc.cluster.local";
        List<String> sorted = java.util.stream.Stream.of(fqdn, other).sorted().toList();
        return String.join("|", sorted.stream().map(PromQl::regexLiteral).toList());
    }

    /** Reads the double-quoted PromQL string after {@code prefix} as PromQL's lexer would (Go escapes). */
    static String stringLiteralAfter(String query, String prefix) {
        int i = query.indexOf(prefix) + prefix.length();
        assertThat(query.charAt(i)).isEqualTo('"');
        StringBuilder out = new StringBuilder();
        for (i = i + 1; query.charAt(i) != '"'; i++) {
            char c = query.charAt(i);
            assertThat(c).as("raw control character in the query").isGreaterThanOrEqualTo(' ');
            if (c != '\\') {
                out.append(c);
                continue;
            }
            char e = query.charAt(++i);
            switch (e) {
                case '\\', '"' -> out.append(e);
                case 'n' -> out.append('\n');
                case 'r' -> out.append('\r');
                case 't' -> out.append('\t');
                case 'x' -> {
                    out.append((char) Integer.parseInt(query.substring(i + 1, i + 3), 16));
                    i += 2;
                }
                default -> throw new AssertionError("unknown escape \\" + e);
            }
        }
        return out.toString();
    }

    @Test
    void noServicesIsNoQuery() {
        assertThatThrownBy(() -> new PromQl(List.of(), "destination")).isInstanceOf(IllegalArgumentException.class);
    }
}
