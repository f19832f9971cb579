package dev.trafficwizard.analysis;

import dev.trafficwizard.routing.DiagnosticCode;
import dev.trafficwizard.routing.checks.HeaderPropagationCheck;
import io.fabric8.istio.api.api.networking.v1alpha3.HTTPMatchRequest;
import io.fabric8.istio.api.api.networking.v1alpha3.HTTPRoute;
import io.fabric8.istio.api.networking.v1.VirtualService;

import java.util.List;
import java.util.TreeSet;

/**
 * Our own rule, the live twin of {@link HeaderPropagationCheck}: a VirtualService bound to the
 * mesh routes on a custom request header, which only works when every service on the call path
 * copies that header to its outgoing calls ({@code HEADER_PROPAGATION}, warning, at
 * {@code spec.http[i].match[j].headers.<name>}; argument: the header). Headers that need no copying
 * ({@link HeaderPropagationCheck#needsPropagation}) and match entries that only apply at gateways
 * ({@code gateways} without {@code mesh}) are not reported.
 */
public final class HeaderPropagationAnalyzer extends VirtualServiceAnalyzer {

    @Override
    void check(VirtualService vs, MeshSnapshot mesh, List<Finding> out) {
        if (!GatewayNotFoundAnalyzer.boundToMesh(vs) || vs.getSpec().getHttp() == null) {
            return;
        }
        List<HTTPRoute> http = vs.getSpec().getHttp();
        for (int i = 0; i < http.size(); i++) {
            List<HTTPMatchRequest> match = http.get(i) == null ? null : http.get(i).getMatch();
            for (int j = 0; match != null && j < match.size(); j++) {
                HTTPMatchRequest m = match.get(j);
                if (m == null || m.getHeaders() == null || gatewayOnly(m)) {
                    continue;
                }
                for (String header : new TreeSet<>(m.getHeaders().keySet())) {
                    if (HeaderPropagationCheck.needsPropagation(header)) {
                        out.add(Finding.warning(DiagnosticCode.HEADER_PROPAGATION, vs,
                                "spec.http[" + i + "].match[" + j + "].headers." + header, header));
                    }
                }
            }
        }
    }

    private static boolean gatewayOnly(HTTPMatchRequest m) {
        return m.getGateways() != null && !m.getGateways().isEmpty() && !m.getGateways().contains("mesh");
    }
}
