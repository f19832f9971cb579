package dev.trafficwizard.istio;

import dev.trafficwizard.routing.Fault;
import dev.trafficwizard.routing.HeaderChanges;
import dev.trafficwizard.routing.Mirror;
import dev.trafficwizard.routing.Retries;
import dev.trafficwizard.routing.Rule;
import dev.trafficwizard.routing.TargetService;
import io.fabric8.istio.api.api.networking.v1alpha3.Destination;
import io.fabric8.istio.api.api.networking.v1alpha3.HTTPFaultInjection;
import io.fabric8.istio.api.api.networking.v1alpha3.HTTPFaultInjectionAbort;
import io.fabric8.istio.api.api.networking.v1alpha3.HTTPFaultInjectionAbortHttpStatus;
import io.fabric8.istio.api.api.networking.v1alpha3.HTTPFaultInjectionDelay;
import io.fabric8.istio.api.api.networking.v1alpha3.HTTPFaultInjectionDelayFixedDelay;
import io.fabric8.istio.api.api.networking.v1alpha3.HTTPRetry;
import io.fabric8.istio.api.api.networking.v1alpha3.HTTPRoute;
import io.fabric8.istio.api.api.networking.v1alpha3.Headers;
import io.fabric8.istio.api.api.networking.v1alpha3.HeadersHeaderOperations;
import io.fabric8.istio.api.api.networking.v1alpha3.Percent;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A rule's mirror, fault injection, timeout, retries and header changes to the fields of an Istio
 * HTTP route ({@code mirror} + {@code mirrorPercentage}, {@code fault}, {@code timeout},
 * {@code retries}, {@code headers}) and back. A mirror percentage absent in the plan is absent in
 * the route too (Istio then mirrors all requests), so it reads back as absent.
 */
final class RouteResilience {

    /** What a route holds besides match and destinations, as plan values. */
    record Parts(Mirror mirror, Fault fault, String timeout, Retries retries, HeaderChanges headers) {

        Rule on(Rule rule) {
            return new Rule(rule.match(), rule.route(), mirror, fault, timeout, retries, headers);
        }
    }

    private RouteResilience() {
    }

    /** Writes the rule's fields onto {@code http} (nothing for fields the rule does not set). */
    static void write(Rule rule, HTTPRoute http, TargetService target, Map<String, String> subsets) {
        if (rule.mirror() != null && rule.mirror().version() != null) {
            http.setMirror(new Destination(target.fqdn(), null, subsets.get(rule.mirror().version())));
            http.setMirrorPercentage(percent(rule.mirror().percent()));
        }
        http.setFault(fault(rule.fault()));
        http.setTimeout(rule.timeout());
        Retries r = rule.retries();
        if (r != null) {
            HTTPRetry retries = new HTTPRetry();
            retries.setAttempts(r.attempts());
            retries.setPerTryTimeout(r.perTryTimeout());
            retries.setRetryOn(r.retryOn());
            http.setRetries(retries);
        }
        HeaderChanges h = rule.headers();
        if (h != null && (operations(h.request()) != null || operations(h.response()) != null)) {
            http.setHeaders(new Headers(operations(h.request()), operations(h.response())));
        }
    }

    private static HTTPFaultInjection fault(Fault f) {
        if (f == null || f.delay() == null && f.abort() == null) {
            return null;
        }
        HTTPFaultInjectionDelay delay = null;
        if (f.delay() != null) {
            delay = new HTTPFaultInjectionDelay();
            delay.setHttpDelayType(new HTTPFaultInjectionDelayFixedDelay(f.delay().fixed()));
            delay.setPercentage(faultPercent(f.delay().percent()));
        }
        HTTPFaultInjectionAbort abort = null;
        if (f.abort() != null) {
            abort = new HTTPFaultInjectionAbort();
            abort.setErrorType(new HTTPFaultInjectionAbortHttpStatus(f.abort().httpStatus()));
            abort.setPercentage(faultPercent(f.abort().percent()));
        }
        return new HTTPFaultInjection(abort, delay);
    }

    /**
     * A fault's percentage is always written: Envoy applies a fault without one to no request
     * (istio/istio#36303), while a plan's absent percent means 100.
     */
    private static Percent faultPercent(Double value) {
        return new Percent(value == null ? 100.0 : value);
    }

    /** Read back as the plan says it: 100 is the default (absent), no percentage is Istio's 0. */
    private static Double faultValue(Percent p) {
        if (p == null) {
            return 0.0;
        }
        return p.getValue() != null && p.getValue() == 100.0 ? null : p.getValue();
    }

