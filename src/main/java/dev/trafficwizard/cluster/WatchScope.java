package dev.trafficwizard.cluster;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.util.List;

/**
 * Which namespaces the dashboard watches: all (empty, needs cluster-wide read access) or only the
 * listed ones (namespaced Roles are enough). Bound from {@code traffic-wizard.cluster.watch-namespaces}.
 */
@ConfigurationProperties("traffic-wizard.cluster")
public record WatchScope(List<String> watchNamespaces) {

    public static final WatchScope ALL = new WatchScope(List.of());

    public WatchScope {
        watchNamespaces = watchNamespaces == null ? List.of()
                : watchNamespaces.stream().filter(ns -> ns != null && !ns.isBlank()).map(String::trim).toList();
    }
}
