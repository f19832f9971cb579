package dev.trafficwizard.workflow;

import dev.trafficwizard.istio.ServiceRoutes;
import dev.trafficwizard.routing.Diagnostic;
import dev.trafficwizard.routing.checks.PlanValidator;

import java.util.List;

/**
 * What a plan would do: the diagnostics, the objects with the action each would get, their YAML
 * (empty when the plan cannot be built at all), and the token of the live state it was computed
 * from, and the traffic API it is written with and why (null when the service is unknown).
 */
public record Preview(List<Diagnostic> diagnostics, List<Resource> resources, String yaml, String baseVersion,
                      ServiceRoutes live, ServiceRoutes proposed, List<WhatChanges.EntryChange> changes,
                      List<Diagnostic> flags, ApiChoice api) {

    public Preview {
        diagnostics = List.copyOf(diagnostics);
        resources = List.copyOf(resources);
        changes = changes == null ? List.of() : List.copyOf(changes);
        flags = flags == null ? List.of() : List.copyOf(flags);
    }

    public Preview(List<Diagnostic> diagnostics, List<Resource> resources, String yaml, String baseVersion) {
        this(diagnostics, resources, yaml, baseVersion, null, null, List.of(), List.of(), null);
    }

    public Preview(List<Diagnostic> diagnostics, List<Resource> resources, String yaml, String baseVersion,
                   ServiceRoutes live, ServiceRoutes proposed, List<WhatChanges.EntryChange> changes,
                   List<Diagnostic> flags) {
        this(diagnostics, resources, yaml, baseVersion, live, proposed, changes, flags, null);
    }

    public boolean hasErrors() {
        return PlanValidator.hasErrors(diagnostics);
    }

    public boolean nothingToDo() {
        return !resources.isEmpty() && resources.stream().allMatch(r -> r.action().equals("unchanged"));
    }

    /**
     * One object of the preview: kind, namespace, name, the action apply would take (create,
     * update, unchanged, delete) and the unified diff of live vs proposed YAML.
     */
    public record Resource(String kind, String namespace, String name, String action, String diff) {

        public Resource(String kind, String namespace, String name, String action) {
            this(kind, namespace, name, action, "");
        }
    }
}
