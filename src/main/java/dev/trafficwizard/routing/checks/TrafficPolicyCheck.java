package dev.trafficwizard.routing.checks;

import dev.trafficwizard.routing.Diagnostic;
import dev.trafficwizard.routing.DiagnosticCode;
import dev.trafficwizard.routing.Names;
import dev.trafficwizard.routing.RoutingPlan;
import dev.trafficwizard.routing.Rule;
import dev.trafficwizard.routing.TargetService;
import dev.trafficwizard.routing.TrafficPolicy;
import dev.trafficwizard.routing.WeightedDestination;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

/**
 * The service's traffic policy ({@code trafficPolicy}) and each version's
 * ({@code versionPolicies.<v>}), as Istio's DestinationRule validation checks them; {@code <p>}
 * below is either path:
 * <ul>
 *   <li>{@code UNKNOWN_CHOICE} (error) at {@code <p>.tls.mode}: not DISABLE, SIMPLE, MUTUAL or
 *       ISTIO_MUTUAL (absent is DISABLE); {@code TLS_CREDENTIAL_REQUIRED} (error) at
 *       {@code <p>.tls.credentialName} for MUTUAL without one (Istio needs a client certificate);
 *       {@code TLS_CREDENTIAL_IGNORED} (warning) there for a credential with DISABLE or ISTIO_MUTUAL;
 *       {@code CONTROL_CHARACTER} (error) in {@code <p>.tls.credentialName} or {@code <p>.tls.sni};</li>
 *   <li>{@code LB_ONE_CHOICE} (error) at {@code <p>.loadBalancer}: not exactly one of {@code simple}
 *       and {@code consistentHash} (argument: how many); {@code UNKNOWN_CHOICE} (error) at
 *       {@code <p>.loadBalancer.simple} outside the CRD's enum; {@code LB_DEPRECATED} (warning) for
 *       LEAST_CONN; a consistent hash is checked as a sticky session at
 *       {@code <p>.loadBalancer.consistentHash} ({@link StickySessionCheck}, no keepVersionCookie);</li>
 *   <li>{@code STICKY_TWICE} (error) at {@code trafficPolicy.loadBalancer.consistentHash} when the
 *       plan also has a {@code stickySession};</li>
 *   <li>connection pool and outlier detection: see {@link ConnectionPolicies};</li>
 *   <li>{@code UNKNOWN_VERSION} (error) at {@code versionPolicies.<v>} for a version the service
 *       lacks; {@code VERSION_POLICY_UNUSED} (warning) there when no rule routes or mirrors to it.</li>
 * </ul>
 */
public final class TrafficPolicyCheck implements PlanCheck {

    static final String CONSISTENT_HASH = "trafficPolicy.loadBalancer.consistentHash";
    static final List<String> TLS_MODES = List.of("DISABLE", "SIMPLE", "MUTUAL", "ISTIO_MUTUAL");
    /** The CRD's enum; UNSPECIFIED (the default) and LEAST_CONN (deprecated) are accepted as Istio does. */
    static final List<String> SIMPLE = List.of("ROUND_ROBIN", "LEAST_REQUEST", "RANDOM", "PASSTHROUGH",
            "LEAST_CONN", "UNSPECIFIED");

    @Override
    public void check(RoutingPlan plan, CheckContext context, List<Diagnostic> out) {
        TrafficPolicy service = plan.trafficPolicy();
        if (service != null) {
            policy(service, "trafficPolicy", out);
            if (plan.stickySession() != null && service.loadBalancer() != null
                    && service.loadBalancer().consistentHash() != null) {
                out.add(Diagnostic.error(DiagnosticCode.STICKY_TWICE, CONSISTENT_HASH));
            }
            if (plan.sticky() != null && plan.sticky().hashKeys() > 0 && service.loadBalancer() != null
                    && service.loadBalancer().simple() != null) {
                // a hash key is the load balancer: Istio takes one of simple and consistentHash
                out.add(Diagnostic.error(DiagnosticCode.LB_ONE_CHOICE, "trafficPolicy.loadBalancer.simple", 2));
            }
        }
        if (plan.versionPolicies().isEmpty()) {
            return;
        }
        Set<String> used = versionsUsed(plan);
        TargetService target = context.target();
        for (Map.Entry<String, TrafficPolicy> e : new TreeMap<>(plan.versionPolicies()).entrySet()) {
            String version = e.getKey();
            String at = "versionPolicies." + version;
            if (target != null && target.version(version).isEmpty()) {
                List<String> known = target.versions().stream().map(TargetService.ServiceVersion::version).toList();
                out.add(Diagnostic.error(DiagnosticCode.UNKNOWN_VERSION, at, version, String.join(", ", known)));
            } else if (!used.contains(version)) {
                out.add(Diagnostic.warning(DiagnosticCode.VERSION_POLICY_UNUSED, at, version));
            }
            if (e.getValue() != null) {
                policy(e.getValue(), at, out);
            }
        }
    }

