package dev.trafficwizard.web;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.context.support.ResourceBundleMessageSource;

import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;

/** #17 what the step machine and the gates write, in the reader's language; anything else stays English, marked so. */
class RolloutViewsTest {

    static final RolloutViews VIEWS = new RolloutViews(bundles());

    static ResourceBundleMessageSource bundles() {
        ResourceBundleMessageSource source = new ResourceBundleMessageSource();
        source.setBasename("messages");
        source.setDefaultEncoding("UTF-8");
        source.setAlwaysUseMessageFormat(true);
        source.setFallbackToSystemLocale(false);
        return source;
    }

    @AfterEach
    void reset() {
        LocaleContextHolder.resetLocaleContext();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "waiting for a promote | waiting for a promote | 승격을 기다리는 중",
            "paused by alice | paused by alice | alice 님이 일시 중지함",
            "gate: success rate 70 % below 95 % | gate: success rate 70 % below 95 % | 게이트: 성공률 70 %, 기준 95 % 미만",
            "gate: p99 latency 900 ms above 500 ms (2 failed judgements) | gate: p99 latency 900 ms above 500 ms (2 failed judgements) | 게이트: p99 지연 900밀리초, 기준 500밀리초 초과 (판정 실패 2회)",
            "4 requests to the canary, 10 needed to judge | 4 requests to the canary, 10 needed to judge | 카나리 요청 4건, 판정에 10건 필요",
            "weight 10 %, until promoted | 10 %, until promoted | 10 %, 승격할 때까지",
            "header x-canary: on, pause 5m | only header x-canary: on, pause 5m | 헤더 x-canary: on 요청만, 5m 대기",
            "mirror 12.5 %, pause 0s | mirror 12.5 %, pause 0s | 12.5 % 미러링, 0s 대기"})
    void reasonsTheRolloutWritesAreSaidInTheReadersLanguage(String written, String english, String korean) {
        LocaleContextHolder.setLocale(Locale.ENGLISH);
        assertThat(VIEWS.reason(written)).isEqualTo(new RolloutPanelView.Text(english, false));
        LocaleContextHolder.setLocale(Locale.KOREAN);
        assertThat(VIEWS.reason(written)).isEqualTo(new RolloutPanelView.Text(korean, false));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"the routing was changed outside the rollout: weighted routing by bob (revision #4)", "v1 → v2"})
    void otherReasonsStayAsWrittenMarkedEnglish(String written) {
        LocaleContextHolder.setLocale(Locale.KOREAN);
        assertThat(VIEWS.reason(written)).isEqualTo(new RolloutPanelView.Text(written, true));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"step 2 | 2단계", "gate failed | 게이트 실패", "started | 시작", "held | 판정 보류"})
    void eventsAreSaidInKorean(String event, String korean) {
        LocaleContextHolder.setLocale(Locale.KOREAN);
        assertThat(VIEWS.event(event).text()).isEqualTo(korean);
    }
}
