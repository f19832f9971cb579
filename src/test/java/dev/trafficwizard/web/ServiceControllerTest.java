package dev.trafficwizard.web;

import dev.trafficwizard.catalog.Catalog;
import dev.trafficwizard.catalog.ServiceDetail;
import dev.trafficwizard.catalog.ServiceSummary;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.MessageSource;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.when;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

@WebMvcTest(ServiceController.class)
@Import({WebTestConfig.class, LiveChecks.class})
@org.springframework.security.test.context.support.WithMockUser(roles = "ADMIN")
class ServiceControllerTest {

    @Autowired
    MockMvc mvc;

    @Autowired
    MessageSource messages;

    /** The live checks (mocked: nothing found, not ready, unless a test says otherwise). */
    @MockitoBean
    dev.trafficwizard.workflow.MeshChecks meshChecks;

    @MockitoBean
    dev.trafficwizard.workflow.RoutingWorkflow workflow;

    @MockitoBean
    Catalog catalog;

    @MockitoBean
    dev.trafficwizard.workflow.Simulations simulations;

    /** #17 fc: the other controllers managing the routing (none unless a test says otherwise). */
    @MockitoBean
    dev.trafficwizard.release.ForeignOwners foreignOwners;

    @Test
    void routingManagedByAnotherControllerShowsItsObjectsAndPhaseReadOnly() throws Exception {
        when(foreignOwners.managing(org.mockito.ArgumentMatchers.any(ServiceDetail.class))).thenReturn(List.of(
                new dev.trafficwizard.rollout.ForeignController("Flagger", "Canary", "default", "reviews", null,
                        "VirtualService default/reviews: metadata.ownerReferences → Canary reviews")));
        String html = page(Fixtures.withoutRouting());

        assertThat(Html.text(html, "foreign-title")).isEqualTo("Routing managed by Flagger");
        assertThat(Html.text(html, "foreign-controllers")).contains("Canary default/reviews, no phase reported",
                "Found in VirtualService default/reviews: metadata.ownerReferences → Canary reviews",
                msg("foreign.note"));
    }

    @Test
    void severalToolsAreNamedOnceEach() throws Exception {
        when(foreignOwners.managing(org.mockito.ArgumentMatchers.any(ServiceDetail.class))).thenReturn(List.of(
                new dev.trafficwizard.rollout.ForeignController("Flagger", "Canary", "default", "a", "Failed", "x"),
                new dev.trafficwizard.rollout.ForeignController("Argo Rollouts", "Rollout", "default", "b", "Healthy", "y"),
                new dev.trafficwizard.rollout.ForeignController("Flagger", "Canary", "default", "c", "Succeeded", "z")));
        String html = page(Fixtures.withoutRouting());

        assertThat(Html.text(html, "foreign-title")).isEqualTo("Routing managed by Flagger, Argo Rollouts");
        assertThat(Html.text(html, "foreign-controllers")).contains("Canary default/a, phase Failed",
                "Rollout default/b, phase Healthy", "Canary default/c, phase Succeeded");
    }

    @Test
    void noCardWhenNoOtherControllerManagesTheRouting() throws Exception {
        assertThat(page(Fixtures.withoutRouting())).doesNotContain("id=\"foreign-controllers\"");
    }

    @Test
    void serviceWithoutRoutingShowsItsVersionsRoundRobinSharesAndTheCreateAction() throws Exception {
        String html = page(Fixtures.withoutRouting());

        assertThat(Html.text(html, "routing-state")).isEqualTo(msg("routing.NONE"));
        String versions = Html.text(html, "versions");
        assertThat(versions).contains("v1 reviews-v1 2 / 2 " + msg("service.share.implicit", 67),
                "v2 reviews-v2 1 / 1 " + msg("service.share.implicit", 33));
        assertThat(Html.text(html)).contains(msg("service.routing.none"), "reviews.default.svc.cluster.local",
                msg("service.versionLabel", "version"));
        assertThat(Html.text(html, "action-weighted")).isEqualTo(msg("service.action.create.weighted"));
        assertThat(Html.openingTag(html, "action-weighted")).contains("href=\"/services/default/reviews/weighted\"");
        assertThat(html).doesNotContain("id=\"live-yaml\"", "id=\"unmanaged-note\"");
    }

