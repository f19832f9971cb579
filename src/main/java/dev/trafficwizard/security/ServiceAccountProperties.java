package dev.trafficwizard.security;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.util.List;

/**
 * Which Kubernetes ServiceAccounts (bearer tokens verified by TokenReview) get which role:
 * {@code traffic-wizard.security.service-accounts[0].name=ci/deployer} (namespace/name) or
 * {@code ...group=system:serviceaccounts:ci}, {@code ...role=OPERATOR}, {@code ...namespaces=shop}.
 * The first entry that matches decides; a verified token no entry matches is refused (403).
 */
@ConfigurationProperties("traffic-wizard.security")
public record ServiceAccountProperties(List<Mapping> serviceAccounts) {

    public ServiceAccountProperties {
        serviceAccounts = serviceAccounts == null ? List.of() : List.copyOf(serviceAccounts);
    }

    public record Mapping(String name, String group, Role role, List<String> namespaces) {

        public Mapping {
            namespaces = namespaces == null ? List.of() : List.copyOf(namespaces);
        }

        boolean matches(String username, List<String> groups) {
            if (role == null) {
                return false;
            }
            if (name != null && !name.isBlank()) {
                String[] nsName = name.trim().split("/", 2);
                return nsName.length == 2 && ("system:serviceaccount:" + nsName[0] + ":" + nsName[1]).equals(username);
            }
            return group != null && !group.isBlank() && groups.contains(group.trim());
        }
    }
}
