package dev.trafficwizard.gatewayapi;

import io.fabric8.istio.api.api.networking.v1alpha3.HTTPRedirect;
import io.fabric8.istio.api.api.networking.v1alpha3.HTTPRedirectPort;
import io.fabric8.istio.api.api.networking.v1alpha3.HTTPRewrite;
import io.fabric8.istio.api.api.networking.v1alpha3.Headers;
import io.fabric8.istio.api.api.networking.v1alpha3.HeadersHeaderOperations;
import io.fabric8.istio.api.api.networking.v1alpha3.RegexRewrite;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPHeader;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPHeaderFilter;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPPathModifier;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRequestRedirectFilter;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRouteFilter;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPURLRewriteFilter;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * HTTPRoute filters as the Istio fields Istio converts them to: header modifiers (of a rule or of one
 * backendRef) as header operations, RequestRedirect as a redirect (ReplacePrefixMatch has no field in the
 * model here: the request's path is kept), URLRewrite as a rewrite. Mirrors are {@link IstioRuleFields}'; CORS is not modelled.
 */
final class IstioFilters {

    static final String REQUEST_HEADERS = "RequestHeaderModifier";
    static final String RESPONSE_HEADERS = "ResponseHeaderModifier";
    static final String REDIRECT = "RequestRedirect";
    static final String REWRITE = "URLRewrite";
    static final String FULL_PATH = "ReplaceFullPath";
    static final String PREFIX_MATCH = "ReplacePrefixMatch";

    private IstioFilters() {
    }

    /** Request and response header modifiers as Istio header operations; null when there are none. */
    static Headers headers(List<HTTPRouteFilter> filters) {
        HeadersHeaderOperations request = null;
        HeadersHeaderOperations response = null;
        for (HTTPRouteFilter f : HttpRouteMatches.nullSafe(filters)) {
            if (REQUEST_HEADERS.equals(f.getType()) && f.getRequestHeaderModifier() != null) {
                request = operations(f.getRequestHeaderModifier());
            } else if (RESPONSE_HEADERS.equals(f.getType()) && f.getResponseHeaderModifier() != null) {
                response = operations(f.getResponseHeaderModifier());
            }
        }
        return request == null && response == null ? null : new Headers(request, response);
    }

    private static HeadersHeaderOperations operations(HTTPHeaderFilter filter) {
        HeadersHeaderOperations out = new HeadersHeaderOperations();
        out.setSet(map(filter.getSet()));
        out.setAdd(map(filter.getAdd()));
        out.setRemove(filter.getRemove() == null || filter.getRemove().isEmpty() ? null : filter.getRemove());
        return out;
    }

    private static Map<String, String> map(List<HTTPHeader> headers) {
        if (headers == null || headers.isEmpty()) {
            return null;
        }
        Map<String, String> out = new LinkedHashMap<>();
        headers.forEach(h -> out.put(h.getName(), h.getValue()));
        return out;
    }

    static HTTPRedirect redirect(List<HTTPRouteFilter> filters) {
        for (HTTPRouteFilter f : HttpRouteMatches.nullSafe(filters)) {
            HTTPRequestRedirectFilter r = f.getRequestRedirect();
            if (REDIRECT.equals(f.getType()) && r != null) {
                HTTPRedirect out = new HTTPRedirect();
                out.setRedirectCode(r.getStatusCode() == null ? 302L : r.getStatusCode().longValue());
                out.setAuthority(r.getHostname());
                out.setScheme(r.getScheme());
                if (r.getPort() != null) {
                    out.setRedirectPort(new HTTPRedirectPort(r.getPort().longValue()));
                }
                HTTPPathModifier path = r.getPath();
                if (path != null && FULL_PATH.equals(path.getType())) {
                    out.setUri(path.getReplaceFullPath());
                }
                return out;
            }
        }
        return null;
    }

    static HTTPRewrite rewrite(List<HTTPRouteFilter> filters) {
        for (HTTPRouteFilter f : HttpRouteMatches.nullSafe(filters)) {
            HTTPURLRewriteFilter r = f.getUrlRewrite();
            if (REWRITE.equals(f.getType()) && r != null) {
                HTTPRewrite out = new HTTPRewrite();
                HTTPPathModifier path = r.getPath();
                if (path != null && PREFIX_MATCH.equals(path.getType()) && path.getReplacePrefixMatch() != null) {
                    String uri = path.getReplacePrefixMatch().endsWith("/")
                            ? path.getReplacePrefixMatch().substring(0, path.getReplacePrefixMatch().length() - 1)
                            : path.getReplacePrefixMatch();
                    out.setUri(uri.isEmpty() ? "/" : uri);
                } else if (path != null && FULL_PATH.equals(path.getType())) {
                    out.setUriRegexRewrite(new RegexRewrite("/.*", path.getReplaceFullPath()));
                }
                out.setAuthority(r.getHostname());
                return out.getUri() == null && out.getUriRegexRewrite() == null && out.getAuthority() == null
                        ? null : out;
            }
        }
        return null;
    }
}
