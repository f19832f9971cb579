package dev.trafficwizard.workflow;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.ConstructorBinding;

import java.time.Duration;

/**
 * Review links ({@code traffic-wizard.reviews.*}): how long one stays valid after it was shared
 * (default 7 days); how many open (unexpired) ones a namespace holds (100) and one user has shared
 * (20) before sharing is refused; how often expired ones are removed in the background (10 min).
 */
@ConfigurationProperties("traffic-wizard.reviews")
public record ReviewProperties(Duration expiry, Integer maxPerNamespace, Integer maxPerUser,
                               Duration cleanupInterval) {

    @ConstructorBinding
    public ReviewProperties {
        expiry = positive(expiry, Duration.ofDays(7));
        maxPerNamespace = maxPerNamespace == null || maxPerNamespace < 1 ? 100 : maxPerNamespace;
        maxPerUser = maxPerUser == null || maxPerUser < 1 ? 20 : maxPerUser;
        cleanupInterval = positive(cleanupInterval, Duration.ofMinutes(10));
    }

    /** The defaults, with this expiry. */
    public ReviewProperties(Duration expiry) {
        this(expiry, null, null, null);
    }

    private static Duration positive(Duration value, Duration otherwise) {
        return value == null || value.isNegative() || value.isZero() ? otherwise : value;
    }
}
