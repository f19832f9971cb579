package dev.trafficwizard.routing;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

class DurationsTest {

    @ParameterizedTest(name = "{0} = {1} ns")
    @CsvSource({"2s,2000000000", "500ms,500000000", "1m30s,90000000000", "1.5h,5400000000000", ".5s,500000000",
            "1.s,1000000000", "0,0", "+1s,1000000000", "-1s,-1000000000", "1h2m3s4ms5us6ns,3723004005006",
            "1µs,1000", "1μs,1000", "1us,1000", "0s,0", "1.0000001ms,1000000"})
    void goSyntax(String value, long nanos) {
        assertThat(Durations.nanos(value)).hasValue(nanos);
    }

    @ParameterizedTest(name = "Go refuses \"{0}\"")
    @ValueSource(strings = {"", "1", "s", ".s", "1 s", "1sec", "1d", "1S", " 1s", "1s ", "--1s", "-", "1.5.5s",
            "9999999999999999999ns", "3000000h"})
    void goRefuses(String value) {
        assertThat(Durations.nanos(value)).isEmpty();
    }

    @Test
    void istioRequestDurationBoundaries() {
        assertThat(Durations.isRequestDuration("1ms")).isTrue();
        assertThat(Durations.isRequestDuration("1000us")).isTrue();
        assertThat(Durations.isRequestDuration("0.001s")).isTrue();
        assertThat(Durations.isRequestDuration("999us")).isFalse();
        assertThat(Durations.isRequestDuration("0s")).isFalse();
        assertThat(Durations.isRequestDuration("1500us")).isFalse();
        assertThat(Durations.isRequestDuration("1.5ms")).isFalse();
        assertThat(Durations.isRequestDuration("-1s")).isFalse();
        assertThat(Durations.isRequestDuration("2562047h")).isTrue();
    }

    @org.junit.jupiter.api.Test
    void theProblemIsNamedAsIstiosAdmissionNamesIt() {
        assertThat(Durations.problem("2s")).isNull();
        assertThat(Durations.problem("two seconds")).isEqualTo(Durations.Problem.INVALID);
        assertThat(Durations.problem("999us")).isEqualTo(Durations.Problem.TOO_SHORT);
        assertThat(Durations.problem("1500us")).isEqualTo(Durations.Problem.PRECISION);
    }
}
