package dev.trafficwizard.gatewayapi;

import dev.trafficwizard.routing.HeaderChanges;
import dev.trafficwizard.routing.Mirror;
import dev.trafficwizard.routing.Retries;
import dev.trafficwizard.routing.Rule;
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

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A rule's mirror, timeout, retries and header changes as HTTPRoute rule fields, and what has none:
 * headers as {@code RequestHeaderModifier} / {@code ResponseHeaderModifier} filters (of the rule; the
 * keep-version cookie's are the backends', so both apply), the mirror as a {@code RequestMirror} filter
 * to the mirrored version's Service ({@code percent} when a whole number below 100, else
 * {@code fraction}), the timeout as {@code timeouts.request}, the per-try timeout as
 * {@code timeouts.backendRequest}, attempts and status codes as {@code retry} (experimental channel).
 * Istio turns {@code retry} into retries on {@code connect-failure,refused-stream,unavailable,cancelled}
 * plus the codes ({@link #ISTIO_RETRY_ON}); other Envoy conditions have no field. Fault injection has
 * none either. {@link RuleFiltersParser} reads them back.
 */
final class RuleFilters {

    static final String REQUEST_HEADERS = IstioFilters.REQUEST_HEADERS;
    static final String RESPONSE_HEADERS = IstioFilters.RESPONSE_HEADERS;
    static final String MIRROR = "RequestMirror";
    /** The conditions Istio always retries on under {@code retry} (its gateway conversion). */
    static final List<String> ISTIO_RETRY_ON = List.of("connect-failure", "refused-stream", "unavailable", "cancelled");

    private RuleFilters() {
    }

    /** Sets the rule's filters, timeouts and retry on {@code out}; what has no field goes to {@code untranslatable}. */
    static void apply(Rule rule, String field, TargetService target, Integer port, HTTPRouteRule out,
                      List<Untranslatable> untranslatable) {
        List<HTTPRouteFilter> filters = new ArrayList<>();
        HeaderChanges headers = rule.headers();
        if (headers != null && headers.request() != null && !headers.request().setsNothing()) {
            filters.add(headerFilter(REQUEST_HEADERS, headers.request()));
        }
        if (headers != null && headers.response() != null && !headers.response().setsNothing()) {
            filters.add(headerFilter(RESPONSE_HEADERS, headers.response()));
        }
        if (rule.mirror() != null && rule.mirror().version() != null) {
            mirror(rule.mirror(), field + ".mirror", target, port, untranslatable).ifPresent(filters::add);
        }
        out.setFilters(filters.isEmpty() ? null : filters);
        if (headers != null) {
            // names, values and counts the HTTPRoute CRD refuses
            HeaderModifierLimits.check(headers.request(), field + ".headers.request", untranslatable);
            HeaderModifierLimits.check(headers.response(), field + ".headers.response", untranslatable);
        }
        if (rule.fault() != null) {
            untranslatable.add(new Untranslatable(field + ".fault", "fault injection needs the Istio API"
                    + " (an HTTPRoute has no fault field)"));
        }
        HTTPRouteTimeouts timeouts = new HTTPRouteTimeouts();
        if (rule.timeout() != null) {
            duration(rule.timeout(), field + ".timeout", untranslatable).ifPresent(timeouts::setRequest);
        }
        Retries retries = rule.retries();
        if (retries != null && retries.perTryTimeout() != null) {
            duration(retries.perTryTimeout(), field + ".retries.perTryTimeout", untranslatable)
                    .ifPresent(timeouts::setBackendRequest);
        }
        if (timeouts.getRequest() != null && timeouts.getBackendRequest() != null && !Durations.zero(timeouts.getRequest())
                && Durations.millis(timeouts.getBackendRequest()).get()
                .compareTo(Durations.millis(timeouts.getRequest()).get()) > 0) {
            untranslatable.add(new Untranslatable(field + ".retries.perTryTimeout", "the HTTPRoute CRD refuses a"
                    + " backendRequest timeout (per try) longer than the request timeout"));
        }
        out.setTimeouts(timeouts.getRequest() == null && timeouts.getBackendRequest() == null ? null : timeouts);
        if (retries != null) {
            out.setRetry(retry(retries, field + ".retries", untranslatable));
        }
    }

    private static HTTPRouteFilter headerFilter(String type, HeaderChanges.Operations ops) {
        HTTPHeaderFilter filter = new HTTPHeaderFilter();
        filter.setSet(ops.set().isEmpty() ? null : ops.set().entrySet().stream()
                .map(e -> new HTTPHeader(e.getKey(), e.getValue())).toList());
        filter.setAdd(ops.add().isEmpty() ? null : ops.add().entrySet().stream()
                .map(e -> new HTTPHeader(e.getKey(), e.getValue())).toList());
        filter.setRemove(ops.remove().isEmpty() ? null : ops.remove());
        HTTPRouteFilter out = new HTTPRouteFilter();
        out.setType(type);
        if (REQUEST_HEADERS.equals(type)) {
            out.setRequestHeaderModifier(filter);
        } else {
            out.setResponseHeaderModifier(filter);
        }
        return out;
    }

    private static Optional<HTTPRouteFilter> mirror(Mirror mirror, String field, TargetService target, Integer port,
                                                    List<Untranslatable> untranslatable) {
        BackendObjectReference ref = new BackendObjectReference();
        ref.setName(VersionServices.name(target.name(), mirror.version()));
        ref.setPort(port);
        HTTPRequestMirrorFilter filter = new HTTPRequestMirrorFilter();
        filter.setBackendRef(ref);
        double percent = mirror.percentOrDefault();
        if (percent < 100) {
            BigDecimal p = BigDecimal.valueOf(percent).stripTrailingZeros();
            if (p.scale() <= 0) {
                filter.setPercent(p.intValueExact());
            } else {
                try {
                    Fraction fraction = new Fraction();
                    fraction.setDenominator(BigDecimal.valueOf(100).movePointRight(p.scale()).intValueExact());
                    fraction.setNumerator(p.movePointRight(p.scale()).intValueExact());
                    filter.setFraction(fraction);
                } catch (ArithmeticException e) {
                    untranslatable.add(new Untranslatable(field + ".percent", "a mirror fraction of " + percent
                            + "% has too many decimals for the Gateway API's fraction"));
                    return Optional.empty();
                }
            }
        }
        HTTPRouteFilter out = new HTTPRouteFilter();
        out.setType(MIRROR);
        out.setRequestMirror(filter);
        return Optional.of(out);
    }

    private static Optional<String> duration(String value, String field, List<Untranslatable> untranslatable) {
        Optional<String> out = Durations.toGatewayApi(value);
        if (out.isEmpty()) {
            untranslatable.add(new Untranslatable(field, "the Gateway API takes whole milliseconds (e.g. 500ms, 2s),"
                    + " at most 5 digits per unit: '" + value + "' has no such form"));
        }
        return out;
    }

    private static HTTPRouteRetry retry(Retries retries, String field, List<Untranslatable> untranslatable) {
        HTTPRouteRetry out = new HTTPRouteRetry();
        if (retries.attempts() != null && retries.attempts() == 0) {
            untranslatable.add(new Untranslatable(field + ".attempts", "no retries (0 attempts) cannot be written:"
                    + " the HTTPRoute's retry.attempts is at least 1, and without retry Istio's default applies"
                    + " (2 attempts)"));
        } else {
            out.setAttempts(retries.attempts());
        }
        List<Integer> codes = new ArrayList<>();
        List<String> other = new ArrayList<>();
        for (String on : retryOn(retries.retryOn())) {
            if (on.matches("[0-9]{3}")) {
                int code = Integer.parseInt(on);
                if (code >= 400 && code <= 599) {
                    codes.add(code);
                } else {
                    other.add(on);
                }
            } else if (!ISTIO_RETRY_ON.contains(on)) {
                other.add(on);
            }
        }
        if (!other.isEmpty()) {
            untranslatable.add(new Untranslatable(field + ".retryOn", "retry conditions " + String.join(",", other)
                    + " have no Gateway API equivalent: retry.codes takes status codes from 400 to 599 (e.g."
                    + " 500,502,503,504), and Istio always adds " + String.join(",", ISTIO_RETRY_ON)));
        }
        out.setCodes(codes.isEmpty() ? null : codes);
        return out;
    }

    static List<String> retryOn(String retryOn) {
        if (retryOn == null || retryOn.isBlank()) {
            return List.of();
        }
        return java.util.Arrays.stream(retryOn.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }

    /**
     * What translates but differs, and what needs the experimental channel: {@code retry} is experimental
     * ({@code experimental}); a retryOn without some of {@link #ISTIO_RETRY_ON} retries on them too
     * under the Gateway API ({@code differences}).
     */
    static void notes(List<Rule> rules, List<Difference> differences, List<Difference> experimental) {
        for (int i = 0; i < rules.size(); i++) {
            Retries retries = rules.get(i).retries();
            if (retries == null) {
                continue;
            }
            String field = "rules[" + i + "].retries";
            experimental.add(new Difference(field, "HTTPRoute rules[].retry (attempts, codes)"));
            List<String> on = retryOn(retries.retryOn());
            List<String> added = ISTIO_RETRY_ON.stream().filter(c -> !on.contains(c)).toList();
            if (retries.retryOn() != null && !added.isEmpty()) {
                differences.add(new Difference(field + ".retryOn", "Istio turns an HTTPRoute retry into retries on "
                        + String.join(",", ISTIO_RETRY_ON) + " and the status codes: it also retries on "
                        + String.join(",", added)));
            }
        }
    }
}
