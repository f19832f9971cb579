package dev.trafficwizard.routing.checks;

import dev.trafficwizard.routing.Diagnostic;
import dev.trafficwizard.routing.DiagnosticCode;
import dev.trafficwizard.routing.HeaderChanges;
import dev.trafficwizard.routing.RoutingPlan;
import dev.trafficwizard.routing.Rule;
import dev.trafficwizard.routing.TrafficPolicy;

import java.util.List;
import java.util.Map;

/**
 * The part of {@link PlanLimits} for the fields of rule resilience, header changes, source labels
 * and traffic policies: how many header changes per operation ({@link Limits#MAX_HEADER_CHANGES}),
 * source labels per match entry ({@link Limits#MAX_SOURCE_LABELS}), version policies
 * ({@link Limits#MAX_VERSION_POLICIES}) and retry attempts ({@link Limits#MAX_RETRY_ATTEMPTS})
 * ({@code TOO_MANY}), and how long each name and value is ({@code TOO_LONG}).
 */
final class ResilienceLimits {

    private ResilienceLimits() {
    }

    static void rule(Rule rule, String at, List<Diagnostic> out) {
        if (rule.mirror() != null) {
            PlanLimits.name(rule.mirror().version(), at + ".mirror.version", out);
        }
        if (rule.fault() != null && rule.fault().delay() != null) {
            PlanLimits.text(rule.fault().delay().fixed(), at + ".fault.delay.fixed", out);
        }
        PlanLimits.text(rule.timeout(), at + ".timeout", out);
        if (rule.retries() != null) {
            Integer attempts = rule.retries().attempts();
            if (attempts != null && attempts > Limits.MAX_RETRY_ATTEMPTS) {
                out.add(Diagnostic.error(DiagnosticCode.TOO_MANY, at + ".retries.attempts", Limits.MAX_RETRY_ATTEMPTS));
            }
            PlanLimits.text(rule.retries().perTryTimeout(), at + ".retries.perTryTimeout", out);
            PlanLimits.text(rule.retries().retryOn(), at + ".retries.retryOn", out);
        }
        if (rule.headers() != null) {
            operations(rule.headers().request(), at + ".headers.request", out);
            operations(rule.headers().response(), at + ".headers.response", out);
        }
    }

    private static void operations(HeaderChanges.Operations ops, String at, List<Diagnostic> out) {
        if (ops == null) {
            return;
        }
        texts(ops.set(), Limits.MAX_HEADER_CHANGES, at + ".set", out);
        texts(ops.add(), Limits.MAX_HEADER_CHANGES, at + ".add", out);
        if (PlanLimits.fits(ops.remove(), Limits.MAX_HEADER_CHANGES, at + ".remove", out)) {
            for (int k = 0; k < ops.remove().size(); k++) {
                PlanLimits.text(ops.remove().get(k), at + ".remove[" + k + "]", out);
            }
        }
    }

    /** A map of names to texts: how many, how long each name (the map is named) and value. */
    static void texts(Map<String, String> map, int max, String at, List<Diagnostic> out) {
        if (map.size() > max) {
            out.add(Diagnostic.error(DiagnosticCode.TOO_MANY, at, max));
            return;
        }
        boolean nameTooLong = false;
        for (Map.Entry<String, String> e : map.entrySet()) {
            if (PlanLimits.longer(e.getKey(), Limits.MAX_VALUE_LENGTH)) {
                nameTooLong = true;
            } else {
                PlanLimits.text(e.getValue(), at + "." + e.getKey(), out);
            }
        }
        if (nameTooLong) {
            out.add(Diagnostic.error(DiagnosticCode.TOO_LONG, at, Limits.MAX_VALUE_LENGTH));
        }
    }

    static void policies(RoutingPlan plan, List<Diagnostic> out) {
        policy(plan.trafficPolicy(), "trafficPolicy", out);
        Map<String, TrafficPolicy> versions = plan.versionPolicies();
        if (versions.size() > Limits.MAX_VERSION_POLICIES) {
            out.add(Diagnostic.error(DiagnosticCode.TOO_MANY, "versionPolicies", Limits.MAX_VERSION_POLICIES));
            return;
        }
        boolean nameTooLong = false;
        for (Map.Entry<String, TrafficPolicy> e : versions.entrySet()) {
            if (PlanLimits.longer(e.getKey(), Limits.MAX_NAME_LENGTH)) {
                nameTooLong = true;
            } else {
                policy(e.getValue(), "versionPolicies." + e.getKey(), out);
            }
        }
        if (nameTooLong) {
            out.add(Diagnostic.error(DiagnosticCode.TOO_LONG, "versionPolicies", Limits.MAX_NAME_LENGTH));
        }
    }

    private static void policy(TrafficPolicy policy, String at, List<Diagnostic> out) {
        if (policy == null) {
            return;
        }
        if (policy.tls() != null) {
            PlanLimits.text(policy.tls().mode(), at + ".tls.mode", out);
            PlanLimits.name(policy.tls().credentialName(), at + ".tls.credentialName", out);
            PlanLimits.name(policy.tls().sni(), at + ".tls.sni", out);
        }
        if (policy.loadBalancer() != null) {
            PlanLimits.text(policy.loadBalancer().simple(), at + ".loadBalancer.simple", out);
            PlanLimits.sticky(policy.loadBalancer().consistentHash(), at + ".loadBalancer.consistentHash", out);
        }
        if (policy.connectionPool() != null && policy.connectionPool().tcp() != null) {
            PlanLimits.text(policy.connectionPool().tcp().connectTimeout(), at + ".connectionPool.tcp.connectTimeout", out);
        }
        if (policy.outlierDetection() != null) {
            PlanLimits.text(policy.outlierDetection().interval(), at + ".outlierDetection.interval", out);
            PlanLimits.text(policy.outlierDetection().baseEjectionTime(), at + ".outlierDetection.baseEjectionTime", out);
        }
    }
}
