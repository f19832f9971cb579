package dev.trafficwizard.web;

import io.swagger.v3.oas.annotations.OpenAPIDefinition;
import io.swagger.v3.oas.annotations.info.Info;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.LocaleResolver;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.servlet.i18n.CookieLocaleResolver;
import org.springframework.web.servlet.i18n.LocaleChangeInterceptor;
import org.springframework.web.servlet.resource.ResourceUrlEncodingFilter;

import java.time.Duration;
import java.util.Locale;

/**
 * The language switch (?lang=ko, remembered in a cookie), the OpenAPI description, and no
 * resource URL rewriting (see {@link #resourceUrlEncodingFilter}).
 */
@Configuration(proxyBeanMethods = false)
@OpenAPIDefinition(info = @Info(title = "Traffic Wizard API", version = "v1",
        description = "Preview, apply, delete and roll back Istio routing plans. HTTP Basic for pipelines; "
                + "VIEWER previews, OPERATOR applies in its namespaces, ADMIN everywhere."))
class WebConfiguration implements WebMvcConfigurer {

    @Bean
    LocaleResolver localeResolver() {
        CookieLocaleResolver resolver = new CookieLocaleResolver("tw-lang");
        resolver.setDefaultLocale(Locale.ENGLISH);
        resolver.setCookieMaxAge(Duration.ofDays(365));
        return resolver;
    }

    /**
     * Spring Boot registers a ResourceUrlEncodingFilter because webjars-locator-lite turns the
     * resource chain on. It passes every link a page writes ({@code @{...}}, 50 service rows on
     * the services page) through the static resource resolvers, and as the default static mapping
     * is {@code /**}, each page link costs classpath look-ups that are not cached when they miss
     * (most of the services page's time at 10,000 services). No versioned URL strategy is
     * configured, so the filter only turned {@code /webjars/x/file} into {@code /webjars/x/<version>/file};
     * without it the version-less path is resolved when the browser asks for the file.
     */
    @Bean
    FilterRegistrationBean<ResourceUrlEncodingFilter> resourceUrlEncodingFilter() {
        FilterRegistrationBean<ResourceUrlEncodingFilter> registration =
                new FilterRegistrationBean<>(new ResourceUrlEncodingFilter());
        registration.setEnabled(false);
        return registration;
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        LocaleChangeInterceptor change = new LocaleChangeInterceptor();
        change.setParamName("lang");
        change.setIgnoreInvalidLocale(true);
        registry.addInterceptor(change);
    }
}
