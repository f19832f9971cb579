package dev.trafficwizard.web;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.context.support.ResourceBundleMessageSource;

import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;

class FieldLabelsTest {

    final FieldLabels labels = new FieldLabels(bundles());

    static ResourceBundleMessageSource bundles() {
        ResourceBundleMessageSource source = new ResourceBundleMessageSource();
        source.setBasename("messages");
        source.setDefaultEncoding("UTF-8");
        source.setFallbackToSystemLocale(false);
        return source;
    }

    @AfterEach
    void resetLocale() {
        LocaleContextHolder.resetLocaleContext();
    }

    @Test
    void rulePathsNameTheRuleAndItsPart() {
        LocaleContextHolder.setLocale(Locale.ENGLISH);
        assertThat(labels.of("rules[1].match[0].headers.x-a")).isEqualTo("Rule 2 · header");
        assertThat(labels.of("rules[0].route[1].weight")).isEqualTo("Rule 1 · weight");
        assertThat(labels.of("rules[0].route")).isEqualTo("Rule 1 · versions");
        assertThat(labels.of("rules[3]")).isEqualTo("Rule 4");
    }

    @Test
    void sectionsAndOtherFields() {
        LocaleContextHolder.setLocale(Locale.ENGLISH);
        assertThat(labels.of("gateway.hosts[0]")).isEqualTo("Gateway exposure");
        assertThat(labels.of("stickySession.httpCookie.ttl")).isEqualTo("Sticky sessions");
        assertThat(labels.of("baseVersion")).isEqualTo("Base version");
        assertThat(labels.of("something.else")).isEqualTo("something.else");
        assertThat(labels.of("")).isEmpty();
    }

    @Test
    void inKorean() {
        LocaleContextHolder.setLocale(Locale.KOREAN);
        assertThat(labels.of("rules[0].route[0].weight")).isEqualTo("규칙 1 · 가중치");
    }
}
