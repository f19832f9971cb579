package dev.trafficwizard.gatewayapi;

import dev.trafficwizard.routing.HeaderChanges;
import dev.trafficwizard.routing.Mirror;
import dev.trafficwizard.routing.Retries;
import dev.trafficwizard.routing.TargetService;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.BackendObjectReference;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.Fraction;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPHeader;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPHeaderFilter;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRequestMirrorFilter;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRouteFilter;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRouteRetry;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRouteRule;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRouteTimeouts;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static dev.trafficwizard.gatewayapi.HttpRouteMatches.nullSafe;

/**
 * Reads what {@link RuleFilters} writes back into a rule's mirror, timeout, retries and headers: empty
 * when the rule holds what no plan writes (another filter type, two of one kind, a mirror to a Service
 * that is not a version Service, a retry backoff, a per-try timeout without retry). A retry's codes read
 * back as Istio turns them into {@code retryOn}: {@link RuleFilters#ISTIO_RETRY_ON} then the codes.
 */
final class RuleFiltersParser {

    /** A rule's parts beside matches and backends; all null for none. */
    record Extras(Mirror mirror, String timeout, Retries retries, HeaderChanges headers) {
    }

    private RuleFiltersParser() {
    }

    static Optional<Extras> parse(HTTPRouteRule rule, Map<String, String> versionByService, TargetService target) {
        HeaderChanges.Operations request = null;
        HeaderChanges.Operations response = null;
        Mirror mirror = null;
        for (HTTPRouteFilter f : nullSafe(rule.getFilters())) {
            if (!f.getAdditionalProperties().isEmpty()) {
                return Optional.empty();
            }
            if (RuleFilters.REQUEST_HEADERS.equals(f.getType()) && request == null && only(f, f.getRequestHeaderModifier())) {
                request = operations(f.getRequestHeaderModifier());
            } else if (RuleFilters.RESPONSE_HEADERS.equals(f.getType()) && response == null
                    && only(f, f.getResponseHeaderModifier())) {
                response = operations(f.getResponseHeaderModifier());
            } else if (RuleFilters.MIRROR.equals(f.getType()) && mirror == null && only(f, f.getRequestMirror())) {
                mirror = mirror(f.getRequestMirror(), versionByService, target);
            } else {
                return Optional.empty();
            }
            if (request == null && response == null && mirror == null) {
                return Optional.empty();
            }
        }
        HTTPRouteTimeouts timeouts = rule.getTimeouts();
        HTTPRouteRetry retry = rule.getRetry();
        if (timeouts != null && !timeouts.getAdditionalProperties().isEmpty()
                || retry != null && (retry.getBackoff() != null || !retry.getAdditionalProperties().isEmpty())
                || timeouts != null && timeouts.getBackendRequest() != null && retry == null) {
            return Optional.empty();
        }
        String timeout = timeouts == null ? null : Durations.toIstio(timeouts.getRequest());
        Retries retries = null;
        if (retry != null) {
            List<String> on = new ArrayList<>();
            if (!nullSafe(retry.getCodes()).isEmpty()) {
                on.addAll(RuleFilters.ISTIO_RETRY_ON);
                retry.getCodes().forEach(c -> on.add(String.valueOf(c)));
            }
            retries = new Retries(retry.getAttempts(), timeouts == null ? null
                    : Durations.toIstio(timeouts.getBackendRequest()), on.isEmpty() ? null : String.join(",", on));
        }
        HeaderChanges headers = request == null && response == null ? null : new HeaderChanges(request, response);
        return Optional.of(new Extras(mirror, timeout, retries, headers));
    }

    /** The filter holds only the field of its type. */
    private static boolean only(HTTPRouteFilter f, Object field) {
        int set = (f.getRequestHeaderModifier() != null ? 1 : 0) + (f.getResponseHeaderModifier() != null ? 1 : 0)
                + (f.getRequestMirror() != null ? 1 : 0) + (f.getRequestRedirect() != null ? 1 : 0)
                + (f.getUrlRewrite() != null ? 1 : 0) + (f.getExtensionRef() != null ? 1 : 0)
                + (f.getCors() != null ? 1 : 0) + (f.getExternalAuth() != null ? 1 : 0);
        return field != null && set == 1;
    }

    private static HeaderChanges.Operations operations(HTTPHeaderFilter filter) {
        if (!filter.getAdditionalProperties().isEmpty()) {
            return null;
        }
        return new HeaderChanges.Operations(map(filter.getSet()), map(filter.getAdd()), nullSafe(filter.getRemove()));
    }

    private static Map<String, String> map(List<HTTPHeader> headers) {
        Map<String, String> out = new LinkedHashMap<>();
        nullSafe(headers).forEach(h -> out.putIfAbsent(h.getName(), h.getValue()));
        return out;
    }

    private static Mirror mirror(HTTPRequestMirrorFilter filter, Map<String, String> versionByService,
                                 TargetService target) {
        BackendObjectReference ref = filter.getBackendRef();
        if (ref == null || !filter.getAdditionalProperties().isEmpty() || !ref.getAdditionalProperties().isEmpty()
                || ref.getGroup() != null && !ref.getGroup().isEmpty() || ref.getKind() != null && !"Service".equals(ref.getKind())
                || ref.getNamespace() != null && !ref.getNamespace().equals(target.namespace())
                || versionByService.get(ref.getName()) == null || filter.getPercent() != null && filter.getFraction() != null) {
            return null;
        }
        Double percent = null;
        Fraction f = filter.getFraction();
        if (f != null && f.getNumerator() != null) {
            int denominator = f.getDenominator() == null ? 100 : f.getDenominator();
            percent = java.math.BigDecimal.valueOf(100L * f.getNumerator())
                    .divide(java.math.BigDecimal.valueOf(denominator), 10, java.math.RoundingMode.HALF_EVEN)
                    .stripTrailingZeros().doubleValue();
        } else if (filter.getPercent() != null) {
            percent = filter.getPercent().doubleValue();
        }
        return new Mirror(versionByService.get(ref.getName()), percent);
    }
}
