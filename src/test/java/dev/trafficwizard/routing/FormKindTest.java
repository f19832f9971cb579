package dev.trafficwizard.routing;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The forms' stored texts: what earlier versions wrote still names the same form; anything else names none. */
class FormKindTest {

    @Test
    void eachFormReadsBackFromItsStoredText() {
        assertThat(FormKind.values()).extracting(FormKind::segment)
                .containsExactly("weighted", "header", "uri", "subdomain", "dark", "rules");
        for (FormKind kind : FormKind.values()) {
            assertThat(FormKind.of(kind.segment())).contains(kind);
            assertThat(FormKind.segmentOf(kind)).isEqualTo(kind.segment());
        }
    }

    @Test
    void unknownOrAbsentTextNamesNoForm() {
        assertThat(FormKind.of(null)).isEmpty();
        assertThat(FormKind.of("")).isEmpty();
        assertThat(FormKind.of("WEIGHTED")).isEmpty();
        assertThat(FormKind.of("canary")).isEmpty();
        assertThat(FormKind.segmentOf(null)).isNull();
    }
}
