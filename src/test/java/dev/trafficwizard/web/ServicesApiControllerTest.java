package dev.trafficwizard.web;

import dev.trafficwizard.catalog.Catalog;
import dev.trafficwizard.catalog.RoutingState;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

import java.util.List;
import java.util.Optional;

import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.when;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

@WebMvcTest(ServicesApiController.class)
@Import({WebTestConfig.class, LiveChecks.class})
@org.springframework.security.test.context.support.WithMockUser(roles = "ADMIN")
class ServicesApiControllerTest {

    @Autowired
    MockMvc mvc;

    /** The live checks (mocked: nothing found, not ready, unless a test says otherwise). */
    @MockitoBean
    dev.trafficwizard.workflow.MeshChecks meshChecks;

    @MockitoBean
    Catalog catalog;

    @Autowired
    org.springframework.context.MessageSource messages;

    @Test
    void listsServicesWithTheirVersionsAndRoutingState() throws Exception {
        when(catalog.page("", "", 0, 100)).thenReturn(new Catalog.ServicePage(
                List.of(Fixtures.summary(RoutingState.NONE, 67, 33)), 1, 0, 100, 1));

        mvc.perform(get("/api/v1/services"))
                .andExpect(status().isOk())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_JSON))
                .andExpect(jsonPath("$", hasSize(1)))
                .andExpect(jsonPath("$[0].namespace").value("default"))
                .andExpect(jsonPath("$[0].name").value("reviews"))
                .andExpect(jsonPath("$[0].versionLabel").value("version"))
                .andExpect(jsonPath("$[0].routing").value("NONE"))
                .andExpect(jsonPath("$[0].versions[0].version").value("v1"))
                .andExpect(jsonPath("$[0].versions[0].deployments[0]").value("reviews-v1"))
                .andExpect(jsonPath("$[0].versions[0].ready").value(2))
                .andExpect(jsonPath("$[0].versions[0].desired").value(2))
                .andExpect(jsonPath("$[0].versions[0].implicitShare").value(67))
                .andExpect(jsonPath("$[0].versions[1].implicitShare").value(33));
    }

    @Test
    void namespaceAndSearchFilterTheList() throws Exception {
        when(catalog.page("shop", "rev", 0, 100)).thenReturn(new Catalog.ServicePage(List.of(), 0, 0, 100, 1));

        mvc.perform(get("/api/v1/services").param("namespace", "shop").param("q", "rev"))
                .andExpect(status().isOk())
                .andExpect(header().string("X-Total-Count", "0"))
                .andExpect(header().doesNotExist("Link"))
                .andExpect(jsonPath("$", hasSize(0)));
    }

    @Test
    void aPageAtATimeWithTheTotalAndALinkToTheNextPage() throws Exception {
        when(catalog.page("", "", 1, 2)).thenReturn(new Catalog.ServicePage(
                List.of(Fixtures.summary(RoutingState.NONE, 67, 33)), 5, 1, 2, 3));

        mvc.perform(get("/api/v1/services").param("page", "2").param("size", "2"))
                .andExpect(status().isOk())
                .andExpect(header().string("X-Total-Count", "5"))
                .andExpect(header().string("Link", "</api/v1/services?page=3&size=2>; rel=\"next\""))
                .andExpect(jsonPath("$", hasSize(1)));
    }

    /** Issue #12 finding 9: a forged Host header does not end up in the paging link. */
    @Test
    void theNextLinkIsRelativeWhateverTheHostHeaderSays() throws Exception {
        when(catalog.page("shop", "a b&c", 0, 2)).thenReturn(new Catalog.ServicePage(
                List.of(Fixtures.summary(RoutingState.NONE, 67, 33)), 5, 0, 2, 3));

        mvc.perform(get("/tw/api/v1/services").contextPath("/tw").header("Host", "evil.example")
                        .header("X-Forwarded-Host", "evil.example")
                        .param("namespace", "shop").param("q", "a b&c").param("size", "2"))
                .andExpect(status().isOk())
                .andExpect(header().string("Link",
                        "</tw/api/v1/services?namespace=shop&q=a%20b%26c&page=2&size=2>; rel=\"next\""))
                .andExpect(header().string("Link", not(containsString("evil"))));
    }

    @Test
    void pastTheLastPageIsEmptyWithoutANextLink() throws Exception {
        when(catalog.page("", "", 6, 2)).thenReturn(new Catalog.ServicePage(
                List.of(Fixtures.summary(RoutingState.NONE, 67, 33)), 5, 2, 2, 3));

        mvc.perform(get("/api/v1/services").param("page", "7").param("size", "2"))
                .andExpect(status().isOk())
                .andExpect(header().doesNotExist("Link"))
                .andExpect(jsonPath("$", hasSize(0)));
    }

    @Test
    void pageAndSizeOutOfRangeNameTheirField() throws Exception {
        mvc.perform(get("/api/v1/services").param("page", "0").param("size", "501"))
                .andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.diagnostics[0].path").value("page"))
                .andExpect(jsonPath("$.diagnostics[1].path").value("size"));
        mvc.perform(get("/api/v1/services").param("page", "two"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.diagnostics[0].path").value("page"));
    }

    @Test
    void managedServiceComesWithItsPlanLiveYamlAndBaseVersion() throws Exception {
        when(catalog.service("default", "reviews")).thenReturn(Optional.of(Fixtures.managed(90, 10)));

        mvc.perform(get("/api/v1/namespaces/default/services/reviews"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.service.name").value("reviews"))
                .andExpect(jsonPath("$.service.routing").value("MANAGED"))
                .andExpect(jsonPath("$.editable").value(true))
                .andExpect(jsonPath("$.plan.namespace").value("default"))
                .andExpect(jsonPath("$.plan.service").value("reviews"))
                .andExpect(jsonPath("$.plan.rules[0].route[0].version").value("v1"))
                .andExpect(jsonPath("$.plan.rules[0].route[0].weight").value(90))
                .andExpect(jsonPath("$.plan.rules[0].route[1].version").value("v2"))
                .andExpect(jsonPath("$.plan.rules[0].route[1].weight").value(10))
                .andExpect(jsonPath("$.liveYaml").value(allOf(containsString("kind: VirtualService"),
                        containsString("weight: 90"), not(containsString("resourceVersion")))))
                .andExpect(jsonPath("$.baseVersion").value("5.6"));
    }

    @Test
    void theServiceAnswerCarriesTheDiagnosticsOfItsLiveRouting() throws Exception {
        when(catalog.service("default", "reviews")).thenReturn(Optional.of(Fixtures.unmanaged()));
        when(meshChecks.findingsForService("default", "reviews")).thenReturn(List.of(ServiceControllerTest.SUBSET));

        mvc.perform(get("/api/v1/namespaces/default/services/reviews"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.diagnostics", hasSize(1)))
                .andExpect(jsonPath("$.diagnostics[0].code").value("SUBSET_NOT_FOUND"))
                .andExpect(jsonPath("$.diagnostics[0].istioCode").value("IST0101"))
                .andExpect(jsonPath("$.diagnostics[0].severity").value("ERROR"))
                .andExpect(jsonPath("$.diagnostics[0].message").value(messages.getMessage("diagnostic.SUBSET_NOT_FOUND",
                        new Object[]{"v1", "reviews"}, java.util.Locale.ENGLISH)))
                .andExpect(jsonPath("$.diagnostics[0].object.kind").value("VirtualService"))
                .andExpect(jsonPath("$.diagnostics[0].object.name").value("reviews-legacy"))
                .andExpect(jsonPath("$.diagnostics[0].path").value("spec.http[0].route[0].destination.subset"));
        when(meshChecks.findingsForService("default", "reviews")).thenReturn(List.of());
        mvc.perform(get("/api/v1/namespaces/default/services/reviews"))
                .andExpect(jsonPath("$.diagnostics", hasSize(0)));
    }

    @Test
    void serviceWithoutRoutingIsEditableAndHasNoPlan() throws Exception {
        when(catalog.service("default", "reviews")).thenReturn(Optional.of(Fixtures.withoutRouting()));

        mvc.perform(get("/api/v1/namespaces/default/services/reviews"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.editable").value(true))
                .andExpect(jsonPath("$.plan").value(nullValue()))
                .andExpect(jsonPath("$.liveYaml").value(""))
                .andExpect(jsonPath("$.baseVersion").value("0.0"));
    }

    @Test
    void unmanagedOrHandEditedRoutingIsNotEditable() throws Exception {
        when(catalog.service("default", "reviews")).thenReturn(Optional.of(Fixtures.unmanaged()));
        mvc.perform(get("/api/v1/namespaces/default/services/reviews"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.service.routing").value("UNMANAGED"))
                .andExpect(jsonPath("$.editable").value(false))
                .andExpect(jsonPath("$.plan").value(nullValue()))
                .andExpect(jsonPath("$.liveYaml").value(containsString("reviews-legacy")));

        when(catalog.service("default", "reviews")).thenReturn(Optional.of(Fixtures.managedButHandEdited()));
        mvc.perform(get("/api/v1/namespaces/default/services/reviews"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.editable").value(false))
                .andExpect(jsonPath("$.plan").value(nullValue()));
    }

    @Test
    void unknownServiceIsA404WithADiagnostic() throws Exception {
        when(catalog.service(anyString(), anyString())).thenReturn(Optional.empty());

        mvc.perform(get("/api/v1/namespaces/default/services/nope"))
                .andExpect(status().isNotFound())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_JSON))
                .andExpect(jsonPath("$.diagnostics", hasSize(1)))
                .andExpect(jsonPath("$.diagnostics[0].code").value("NOT_FOUND"))
                .andExpect(jsonPath("$.diagnostics[0].severity").value("ERROR"))
                .andExpect(jsonPath("$.diagnostics[0].message").value("There is no such service."))
                .andExpect(jsonPath("$.diagnostics[0].path").value("service"));
    }
}
