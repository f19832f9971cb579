package dev.trafficwizard.workflow;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;

/**
 * Removes expired review links in the background, every {@code traffic-wizard.reviews.cleanup-interval}
 * (10 minutes), from the list of stored reviews: nobody has to open a link for it to go. A review
 * goes once it has been expired for an interval, so a link that has just expired still says
 * "expired" rather than "no such review". Also turns on scheduling for the application.
 */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
class ReviewCleanup implements SchedulingConfigurer {

    private static final Logger log = LoggerFactory.getLogger(ReviewCleanup.class);

    private final Reviews reviews;
    private final ReviewProperties properties;

    ReviewCleanup(Reviews reviews, ReviewProperties properties) {
        this.reviews = reviews;
        this.properties = properties;
    }

    @Override
    public void configureTasks(ScheduledTaskRegistrar registrar) {
        registrar.addFixedDelayTask(new org.springframework.scheduling.config.FixedDelayTask(this::run,
                properties.cleanupInterval(), properties.cleanupInterval()));
    }

    void run() {
        try {
            int removed = reviews.removeExpired();
            if (removed > 0) {
                log.info("Removed {} expired review links", removed);
            }
        } catch (RuntimeException e) {
            log.warn("Could not remove expired review links", e);
        }
    }
}
