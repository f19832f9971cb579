package dev.trafficwizard.cluster;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Reads the fields of an Argo Rollouts {@code Rollout} and a Flagger {@code Canary} that say which
 * routing they manage, from the generic (schema-less) objects the API server returns.
 * <p>
 * Field names as the tools define them:
 * <ul>
 * <li>Argo Rollouts, {@code pkg/apis/rollouts/v1alpha1/types.go} (github.com/argoproj/argo-rollouts):
 * {@code spec.strategy.canary.{stableService, canaryService}},
 * {@code spec.strategy.canary.trafficRouting.istio.virtualService.name} or {@code .virtualServices[].name}
 * (a VirtualService name, or {@code name.namespace}: {@code utils/istio/istio.go GetVirtualServiceNamespaceName}),
 * {@code spec.strategy.canary.trafficRouting.istio.destinationRule.name},
 * {@code spec.strategy.blueGreen.{activeService, previewService}}; with the Gateway API plugin
 * (github.com/argoproj-labs/rollouts-plugin-trafficrouter-gatewayapi, {@code pkg/plugin/types.go})
 * {@code spec.strategy.canary.trafficRouting.plugins["argoproj-labs/gatewayAPI"].{httpRoute, httpRoutes[].name,
 * namespace}}; {@code status.phase} one of
 * Healthy, Degraded, Progressing, Paused ({@code RolloutPhase}).</li>
 * <li>Flagger, {@code pkg/apis/flagger/v1beta1/canary.go} (github.com/fluxcd/flagger): the apex service is
 * {@code spec.service.name}, else {@code spec.targetRef.name}; Flagger creates {@code <apex>-primary} and
 * {@code <apex>-canary} Services and DestinationRules and the VirtualService {@code <apex>}
 * ({@code GetServiceNames}, {@code pkg/router/istio.go}); {@code status.phase} one of Initializing,
 * Initialized, Waiting, Progressing, WaitingPromotion, Promoting, Finalising, Succeeded, Failed,
 * Terminating, Terminated ({@code status.go}).</li>
 * </ul>
 */
final class ForeignReleaseParser {

    static final String ARGO = "Argo Rollouts";
    static final String FLAGGER = "Flagger";
    private static final String SERVICE = "Service";
    private static final String VIRTUAL_SERVICE = "VirtualService";
    private static final String DESTINATION_RULE = "DestinationRule";
    private static final String HTTP_ROUTE = "HTTPRoute";
    static final String GATEWAY_API_PLUGIN = "argoproj-labs/gatewayAPI";

    private ForeignReleaseParser() {
    }

    /** An Argo Rollouts {@code Rollout}. */
    static ForeignRelease rollout(GenericKubernetesResource r) {
        String ns = r.getMetadata().getNamespace();
        List<ForeignRelease.Reference> refs = new ArrayList<>();
        String canary = "spec.strategy.canary.";
        service(refs, canary + "stableService", ns, at(r, "spec", "strategy", "canary", "stableService"));
        service(refs, canary + "canaryService", ns, at(r, "spec", "strategy", "canary", "canaryService"));
        Object istio = at(r, "spec", "strategy", "canary", "trafficRouting", "istio");
        String istioPath = canary + "trafficRouting.istio.";
        virtualService(refs, istioPath + "virtualService.name", ns, at(istio, "virtualService", "name"));
        if (at(istio, "virtualServices") instanceof List<?> list) {
            for (int i = 0; i < list.size(); i++) {
                virtualService(refs, istioPath + "virtualServices[" + i + "].name", ns, at(list.get(i), "name"));
            }
        }
        if (at(istio, "destinationRule", "name") instanceof String dr && !dr.isBlank()) {
            refs.add(new ForeignRelease.Reference(istioPath + "destinationRule.name", DESTINATION_RULE, ns, dr));
        }
        // the Gateway API plugin (argoproj-labs/rollouts-plugin-trafficrouter-gatewayapi, pkg/plugin/types.go)
        Object gatewayApi = at(r, "spec", "strategy", "canary", "trafficRouting", "plugins", GATEWAY_API_PLUGIN);
        String pluginPath = canary + "trafficRouting.plugins[" + GATEWAY_API_PLUGIN + "].";
        String routesNs = at(gatewayApi, "namespace") instanceof String n && !n.isBlank() ? n : ns;
        if (at(gatewayApi, "httpRoute") instanceof String route && !route.isBlank()) {
            refs.add(new ForeignRelease.Reference(pluginPath + "httpRoute", HTTP_ROUTE, routesNs, route));
        }
        if (at(gatewayApi, "httpRoutes") instanceof List<?> routes) {
            for (int i = 0; i < routes.size(); i++) {
                if (at(routes.get(i), "name") instanceof String route && !route.isBlank()) {
                    refs.add(new ForeignRelease.Reference(pluginPath + "httpRoutes[" + i + "].name", HTTP_ROUTE,
                            routesNs, route));
                }
            }
        }
        String blueGreen = "spec.strategy.blueGreen.";
        service(refs, blueGreen + "activeService", ns, at(r, "spec", "strategy", "blueGreen", "activeService"));
        service(refs, blueGreen + "previewService", ns, at(r, "spec", "strategy", "blueGreen", "previewService"));
        return new ForeignRelease(ARGO, "Rollout", ns, r.getMetadata().getName(), phase(r), refs);
    }