    private static Percent percent(Double value) {
        return value == null ? null : new Percent(value);
    }

    /** Sorted maps so the YAML is stable; null when nothing is changed on that side. */
    private static HeadersHeaderOperations operations(HeaderChanges.Operations ops) {
        if (ops == null || ops.setsNothing()) {
            return null;
        }
        return new HeadersHeaderOperations(ops.add().isEmpty() ? null : new TreeMap<>(ops.add()),
                ops.remove().isEmpty() ? null : new ArrayList<>(ops.remove()),
                ops.set().isEmpty() ? null : new TreeMap<>(ops.set()));
    }

    /**
     * The plan values of a live route; empty when one of these fields holds what a plan cannot
     * express (a mirror to another host or port, a gRPC or HTTP/2 abort, an exponential delay, the
     * old integer percentages, retries with backoff or host-selection settings), so the objects are
     * shown read-only rather than losing it on the next apply. The {@code mirrors} list, CORS and
     * the rule's name are not the plan's: an apply keeps them ({@link StructuralMerge}).
     */
    static Optional<Parts> read(HTTPRoute http, Map<String, String> versionBySubset, TargetService target) {
        Mirror mirror = null;
        if (http.getMirror() != null) {
            Destination d = http.getMirror();
            String version = versionBySubset.get(d.getSubset());
            if (!target.fqdn().equals(d.getHost()) || d.getPort() != null || version == null
                    || !d.getAdditionalProperties().isEmpty()) {
                return Optional.empty();
            }
            Double percent = http.getMirrorPercentage() != null ? http.getMirrorPercentage().getValue()
                    : http.getMirrorPercent() != null ? Double.valueOf(http.getMirrorPercent()) : null;
            mirror = new Mirror(version, percent);
        } else if (http.getMirrorPercentage() != null || http.getMirrorPercent() != null) {
            return Optional.empty();
        }
        Optional<Fault> fault = fault(http.getFault());
        if (fault == null) {
            return Optional.empty();
        }
        Retries retries = null;
        HTTPRetry r = http.getRetries();
        if (r != null) {
            if (r.getBackoff() != null || r.getRetryIgnorePreviousHosts() != null || r.getRetryRemoteLocalities() != null
                    || !r.getAdditionalProperties().isEmpty()) {
                return Optional.empty();
            }
            retries = new Retries(r.getAttempts(), r.getPerTryTimeout(), r.getRetryOn());
        }
        HeaderChanges headers = null;
        if (http.getHeaders() != null) {
            HeaderChanges.Operations request = operations(http.getHeaders().getRequest());
            HeaderChanges.Operations response = operations(http.getHeaders().getResponse());
            headers = request == null && response == null ? null : new HeaderChanges(request, response);
        }
        return Optional.of(new Parts(mirror, fault.orElse(null), http.getTimeout(), retries, headers));
    }

    /** Null when the fault is one a plan cannot express. */
    private static Optional<Fault> fault(HTTPFaultInjection f) {
        if (f == null || f.getDelay() == null && f.getAbort() == null) {
            return Optional.empty();
        }
        Fault.Delay delay = null;
        if (f.getDelay() != null) {
            HTTPFaultInjectionDelay d = f.getDelay();
            if (!(d.getHttpDelayType() instanceof HTTPFaultInjectionDelayFixedDelay fixed) || d.getPercent() != null) {
                return null;
            }
            delay = new Fault.Delay(fixed.getFixedDelay(), faultValue(d.getPercentage()));
        }
        Fault.Abort abort = null;
        if (f.getAbort() != null) {
            HTTPFaultInjectionAbort a = f.getAbort();
            if (!(a.getErrorType() instanceof HTTPFaultInjectionAbortHttpStatus status)) {
                return null;
            }
            abort = new Fault.Abort(status.getHttpStatus(), faultValue(a.getPercentage()));
        }
        return Optional.of(new Fault(delay, abort));
    }

    private static Double value(Percent p) {
        return p == null ? null : p.getValue();
    }

    private static HeaderChanges.Operations operations(HeadersHeaderOperations ops) {
        if (ops == null) {
            return null;
        }
        HeaderChanges.Operations out = new HeaderChanges.Operations(ops.getSet(), ops.getAdd(),
                ops.getRemove() == null ? List.of() : ops.getRemove());
        return out.setsNothing() ? null : out;
    }
}