    /** The versions the rules route (any weight) or mirror to. */
    private static Set<String> versionsUsed(RoutingPlan plan) {
        Set<String> used = new HashSet<>(plan.versionsMirrored());
        plan.rules().stream().filter(Objects::nonNull).map(Rule::route).flatMap(List::stream)
                .filter(Objects::nonNull).map(WeightedDestination::version).filter(Objects::nonNull).forEach(used::add);
        return used;
    }

    private static void policy(TrafficPolicy policy, String at, List<Diagnostic> out) {
        if (policy.tls() != null) {
            tls(policy.tls(), at + ".tls", out);
        }
        if (policy.loadBalancer() != null) {
            loadBalancer(policy.loadBalancer(), at + ".loadBalancer", out);
        }
        if (policy.connectionPool() != null) {
            ConnectionPolicies.pool(policy.connectionPool(), at + ".connectionPool", out);
        }
        if (policy.outlierDetection() != null) {
            ConnectionPolicies.outlier(policy.outlierDetection(), at + ".outlierDetection", out);
        }
    }

    private static void tls(TrafficPolicy.Tls tls, String at, List<Diagnostic> out) {
        String mode = tls.mode() == null ? "DISABLE" : tls.mode();
        if (!TLS_MODES.contains(mode)) {
            out.add(Diagnostic.error(DiagnosticCode.UNKNOWN_CHOICE, at + ".mode", mode, String.join(", ", TLS_MODES)));
            return;
        }
        controlCharacter(tls.credentialName(), at + ".credentialName", out);
        controlCharacter(tls.sni(), at + ".sni", out);
        boolean credential = tls.credentialName() != null && !tls.credentialName().isEmpty();
        if (mode.equals("MUTUAL") && !credential) {
            out.add(Diagnostic.error(DiagnosticCode.TLS_CREDENTIAL_REQUIRED, at + ".credentialName"));
        } else if (credential && (mode.equals("DISABLE") || mode.equals("ISTIO_MUTUAL"))) {
            out.add(Diagnostic.warning(DiagnosticCode.TLS_CREDENTIAL_IGNORED, at + ".credentialName", mode));
        }
    }

    /** {@code CONTROL_CHARACTER} (Envoy refuses an SNI with a line break; no Secret name holds one). */
    private static void controlCharacter(String value, String at, List<Diagnostic> out) {
        int i = Names.firstControlCharacter(value, false);
        if (i >= 0) {
            out.add(Diagnostic.error(DiagnosticCode.CONTROL_CHARACTER, at, String.format("U+%04X", (int) value.charAt(i)), i + 1));
        }
    }

    private static void loadBalancer(TrafficPolicy.LoadBalancer lb, String at, List<Diagnostic> out) {
        int chosen = (lb.simple() == null ? 0 : 1) + (lb.consistentHash() == null ? 0 : 1);
        if (chosen != 1) {
            out.add(Diagnostic.error(DiagnosticCode.LB_ONE_CHOICE, at, chosen));
            return;
        }
        if (lb.simple() != null) {
            if (!SIMPLE.contains(lb.simple())) {
                out.add(Diagnostic.error(DiagnosticCode.UNKNOWN_CHOICE, at + ".simple", lb.simple(),
                        String.join(", ", SIMPLE.subList(0, 4))));
            } else if (lb.simple().equals("LEAST_CONN")) {
                out.add(Diagnostic.warning(DiagnosticCode.LB_DEPRECATED, at + ".simple", lb.simple()));
            }
        } else {
            StickySessionCheck.checkSession(lb.consistentHash(), at + ".consistentHash", true, out);
        }
    }
}
