package dev.trafficwizard.web;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.util.unit.DataSize;
import tools.jackson.databind.json.JsonMapper;

/**
 * The request body limit ({@code traffic-wizard.limits.max-body-size}, 256 KiB by default, far
 * above the largest plan the other limits allow): {@link BodySizeLimit} runs before Spring
 * Security, which would otherwise read a form's body for its CSRF token.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(LimitsConfiguration.LimitsProperties.class)
class LimitsConfiguration {

    /** Just after the request context filter (-105: the request's language is known), before security (-100). */
    static final int ORDER = -104;

    @ConfigurationProperties("traffic-wizard.limits")
    record LimitsProperties(DataSize maxBodySize) {

        LimitsProperties {
            maxBodySize = maxBodySize == null ? DataSize.ofKilobytes(256) : maxBodySize;
        }
    }

    @Bean
    FilterRegistrationBean<BodySizeLimit> bodySizeLimit(LimitsProperties limits, DiagnosticMessages messages,
                                                        JsonMapper json) {
        var registration = new FilterRegistrationBean<>(new BodySizeLimit(limits.maxBodySize().toBytes(), messages,
                json));
        registration.setOrder(ORDER);
        return registration;
    }
}