    @Test
    void managedRoutingShowsTheLiveYamlAndTheEditAction() throws Exception {
        String html = page(Fixtures.managed(90, 10));

        assertThat(Html.text(html, "routing-state")).isEqualTo(msg("routing.MANAGED"));
        assertThat(Html.text(html, "versions")).contains("v1", "v2", msg("service.share.routed"));
        assertThat(Html.text(html, "edit-action")).isEqualTo(msg("service.action.edit.weighted"));
        String yaml = Html.text(html, "live-yaml");
        assertThat(yaml).contains("kind: DestinationRule", "kind: VirtualService", "weight: 90", "weight: 10")
                .doesNotContain("resourceVersion");
        assertThat(Html.text(html)).doesNotContain(msg("service.routing.unexpressible"), msg("service.routing.none"));
    }

    @Test
    void managedRoutingEditedByHandIsReadOnly() throws Exception {
        String html = page(Fixtures.managedButHandEdited());

        assertThat(Html.text(html, "routing-state")).isEqualTo(msg("routing.MANAGED"));
        assertThat(Html.text(html)).contains(msg("service.routing.unexpressible"));
        assertThat(Html.text(html, "live-yaml")).contains("rewrite:", "uri: /v2");
        assertThat(html).doesNotContain("id=\"action-weighted\"", "/weighted\"");
    }

    @Test
    void unmanagedRoutingIsShownWithANoteAndNoEditAction() throws Exception {
        org.mockito.Mockito.when(workflow.takeOverPreview(org.mockito.ArgumentMatchers.any())).thenReturn(List.of(
                new dev.trafficwizard.workflow.Preview.Resource("VirtualService", "default", "reviews-legacy",
                        "update", "+    app.kubernetes.io/managed-by: traffic-wizard\n")));
        String html = page(Fixtures.unmanaged());

        assertThat(Html.text(html, "routing-state")).isEqualTo(msg("routing.UNMANAGED"));
        assertThat(Html.text(html, "unmanaged-note"))
                .isEqualTo(msg("service.routing.unmanaged") + " VirtualService default/reviews-legacy");
        assertThat(Html.text(html, "live-yaml")).contains("name: reviews-legacy");
        assertThat(html).doesNotContain("id=\"action-weighted\"", "/weighted\"");
        assertThat(html).contains("id=\"take-over-action\"");
        assertThat(Html.text(html)).doesNotContain(msg("service.action.create.weighted"),
                msg("service.action.edit.weighted"));
    }

    @Test
    void serviceWithoutVersionsSaysSoAndOffersNoWizard() throws Exception {
        ServiceDetail bare = Fixtures.withoutRouting();
        var summary = new ServiceSummary(Fixtures.NS, Fixtures.NAME, "version",
                List.of(), bare.summary().routing());
        String html = page(new ServiceDetail(summary, bare.target(), List.of(), null, null));

        assertThat(msg("service.noVersions")).isEqualTo("No Deployment matches this Service's selector.");
        assertThat(Html.text(html)).contains(msg("service.noVersions"));
        assertThat(html).doesNotContain("id=\"versions\"", "id=\"action-weighted\"");
    }

    @Test
    void unknownServiceIsNotFound() throws Exception {
        when(catalog.service(anyString(), anyString())).thenReturn(Optional.empty());

        mvc.perform(get("/services/default/nope")).andExpect(status().isNotFound());
    }

