package dev.trafficwizard.catalog;

import dev.trafficwizard.istio.EntryPoint;

import java.util.List;

/**
 * A row of the services page. {@code routes} are the entry points that reach the service as the
 * routing model resolves them (empty when plain round robin is all there is).
 */
public record ServiceSummary(String namespace, String name, String versionLabel, List<VersionSummary> versions,
                             RoutingState routing, List<EntryPoint> routes) {

    public ServiceSummary {
        versions = List.copyOf(versions);
        routes = routes == null ? List.of() : List.copyOf(routes);
    }

    public ServiceSummary(String namespace, String name, String versionLabel, List<VersionSummary> versions,
                          RoutingState routing) {
        this(namespace, name, versionLabel, versions, routing, List.of());
    }

    /** Whether the row must show each entry point's rules: no single split describes all requests. */
    public boolean hasRules() {
        return !routes.isEmpty() && !hasRoutedSplit();
    }

    /** {@code namespace/name}. */
    public String qualifiedName() {
        return namespace + "/" + name;
    }

    public int readyPods() {
        return versions.stream().mapToInt(VersionSummary::ready).sum();
    }

    public boolean hasImplicitSplit() {
        return versions.stream().anyMatch(v -> v.implicitShare() != null);
    }

    public boolean hasRoutedSplit() {
        return versions.stream().anyMatch(v -> v.routedShare() != null);
    }

    /**
     * The traffic split to draw: by routing when one split applies to every request, else implicit
     * round robin. A routed split also draws what goes to no version of the service: a subset no
     * DestinationRule defines ({@code 503 (v3)}, Envoy answers 503) or another host.
     */
    public List<Share> split() {
        if (hasRoutedSplit()) {
            List<Share> out = new java.util.ArrayList<>(versions.stream()
                    .map(v -> new Share(v.version(), v.routedShare())).toList());
            if (!routes.isEmpty()) {
                java.util.Set<String> names = versions.stream().map(VersionSummary::version)
                        .collect(java.util.stream.Collectors.toSet());
                EntryPoint.byDestination(routes.get(0).otherwise()).forEach((to, percent) -> {
                    if (!names.contains(to) && percent > 0) {
                        out.add(new Share(to, percent));
                    }
                });
            }
            return out;
        }
        if (hasImplicitSplit()) {
            return versions.stream().map(v -> new Share(v.version(), v.implicitShare())).toList();
        }
        return List.of();
    }

    /** The split as words, e.g. {@code v1 90%, v2 10%} (for screen readers). */
    public String splitLabel() {
        return String.join(", ", split().stream().map(s -> s.version() + " " + s.percent() + "%").toList());
    }

    /** One version's percentage of the traffic. */
    public record Share(String version, int percent) {

        /** Requests that fail: sent to a subset no DestinationRule defines. */
        public boolean failing() {
            return version.startsWith("503 ");
        }

        /** As the bar shows it, e.g. {@code v2 10 %}. */
        public String label() {
            return version + " " + percent + " %";
        }
    }
}
