package dev.trafficwizard.routing;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class NamesTest {

    @ParameterizedTest
    @CsvSource({"default,true", "fleetman-webapp,true", "a,true", "-a,false", "A,false", "a_b,false", "'',false",
            "a.b,false", "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa,false"})
    void dnsLabels(String value, boolean valid) {
        assertThat(Names.isDnsLabel(value)).isEqualTo(valid);
    }

    @ParameterizedTest
    @CsvSource({"*,true", "example.com,true", "*.example.com,true", "reviews,true",
            "reviews.bookinfo.svc.cluster.local,true", "a*.com,false", "exa mple.com,false", "'',false",
            "*.*.com,false", "EXAMPLE.com,false"})
    void hosts(String value, boolean valid) {
        assertThat(Names.isHost(value)).isEqualTo(valid);
    }

    @ParameterizedTest
    @CsvSource({"v1,v1", "safe,safe", "1.2.0,1-2-0", "V2_beta,v2-beta", "--x--,x", "___,version"})
    void subsetNames(String version, String subset) {
        assertThat(Names.subsetName(version)).isEqualTo(subset);
    }
}
