package dev.trafficwizard.security;

import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Review of issue #12, item 3: loopback is exempt from the per-address count only for a direct
 * loopback peer that presented no forward header (what {@link ClientAddress.PeerValve} records
 * before Tomcat rewrites the address).
 */
class ClientAddressTest {

    static MockHttpServletRequest from(String address, String forwardedFor) {
        MockHttpServletRequest request = new MockHttpServletRequest();
        request.setRemoteAddr(address);
        if (forwardedFor != null) {
            request.addHeader("X-Forwarded-For", forwardedFor);
        }
        return request;
    }

    @Test
    void aDirectLoopbackPeerWithoutForwardHeadersIsNotCounted() {
        assertThat(ClientAddress.counted(from("127.0.0.6", null))).isNull();
        assertThat(ClientAddress.counted(from("0:0:0:0:0:0:0:1", null))).isNull();
        assertThat(ClientAddress.counted(from("10.1.2.3", null))).isEqualTo("10.1.2.3");
    }

    @Test
    void loopbackNamedByAForwardHeaderIsCounted() {
        assertThat(ClientAddress.counted(from("127.0.0.1", "127.0.0.1"))).isEqualTo("127.0.0.1");
        MockHttpServletRequest forwarded = from("127.0.0.1", null);
        forwarded.addHeader("Forwarded", "for=127.0.0.1");
        assertThat(ClientAddress.counted(forwarded)).isEqualTo("127.0.0.1");
        // what the valve saw wins: Tomcat already turned X-Forwarded-For: 127.0.0.1 into the address
        MockHttpServletRequest rewritten = from("127.0.0.1", null);
        rewritten.setAttribute(ClientAddress.LOOPBACK_PEER, false);
        assertThat(ClientAddress.counted(rewritten)).isEqualTo("127.0.0.1");
        MockHttpServletRequest sidecar = from("127.0.0.6", null);
        sidecar.setAttribute(ClientAddress.LOOPBACK_PEER, true);
        assertThat(ClientAddress.counted(sidecar)).isNull();
    }
}