    static final dev.trafficwizard.analysis.Finding SUBSET = new dev.trafficwizard.analysis.Finding("SUBSET_NOT_FOUND",
            "IST0101", dev.trafficwizard.routing.Severity.ERROR, "diagnostic.SUBSET_NOT_FOUND",
            List.of("v1", "reviews"), new dev.trafficwizard.analysis.ObjectRef("VirtualService", "default", "reviews-legacy"),
            "spec.http[0].route[0].destination.subset");

    @Test
    void theChecksPanelListsTheFindingsOfTheLiveRoutingEachLinkingToItsLines() throws Exception {
        when(meshChecks.ready()).thenReturn(true);
        when(meshChecks.findingsForService("default", "reviews")).thenReturn(List.of(SUBSET));
        String html = page(Fixtures.unmanaged());

        String finding = Html.text(html, "finding-0");
        assertThat(finding).contains(msg("checks.severity.ERROR"), "SUBSET_NOT_FOUND", "IST0101",
                msg("diagnostic.SUBSET_NOT_FOUND", "v1", "reviews"), "VirtualService default/reviews-legacy",
                "spec.http[0].route[0].destination.subset");
        // the YAML as written: the subset is on line 15 of the live YAML (after its metadata)
        String yaml = Html.element(html, "live-yaml");
        org.jsoup.nodes.Element subsetLine = org.jsoup.Jsoup.parse(yaml).select("code.tw-line:contains(subset: v1)").first();
        int line = Integer.parseInt(subsetLine.attr("data-line"));
        assertThat(finding).contains(msg("checks.line", line));
        assertThat(Html.element(html, "finding-0")).contains("href=\"/services/default/reviews?object=VirtualService/default/reviews-legacy"
                + "&amp;path=spec.http%5B0%5D.route%5B0%5D.destination.subset#yaml-hl\"");
        assertThat(yaml).as("nothing highlighted until a finding is picked").doesNotContain("tw-line-hit");
        assertThat(html).doesNotContain("id=\"checks-none\"", "id=\"checks-running\"");
    }

    @Test
    void aPickedFindingHighlightsItsLinesAndIsMarkedCurrent() throws Exception {
        when(meshChecks.ready()).thenReturn(true);
        when(meshChecks.findingsForService("default", "reviews")).thenReturn(List.of(SUBSET));
        when(catalog.service(Fixtures.NS, Fixtures.NAME)).thenReturn(Optional.of(Fixtures.unmanaged()));
        String html = mvc.perform(get("/services/default/reviews")
                        .param("object", "VirtualService/default/reviews-legacy").param("path", SUBSET.path()))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();

        var hits = org.jsoup.Jsoup.parse(html).select("#live-yaml code.tw-line-hit");
        assertThat(hits).extracting(org.jsoup.nodes.Element::text).containsExactly("subset: v1");
        assertThat(hits.first().id()).isEqualTo("yaml-hl");
        assertThat(Html.openingTag(html, "finding-0")).contains("aria-current=\"true\"", "tw-finding-selected");
    }

    @Test
    void theChecksPanelSaysWhenNothingIsFoundAndWhileChecksStillRun() throws Exception {
        String running = page(Fixtures.unmanaged());
        assertThat(Html.text(running, "checks-running")).isEqualTo(msg("checks.running"));
        assertThat(running).doesNotContain("id=\"checks-none\"");

        when(meshChecks.ready()).thenReturn(true);
        String none = page(Fixtures.unmanaged());
        assertThat(Html.text(none, "checks-none")).isEqualTo(msg("checks.none"));
        assertThat(none).doesNotContain("id=\"checks-running\"", "id=\"findings\"");
    }

    private String page(ServiceDetail service) throws Exception {
        when(catalog.service(Fixtures.NS, Fixtures.NAME)).thenReturn(Optional.of(service));
        return mvc.perform(get("/services/default/reviews")).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString();
    }

    private String msg(String key, Object... args) {
        return messages.getMessage(key, args, Locale.ENGLISH);
    }
}
