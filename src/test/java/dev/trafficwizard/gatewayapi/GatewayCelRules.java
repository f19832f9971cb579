package dev.trafficwizard.gatewayapi;

import io.fabric8.kubernetes.api.model.gatewayapi.v1.Gateway;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.Listener;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

import static dev.trafficwizard.gatewayapi.HttpRouteMatches.nullSafe;

/**
 * The x-kubernetes-validations (CEL) rules of the Gateway CRD v1 on listeners, restated in Java since a
 * JSON Schema validator does not run CEL, plus one the CRD states in prose only ("tls is required if
 * the protocol is HTTPS": Istio refuses such a listener, the API server does not).
 */
final class GatewayCelRules {

    private GatewayCelRules() {
    }

    static List<String> violations(Gateway gateway) {
        List<String> out = new ArrayList<>();
        List<Listener> listeners = nullSafe(gateway.getSpec().getListeners());
        Set<String> names = new HashSet<>();
        Set<List<Object>> combinations = new HashSet<>();
        for (Listener l : listeners) {
            if (!names.add(l.getName())) {
                out.add("spec.listeners: Listener name must be unique within the Gateway");
            }
            if (!combinations.add(java.util.Arrays.asList(l.getPort(), l.getProtocol(), l.getHostname()))) {
                out.add("spec.listeners: Combination of port, protocol and hostname must be unique for each listener");
            }
            boolean plain = List.of("HTTP", "TCP", "UDP").contains(l.getProtocol());
            if (plain && l.getTls() != null) {
                out.add("spec.listeners: tls must not be specified for protocols ['HTTP', 'TCP', 'UDP']");
            }
            if ("HTTPS".equals(l.getProtocol()) && l.getTls() != null && l.getTls().getMode() != null
                    && !l.getTls().getMode().isEmpty() && !"Terminate".equals(l.getTls().getMode())) {
                out.add("spec.listeners: tls mode must be Terminate for protocol HTTPS");
            }
            if (l.getTls() != null && "Terminate".equals(Objects.requireNonNullElse(l.getTls().getMode(), "Terminate"))
                    && nullSafe(l.getTls().getCertificateRefs()).isEmpty()
                    && (l.getTls().getOptions() == null || l.getTls().getOptions().isEmpty())) {
                out.add("spec.listeners[].tls: certificateRefs or options must be specified when mode is Terminate");
            }
            if ("HTTPS".equals(l.getProtocol()) && l.getTls() == null) {
                out.add("spec.listeners[].tls: required for protocol HTTPS");
            }
        }
        return out;
    }
}
