package dev.trafficwizard.web;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** traffic-wizard.external-url: the review link's base when set; a malformed one stops the start. */
class ReviewLinkAddressTest {

    static ReviewController with(String externalUrl) {
        return new ReviewController(null, null, null, null, null, null, externalUrl);
    }

    @Test
    void aConfiguredExternalUrlIsTheBaseOfEveryReviewLink() {
        assertThat(with("https://tw.example.com/tw/").reviewUrl("0123456789abcdef0123456789abcdef"))
                .isEqualTo("https://tw.example.com/tw/reviews/0123456789abcdef0123456789abcdef");
        assertThat(with(" http://10.0.0.1:8080 ").reviewUrl("ab")).isEqualTo("http://10.0.0.1:8080/reviews/ab");
    }

    @Test
    void anExternalUrlThatIsNoAbsoluteHttpAddressIsRefusedAtStartup() {
        for (String bad : new String[]{"tw.example.com", "javascript:alert(1)", "https://", "https://x/?a=b",
                "ftp://x"}) {
            assertThatThrownBy(() -> with(bad)).as(bad).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("traffic-wizard.external-url");
        }
    }
}
