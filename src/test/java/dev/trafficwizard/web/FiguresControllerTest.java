package dev.trafficwizard.web;

import dev.trafficwizard.catalog.Catalog;
import dev.trafficwizard.metrics.MetricsUnavailableException;
import dev.trafficwizard.metrics.ServiceRef;
import dev.trafficwizard.metrics.TrafficMetrics;
import dev.trafficwizard.rollout.VersionFigures;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.MessageSource;
import org.springframework.context.annotation.Import;
import org.springframework.security.test.context.support.WithMockUser;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyCollection;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.when;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * #17 the request figures beside the weights: per version on the service page and in the services
 * list (one call for the whole list), the source named, and a source that cannot answer is a quiet
 * line, never an error page.
 */
@WebMvcTest({ServiceController.class, ServicesController.class})
@Import({WebTestConfig.class, LiveChecks.class})
@WithMockUser(roles = "OPERATOR")
class FiguresControllerTest {

    @Autowired
    MockMvc mvc;
    @Autowired
    MessageSource messages;
    @MockitoBean
    dev.trafficwizard.release.ForeignOwners foreignOwners;

    @MockitoBean
    TrafficMetrics metrics;
    @MockitoBean
    Catalog catalog;
    @MockitoBean
    dev.trafficwizard.workflow.MeshChecks meshChecks;
    @MockitoBean
    dev.trafficwizard.workflow.RoutingWorkflow workflow;
    @MockitoBean
    dev.trafficwizard.workflow.Simulations simulations;

    static final ServiceRef REVIEWS = new ServiceRef("default", "reviews");

    @BeforeEach
    void catalog() {
        when(catalog.service("default", "reviews")).thenReturn(Optional.of(Fixtures.withoutRouting()));
        when(catalog.page("", "", 0, 50)).thenReturn(ServicesControllerTest.page(List.of(Fixtures.withoutRouting().summary())));
        when(metrics.available()).thenReturn(true);
        when(metrics.source()).thenReturn("Prometheus at http://prometheus:9090");
    }

    @Test
    void eachVersionShowsItsRateSuccessRateP99AndSparklineBesideItsShareAndTheSourceIsNamed() throws Exception {
        when(metrics.figures(anyCollection(), any())).thenReturn(Map.of(REVIEWS, Map.of(
                "v1", new VersionFigures("v1", 1200, 20.0, 99.5, 80.0, List.of(18.0, 20.0, 22.0)),
                "v2", new VersionFigures("v2", 60, 1.0, 70.0, 900.0, List.of(1.0, 1.0)))));
        String html = page("/services/default/reviews");

        String versions = Html.text(html, "versions");
        assertThat(versions).contains(msg("metrics.rate", "20.0"), msg("metrics.success", "99.5"), msg("metrics.p99", "80"),
                msg("metrics.rate", "1.0"), msg("metrics.success", "70.0"), msg("metrics.p99", "900"));
        assertThat(Html.element(html, "versions")).contains("<svg class=\"tw-spark\"", "<svg class=\"tw-spark tw-spark-fail\"");
        assertThat(Html.text(html, "metrics-source")).isEqualTo(msg("metrics.source", "Prometheus at http://prometheus:9090"));
        assertThat(html).doesNotContain("id=\"metrics-simulated\"", "id=\"demo-knob\"");

        String list = page("/services");
        assertThat(Html.text(list, "services-table")).contains("v1 " + msg("metrics.rate", "20.0"));
        verify(metrics, times(2)).figures(anyCollection(), any());
    }

    @Test
    void aSourceThatCannotAnswerIsAQuietLine() throws Exception {
        when(metrics.figures(anyCollection(), any())).thenThrow(new MetricsUnavailableException("connection refused"));
        String html = page("/services/default/reviews");
        assertThat(Html.text(html, "metrics-unavailable")).isEqualTo(msg("metrics.unavailable", "connection refused"));
        assertThat(Html.element(html, "versions")).doesNotContain("tw-figures");

        String list = page("/services");
        assertThat(Html.text(list, "metrics-unavailable")).isEqualTo(msg("metrics.unavailable", "connection refused"));
    }

    @Test
    void withoutASourceNothingIsShown() throws Exception {
        when(metrics.available()).thenReturn(false);
        String html = page("/services/default/reviews");
        assertThat(html).doesNotContain("id=\"metrics-source\"", "tw-figures");
    }

    private String page(String path) throws Exception {
        return mvc.perform(get(path)).andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
    }

    private String msg(String key, Object... args) {
        return messages.getMessage(key, args, Locale.ENGLISH);
    }
}