    /** A Flagger {@code Canary}. */
    static ForeignRelease canary(GenericKubernetesResource r) {
        String ns = r.getMetadata().getNamespace();
        List<ForeignRelease.Reference> refs = new ArrayList<>();
        String field = "spec.service.name";
        Object apex = at(r, "spec", "service", "name");
        if (!(apex instanceof String s) || s.isBlank()) {
            field = "spec.targetRef.name";
            apex = at(r, "spec", "targetRef", "name");
        }
        if (apex instanceof String name && !name.isBlank()) {
            refs.add(new ForeignRelease.Reference(field, SERVICE, ns, name));
            refs.add(new ForeignRelease.Reference(field, VIRTUAL_SERVICE, ns, name));
            for (String suffix : List.of("-primary", "-canary")) {
                refs.add(new ForeignRelease.Reference(field + " + \"" + suffix + "\"", SERVICE, ns, name + suffix));
                refs.add(new ForeignRelease.Reference(field + " + \"" + suffix + "\"", DESTINATION_RULE, ns,
                        name + suffix));
            }
        }
        return new ForeignRelease(FLAGGER, "Canary", ns, r.getMetadata().getName(), phase(r), refs);
    }

    private static void service(List<ForeignRelease.Reference> refs, String field, String ns, Object name) {
        if (name instanceof String s && !s.isBlank()) {
            refs.add(new ForeignRelease.Reference(field, SERVICE, ns, s));
        }
    }

    /** A VirtualService reference: {@code name} or {@code name.namespace}, read as Argo Rollouts reads it. */
    private static void virtualService(List<ForeignRelease.Reference> refs, String field, String ns, Object value) {
        if (!(value instanceof String s) || s.isBlank()) {
            return;
        }
        String ref = s.endsWith(".cluster.local") ? s.substring(0, s.length() - ".cluster.local".length()) : s;
        int dot = ref.lastIndexOf('.');
        refs.add(dot < 0 ? new ForeignRelease.Reference(field, VIRTUAL_SERVICE, ns, ref)
                : new ForeignRelease.Reference(field, VIRTUAL_SERVICE, ref.substring(dot + 1), ref.substring(0, dot)));
    }

    private static String phase(GenericKubernetesResource r) {
        return at(r, "status", "phase") instanceof String s && !s.isBlank() ? s : null;
    }

    private static Object at(GenericKubernetesResource r, String... path) {
        return at(r.getAdditionalProperties(), path);
    }

    private static Object at(Object from, String... path) {
        Object value = from;
        for (String key : path) {
            if (!(value instanceof Map<?, ?> map)) {
                return null;
            }
            value = map.get(key);
        }
        return value;
    }
}
