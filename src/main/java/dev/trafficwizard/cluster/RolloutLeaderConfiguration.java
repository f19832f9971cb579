package dev.trafficwizard.cluster;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** #17: the rollouts' leader election, started with the application and left (lease released) on shutdown. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(LeaseProperties.class)
class RolloutLeaderConfiguration {

    @Bean(destroyMethod = "close")
    RolloutLeader rolloutLeader(Impersonator impersonator, LeaseProperties lease) {
        return new RolloutLeader(impersonator.own(), lease);
    }

    @Bean
    SmartLifecycle rolloutLeaderLifecycle(RolloutLeader leader) {
        return new SmartLifecycle() {
            private volatile boolean running;

            @Override
            public void start() {
                leader.start();
                running = true;
            }

            @Override
            public void stop() {
                leader.close();
                running = false;
            }

            @Override
            public boolean isRunning() {
                return running;
            }
        };
    }
}
