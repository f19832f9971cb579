package dev.trafficwizard.workflow;

import dev.trafficwizard.routing.FormKind;
import io.fabric8.kubernetes.client.utils.Serialization;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The form of a history entry is stored as the text earlier versions wrote
 * ("weighted", ...): it reads back as the form, and text naming no form reads as none, never an error.
 */
class StoredFormTextTest {

    static final String ENTRY = "{\"number\":3,\"time\":\"2026-01-01T00:00:00Z\",\"user\":\"ann\",\"action\":\"apply\","
            + "%s\"plan\":null,\"yaml\":\"\",\"outcome\":\"applied\",\"objects\":[]}";

    @Test
    void aRevisionStoresItsFormAsText() {
        Revision revision = Revision.draft("ann", RevisionAction.APPLY, FormKind.SUBDOMAIN, null, "")
                .applied(List.of()).numbered(3, "2026-01-01T00:00:00Z");
        String json = Serialization.asJson(revision);
        assertThat(json).contains("\"form\":\"subdomain\"").doesNotContain("SUBDOMAIN").doesNotContain("formText");
        assertThat(Serialization.unmarshal(json, Revision.class)).isEqualTo(revision);
    }

    @Test
    void storedTextReadsAsTheFormAndUnknownOrMissingTextAsNone() {
        assertThat(Serialization.unmarshal(ENTRY.formatted("\"form\":\"dark\","), Revision.class).form())
                .isEqualTo(FormKind.DARK);
        Revision unknown = Serialization.unmarshal(ENTRY.formatted("\"form\":\"canary\","), Revision.class);
        assertThat(unknown.form()).isNull();
        assertThat(unknown.number()).isEqualTo(3);
        assertThat(Serialization.unmarshal(ENTRY.formatted("\"form\":null,"), Revision.class).form()).isNull();
        assertThat(Serialization.unmarshal(ENTRY.formatted(""), Revision.class).form()).isNull();
    }
}
