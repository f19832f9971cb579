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
            "*.*.com,false", "EXAMPLE.com,false", "example.com.,true", "*.example.com.,true", "foo.123,false",
            "10.0.0.1,true", "*.123,false", "a..b,false", "'.',false"})
    void hosts(String value, boolean valid) {
        assertThat(Names.isHost(value)).isEqualTo(valid);
    }

    @ParameterizedTest
    @CsvSource({"v1,v1", "safe,safe", "1.2.0,1-2-0", "V2_beta,v2-beta", "--x--,x", "___,version"})
    void subsetNames(String version, String subset) {
        assertThat(Names.subsetName(version)).isEqualTo(subset);
    }

    @ParameterizedTest
    @CsvSource({"fleetman-com-tls,true", "a.b.c,true", "A.b,false", "a..b,false", "'',false", "a b,false"})
    void dnsSubdomains(String value, boolean valid) {
        assertThat(Names.isDnsSubdomain(value)).isEqualTo(valid);
    }

    @ParameterizedTest
    @CsvSource({"x-my-header,true", "x-myval,true", "cookie,true", "X-My-Header,true", ":authority,true",
            ":path,true", ":foo,false", "'',false", "a b,false", "x_b.c~d!,true", "@request.auth.claims.group,false"})
    void headerNames(String value, boolean valid) {
        assertThat(Names.isHeaderName(value)).isEqualTo(valid);
    }

    @ParameterizedTest
    @CsvSource({"@request.auth.claims.group,true", "@request.auth.claims[a][b],true", "@Request.Auth.Claims.x,true",
            "@request.auth.claims,false", "@request.auth.claims.,false", "@request.auth.claims[],false",
            "x-claims,false"})
    void jwtClaims(String value, boolean claim) {
        assertThat(Names.isJwtClaim(value)).isEqualTo(claim);
    }

    @ParameterizedTest
    @CsvSource({"user,true", "JSESSIONID,true", "tw-version,true", "a;b,false", "a=b,false", "'',false"})
    void cookieNames(String value, boolean valid) {
        assertThat(Names.isCookieName(value)).isEqualTo(valid);
    }
}
