package dev.trafficwizard.analysis;

import dev.trafficwizard.routing.DiagnosticCode;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.Gateway;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRoute;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.Listener;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.SecretObjectReference;

import java.util.List;

/**
 * A reference into another namespace that no ReferenceGrant there allows ({@code REFERENCE_NOT_GRANTED},
 * error; arguments: the kind referred to, its {@code namespace/name}): an HTTPRoute's Service backend
 * (at {@code spec.rules[i].backendRefs[j]}) or a Gateway API Gateway's certificate Secret (at
 * {@code spec.listeners[i].tls.certificateRefs[j]}). The Gateway API refuses such a reference: the
 * route answers 500 for that backend, the listener has no certificate. A grant allows it when one of
 * its {@code from} entries names the referring kind and namespace and one of its {@code to} entries
 * the target's kind (with no name, or its name). Only targets in namespaces the dashboard sees are
 * judged. Istio's analyzers have no such rule (its controller reports {@code ResolvedRefs=False},
 * {@code RefNotPermitted}).
 */
public final class ReferenceGrantAnalyzer implements Analyzer {

    @Override
    public boolean appliesTo(HasMetadata object) {
        return object instanceof HTTPRoute || object instanceof Gateway;
    }

    @Override
    public void analyze(HasMetadata object, MeshSnapshot mesh, List<Finding> out) {
        String ns = object.getMetadata().getNamespace();
        if (object instanceof HTTPRoute route && route.getSpec() != null) {
            for (GatewayApiRefs.Backend b : GatewayApiRefs.backends(route)) {
                if (!b.namespace().equals(ns) && mesh.sees(b.namespace())
                        && !GatewayApiRefs.granted(mesh, "HTTPRoute", ns, "Service", b.namespace(), b.name())) {
                    out.add(Finding.error(DiagnosticCode.REFERENCE_NOT_GRANTED, route, b.path(), "Service",
                            b.namespace() + "/" + b.name()));
                }
            }
        } else if (object instanceof Gateway gateway && gateway.getSpec() != null && gateway.getSpec().getListeners() != null) {
            List<Listener> listeners = gateway.getSpec().getListeners();
            for (int i = 0; i < listeners.size(); i++) {
                List<SecretObjectReference> refs = listeners.get(i) == null || listeners.get(i).getTls() == null ? null
                        : listeners.get(i).getTls().getCertificateRefs();
                for (int j = 0; refs != null && j < refs.size(); j++) {
                    SecretObjectReference ref = refs.get(j);
                    if (ref == null || ref.getName() == null || ref.getNamespace() == null || ref.getNamespace().equals(ns)
                            || !(ref.getGroup() == null || ref.getGroup().isEmpty())
                            || !(ref.getKind() == null || "Secret".equals(ref.getKind())) || !mesh.sees(ref.getNamespace())) {
                        continue;
                    }
                    if (!GatewayApiRefs.granted(mesh, "Gateway", ns, "Secret", ref.getNamespace(), ref.getName())) {
                        out.add(Finding.error(DiagnosticCode.REFERENCE_NOT_GRANTED, gateway,
                                "spec.listeners[" + i + "].tls.certificateRefs[" + j + "]", "Secret",
                                ref.getNamespace() + "/" + ref.getName()));
                    }
                }
            }
        }
    }

    /** The namespaces other than its own that a Gateway's certificate references point into. */
    static List<String> certificateNamespaces(Gateway gateway) {
        String ns = gateway.getMetadata().getNamespace();
        if (gateway.getSpec() == null || gateway.getSpec().getListeners() == null) {
            return List.of();
        }
        return gateway.getSpec().getListeners().stream().filter(l -> l != null && l.getTls() != null
                        && l.getTls().getCertificateRefs() != null)
                .flatMap(l -> l.getTls().getCertificateRefs().stream())
                .filter(r -> r != null && r.getNamespace() != null && !r.getNamespace().equals(ns))
                .map(SecretObjectReference::getNamespace).distinct().toList();
    }
}
