package dev.trafficwizard;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.webmvc.test.autoconfigure.MockMvcBuilderCustomizer;
import org.springframework.context.annotation.Bean;

import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

/**
 * Every MockMvc request of a test carries a valid CSRF token, as the pages and htmx do; the
 * security tests that check CSRF itself build their own MockMvc requests without it.
 */
@TestConfiguration(proxyBeanMethods = false)
public class WithCsrf {

    @Bean
    MockMvcBuilderCustomizer csrfOnEveryRequest() {
        return builder -> builder.defaultRequest(get("/").with(csrf()));
    }
}
