package dev.trafficwizard.release;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.time.Clock;

/** #17: the time the rollouts run on: the system's (UTC), a bean so tests drive it without sleeping. */
@Configuration(proxyBeanMethods = false)
class RolloutClock {

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }
}
