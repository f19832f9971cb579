package dev.trafficwizard.web;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.test.web.servlet.MockMvc;

import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** #17 fc: on the demo cluster, bookinfo/details is managed by an Argo Rollouts Rollout, and its page says so. */
@SpringBootTest(properties = "traffic-wizard.cluster.mode=demo")
@org.springframework.security.test.context.support.WithMockUser(roles = "ADMIN")
@AutoConfigureMockMvc
class ForeignControllerPageTest {

    @Autowired
    MockMvc mvc;

    private String page(String path, Locale locale) throws Exception {
        return mvc.perform(get(path).cookie(new jakarta.servlet.http.Cookie("tw-lang", locale.getLanguage()))).andExpect(status().isOk()).andReturn().getResponse()
                .getContentAsString();
    }

    @Test
    void theDemoRolloutShowsOnTheDetailsPage() throws Exception {
        String html = page("/services/bookinfo/details", Locale.ENGLISH);

        assertThat(Html.text(html, "foreign-title")).isEqualTo("Routing managed by Argo Rollouts");
        assertThat(Html.text(html, "foreign-controllers")).contains("Rollout bookinfo/details, phase Paused",
                "Found in Rollout bookinfo/details: spec.strategy.canary.trafficRouting.istio.virtualService.name"
                        + " → VirtualService details",
                "Traffic Wizard will not start a rollout here.");
        assertThat(page("/services/bookinfo/reviews", Locale.ENGLISH)).doesNotContain("id=\"foreign-controllers\"");
    }

    @Test
    void inKorean() throws Exception {
        String html = page("/services/bookinfo/details", Locale.KOREAN);

        assertThat(Html.text(html, "foreign-title")).isEqualTo("Argo Rollouts이(가) 관리하는 라우팅");
        assertThat(Html.text(html, "foreign-controllers")).contains("Rollout bookinfo/details, 상태 Paused",
                "Traffic Wizard는 이 서비스에서 롤아웃을 시작하지 않습니다.");
    }
}
