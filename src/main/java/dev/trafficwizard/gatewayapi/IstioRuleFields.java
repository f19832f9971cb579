package dev.trafficwizard.gatewayapi;

import io.fabric8.istio.api.api.networking.v1alpha3.Destination;
import io.fabric8.istio.api.api.networking.v1alpha3.HTTPMirrorPolicy;
import io.fabric8.istio.api.api.networking.v1alpha3.HTTPRetry;
import io.fabric8.istio.api.api.networking.v1alpha3.HTTPRoute;
import io.fabric8.istio.api.api.networking.v1alpha3.Percent;
import io.fabric8.istio.api.api.networking.v1alpha3.PortSelector;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.BackendObjectReference;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPBackendRef;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRequestMirrorFilter;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRouteFilter;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRouteRule;

import java.util.ArrayList;
import java.util.List;

/**
 * An HTTPRoute rule's mirrors, retry and timeouts as the Istio fields Istio's gateway conversion gives
 * them: a {@code RequestMirror} as a mirror with {@code mirrorPercentage} (from {@code percent}, or
 * {@code 100 × numerator / denominator} of {@code fraction}; Istio writes {@code mirrors}, the same
 * for one mirror, and several here); {@code retry} as retries of {@code attempts} (2 when unset) on
 * {@code connect-failure,refused-stream,unavailable,cancelled} and the codes (no retryOn for 0
 * attempts), {@code backoff} kept; {@code timeouts.request} as the timeout, {@code timeouts.backendRequest}
 * as the per-try timeout when there is a retry, else as the timeout. Zero durations are ignored.
 */
final class IstioRuleFields {

    private IstioRuleFields() {
    }

    static void apply(HTTPRouteRule rule, HTTPRoute out, String routeNamespace, BackendHosts backends) {
        List<HTTPMirrorPolicy> mirrors = new ArrayList<>();
        for (HTTPRouteFilter f : HttpRouteMatches.nullSafe(rule.getFilters())) {
            if (RuleFilters.MIRROR.equals(f.getType()) && f.getRequestMirror() != null
                    && f.getRequestMirror().getBackendRef() != null) {
                mirrors.add(mirror(f.getRequestMirror(), routeNamespace, backends));
            }
        }
        if (mirrors.size() == 1) {
            out.setMirror(mirrors.get(0).getDestination());
            out.setMirrorPercentage(mirrors.get(0).getPercentage());
        } else if (!mirrors.isEmpty()) {
            out.setMirrors(mirrors);
        }
        if (rule.getRetry() != null) {
            HTTPRetry retry = new HTTPRetry();
            int attempts = rule.getRetry().getAttempts() == null ? 2 : rule.getRetry().getAttempts();
            retry.setAttempts(attempts);
            if (attempts > 0) {
                List<String> on = new ArrayList<>(RuleFilters.ISTIO_RETRY_ON);
                HttpRouteMatches.nullSafe(rule.getRetry().getCodes()).forEach(c -> on.add(String.valueOf(c)));
                retry.setRetryOn(String.join(",", on));
            }
            retry.setBackoff(Durations.toIstio(rule.getRetry().getBackoff()));
            out.setRetries(retry);
        }
        if (rule.getTimeouts() != null) {
            String request = rule.getTimeouts().getRequest();
            if (request != null && !Durations.zero(request)) {
                out.setTimeout(Durations.toIstio(request));
            }
            String backend = rule.getTimeouts().getBackendRequest();
            if (backend != null && !Durations.zero(backend)) {
                if (out.getRetries() != null) {
                    out.getRetries().setPerTryTimeout(Durations.toIstio(backend));
                } else {
                    out.setTimeout(Durations.toIstio(backend));
                }
            }
        }
    }

    private static HTTPMirrorPolicy mirror(HTTPRequestMirrorFilter filter, String routeNamespace,
                                           BackendHosts backends) {
        BackendObjectReference ref = filter.getBackendRef();
        HTTPBackendRef asBackend = new HTTPBackendRef();
        asBackend.setGroup(ref.getGroup());
        asBackend.setKind(ref.getKind());
        asBackend.setName(ref.getName());
        asBackend.setNamespace(ref.getNamespace());
        asBackend.setPort(ref.getPort());
        BackendHosts.Host host = backends.of(asBackend, routeNamespace);
        Destination destination = new Destination();
        destination.setHost(host.fqdn());
        destination.setSubset(host.subset());
        if (ref.getPort() != null) {
            destination.setPort(new PortSelector(ref.getPort().longValue()));
        }
        Percent percent = null;
        if (filter.getFraction() != null && filter.getFraction().getNumerator() != null) {
            int denominator = filter.getFraction().getDenominator() == null ? 100 : filter.getFraction().getDenominator();
            percent = new Percent(100.0 * filter.getFraction().getNumerator() / denominator);
        } else if (filter.getPercent() != null) {
            percent = new Percent(filter.getPercent().doubleValue());
        }
        return new HTTPMirrorPolicy(destination, percent);
    }
}
