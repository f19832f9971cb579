package dev.trafficwizard.workflow;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.time.Duration;

/** How long a review link stays valid after it was shared (default 7 days). */
@ConfigurationProperties("traffic-wizard.reviews")
public record ReviewProperties(Duration expiry) {

    public ReviewProperties {
        expiry = expiry == null || expiry.isNegative() || expiry.isZero() ? Duration.ofDays(7) : expiry;
    }
}
