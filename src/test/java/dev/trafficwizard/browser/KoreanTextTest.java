package dev.trafficwizard.browser;

import org.junit.jupiter.api.Test;

import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** The Korean page walk's notion of "English": words are found, names and notation are not. */
class KoreanTextTest {

    @Test
    void findsEnglishWordsButNotNamesOrNotation() {
        assertThat(KoreanText.englishWords("라우팅 적용 Apply now", Set.of())).containsExactly("Apply", "now");
        assertThat(KoreanText.englishWords("reviews 서비스의 v1 버전 (bookinfo)", Set.of("reviews", "bookinfo"))).isEmpty();
        assertThat(KoreanText.englishWords("VirtualService reviews.bookinfo.svc.cluster.local → /api/v1 50 %", Set.of()))
                .isEmpty();
        assertThat(KoreanText.englishWords("헤더 x-canary = \"on\" 일치", Set.of())).containsExactly("on");
    }
}
