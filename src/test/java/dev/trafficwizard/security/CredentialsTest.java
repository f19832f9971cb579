package dev.trafficwizard.security;

import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;

import static org.assertj.core.api.Assertions.assertThat;

/** The one parser of the Authorization header, for the chain's matcher and the bearer filter alike. */
class CredentialsTest {

    static Credentials parse(String header) {
        MockHttpServletRequest request = new MockHttpServletRequest();
        if (header != null) {
            request.addHeader("Authorization", header);
        }
        return Credentials.parse(request);
    }

    @Test
    void basicOrBearerInAnyCaseWithAValue() {
        assertThat(parse("Bearer abc")).isEqualTo(new Credentials("bearer", "abc"));
        assertThat(parse("  bEaReR \t abc  ").bearer()).isTrue();
        assertThat(parse("BASIC dXNlcjpwdw==")).isEqualTo(new Credentials("basic", "dXNlcjpwdw=="));
        assertThat(parse("Basic dXNlcjpwdw==").bearer()).isFalse();
    }

    @Test
    void othersAreNone() {
        assertThat(parse(null)).isNull();
        assertThat(parse("")).isNull();
        assertThat(parse("Bearer ")).isNull();
        assertThat(parse("Bearer")).isNull();
        assertThat(parse("Negotiate abc")).isNull();
        assertThat(SecurityConfiguration.carriesCredentials(new MockHttpServletRequest())).isFalse();
    }
}
