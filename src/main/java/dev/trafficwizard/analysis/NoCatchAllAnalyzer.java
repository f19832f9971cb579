package dev.trafficwizard.analysis;

import dev.trafficwizard.routing.DiagnosticCode;
import io.fabric8.istio.api.api.networking.v1alpha3.HTTPMatchRequest;
import io.fabric8.istio.api.api.networking.v1alpha3.HTTPRoute;
import io.fabric8.istio.api.api.networking.v1alpha3.StringMatch;
import io.fabric8.istio.api.api.networking.v1alpha3.StringMatchPrefix;
import io.fabric8.istio.api.api.networking.v1alpha3.StringMatchRegex;
import io.fabric8.istio.api.networking.v1.VirtualService;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Our own rule, no Istio analyzer: a VirtualService with HTTP rules none of which catches every
 * request, so a request matching no rule gets 404 ({@code NO_CATCH_ALL}, warning, at
 * {@code spec.http[last].match}; no arguments). A catch-all that is not last still catches
 * everything (the rules after it are IST0130's business, not this one's). A rule catches everything when it has no match,
 * or one match entry that only sets what does not select requests ({@code name},
 * {@code ignoreUriCase}, {@code statPrefix}) and at most a URI prefix {@code /} or regex
 * {@code .*}. VirtualServices without hosts (delegates, whose unmatched requests go back to the
 * parent) are skipped.
 */
public final class NoCatchAllAnalyzer extends VirtualServiceAnalyzer {

    private static final Set<String> EVERY_URI = Set.of(".*", "/.*", "^.*$", "^/.*$");

    @Override
    void check(VirtualService vs, MeshSnapshot mesh, List<Finding> out) {
        if (empty(vs.getSpec().getHosts()) || empty(vs.getSpec().getHttp())) {
            return;
        }
        List<HTTPRoute> http = vs.getSpec().getHttp();
        boolean caught = http.stream().anyMatch(rule -> rule != null
                && (empty(rule.getMatch()) || rule.getMatch().stream().anyMatch(NoCatchAllAnalyzer::everything)));
        if (!caught && http.stream().anyMatch(java.util.Objects::nonNull)) {
            out.add(Finding.warning(DiagnosticCode.NO_CATCH_ALL, vs, "spec.http[" + (http.size() - 1) + "].match"));
        }
    }

    /** Whether a match entry selects every request. */
    static boolean everything(HTTPMatchRequest m) {
        return m == null || everyUri(m.getUri()) && m.getScheme() == null && m.getMethod() == null
                && m.getAuthority() == null && empty(m.getHeaders()) && empty(m.getWithoutHeaders())
                && empty(m.getQueryParams()) && m.getPort() == null && empty(m.getSourceLabels())
                && empty(m.getGateways()) && (m.getSourceNamespace() == null || m.getSourceNamespace().isEmpty());
    }

    private static boolean everyUri(StringMatch uri) {
        if (uri == null || uri.getMatchType() == null) {
            return true;
        }
        if (uri.getMatchType() instanceof StringMatchPrefix p) {
            return "/".equals(p.getPrefix()) || p.getPrefix() == null || p.getPrefix().isEmpty();
        }
        return uri.getMatchType() instanceof StringMatchRegex r && EVERY_URI.contains(r.getRegex());
    }

    private static boolean empty(List<?> list) {
        return list == null || list.isEmpty();
    }

    private static boolean empty(Map<?, ?> map) {
        return map == null || map.isEmpty();
    }
}
