package dev.trafficwizard.catalog;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.util.List;

/** Which pod template labels name a workload's version, in lookup order. */
@ConfigurationProperties("traffic-wizard.catalog")
public record CatalogProperties(List<String> versionLabels) {

    public CatalogProperties {
        versionLabels = versionLabels == null || versionLabels.isEmpty()
                ? List.of("version", "app.kubernetes.io/version") : List.copyOf(versionLabels);
    }
}
