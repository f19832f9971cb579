package dev.trafficwizard;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

@SpringBootApplication
public class TrafficWizardApplication {

    public static void main(String[] args) {
        SpringApplication.run(TrafficWizardApplication.class, args);
    }
}
