package dev.trafficwizard.workflow;

import dev.trafficwizard.istio.IstioValidation;
import dev.trafficwizard.istio.RoutingObjects;
import dev.trafficwizard.istio.Violation;
import dev.trafficwizard.routing.Diagnostic;
import dev.trafficwizard.routing.DiagnosticCode;
import dev.trafficwizard.routing.MatchCondition;
import dev.trafficwizard.routing.Names;
import dev.trafficwizard.routing.RoutingPlan;
import dev.trafficwizard.routing.Rule;
import io.fabric8.kubernetes.api.model.HasMetadata;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs Istio's own validation ({@link IstioValidation}) on the objects a plan would write: every
 * violation becomes an {@code ISTIO_REJECTS} error (arguments: {@code Kind/name}, the YAML path,
 * Istio's reason), at the plan field it comes from when that is plain to see, else at the closest
 * part of the plan ({@code hosts}, {@code rules}, {@code gateway}); a DestinationRule policy's at
 * {@code trafficPolicy} or {@code versionPolicies.<version>}.
 * The plan checks should catch all of these first; this is the net under them.
 */
final class IstioRejections {

    private static final Pattern HTTP = Pattern.compile("spec\\.http\\[(\\d+)](.*)");
    private static final Pattern HEADER = Pattern.compile("\\.match\\[(\\d+)]\\.headers\\.(.*)");
    private static final Pattern HOST = Pattern.compile("spec\\.hosts\\[(\\d+)]");
    private static final Pattern SUBSET = Pattern.compile("spec\\.subsets\\[(\\d+)]");
    private static final Pattern SERVER = Pattern.compile("spec\\.servers\\[0]\\.(hosts\\[\\d+]|port|tls)(.*)");

    private IstioRejections() {
    }

    static List<Diagnostic> of(RoutingPlan plan, RoutingObjects objects) {
        List<Diagnostic> out = new ArrayList<>();
        for (HasMetadata object : objects.all()) {
            for (Violation v : IstioValidation.validate(object)) {
                out.add(Diagnostic.error(DiagnosticCode.ISTIO_REJECTS, planPath(plan, objects, object, v.path()),
                        object.getKind() + " " + object.getMetadata().getName(), v.path(), v.message()));
            }
        }
        return out;
    }

    static String planPath(RoutingPlan plan, RoutingObjects objects, HasMetadata object, String path) {
        if (object == objects.gateway()) {
            Matcher m = SERVER.matcher(path);
            if (m.matches()) {
                return m.group(1).startsWith("hosts") ? "gateway." + m.group(1)
                        : m.group(1).equals("tls") ? "gateway.credentialName" : "gateway.port";
            }
            return "gateway";
        }
        if (object == objects.destinationRule()) {
            return path.contains("trafficPolicy") ? policyPath(plan, objects, path) : subsetPath(plan, objects, path);
        }
        Matcher host = HOST.matcher(path);
        if (host.matches()) {
            return !plan.hosts().isEmpty() ? "hosts[" + host.group(1) + "]" : plan.gateway() != null ? "gateway.hosts"
                    : "hosts";
        }
        Matcher http = HTTP.matcher(path);
        int routes = objects.virtualService().getSpec().getHttp().size();
        if (!http.matches() || routes != plan.rules().size()) {
            return path.startsWith("spec.gateways") ? "gateway.name" : "rules";
        }
        int i = Integer.parseInt(http.group(1));
        String rest = http.group(2);
        Matcher header = HEADER.matcher(rest);
        if (header.matches()) {
            return "rules[" + i + "].match[" + header.group(1) + "].headers."
                    + planHeader(plan.rules().get(i), Integer.parseInt(header.group(1)), header.group(2));
        }
        return "rules[" + i + "]" + rest.replace(".destination", "").replaceAll("\\.(host|subset)$", ".version");
    }

    /**
     * A traffic policy's problem: {@code spec.trafficPolicy.*} is the plan's {@code trafficPolicy}
     * (its consistent hash the sticky session's when the plan has one), a subset's
     * {@code versionPolicies.<version>}.
     */
    private static String policyPath(RoutingPlan plan, RoutingObjects objects, String path) {
        if (path.startsWith("spec.trafficPolicy")) {
            return path.startsWith("spec.trafficPolicy.loadBalancer.consistentHash") && plan.stickySession() != null
                    ? "stickySession" : "trafficPolicy";
        }
        Matcher m = SUBSET.matcher(path);
        var subsets = objects.destinationRule().getSpec().getSubsets();
        if (m.lookingAt() && Integer.parseInt(m.group(1)) < subsets.size()) {
            var labels = subsets.get(Integer.parseInt(m.group(1))).getLabels();
            for (String version : plan.versionPolicies().keySet()) {
                if (labels != null && labels.containsValue(version)) {
                    return "versionPolicies." + version;
                }
            }
        }
        return "versionPolicies";
    }

    /** A subset's problem belongs to the first route entry naming its version. */
    private static String subsetPath(RoutingPlan plan, RoutingObjects objects, String path) {
        Matcher m = SUBSET.matcher(path);
        var subsets = objects.destinationRule().getSpec().getSubsets();
        if (m.lookingAt() && Integer.parseInt(m.group(1)) < subsets.size()) {
            var labels = subsets.get(Integer.parseInt(m.group(1))).getLabels();
            for (int i = 0; i < plan.rules().size(); i++) {
                var route = plan.rules().get(i).route();
                for (int j = 0; j < route.size(); j++) {
                    if (labels != null && labels.containsValue(route.get(j).version())) {
                        return "rules[" + i + "].route[" + j + "].version";
                    }
                }
            }
        }
        return "rules";
    }

    /** The header name as the plan wrote it (the VirtualService has it lowercase). */
    private static String planHeader(Rule rule, int j, String emitted) {
        if (j >= rule.match().size()) {
            return emitted;
        }
        MatchCondition m = rule.match().get(j);
        return m.headers().keySet().stream().filter(k -> Names.emittedHeaderName(k).equals(emitted))
                .findFirst().orElse(emitted);
    }
}
