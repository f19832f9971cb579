package dev.trafficwizard.routing;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Checks a plan against the service it routes. Pure: no I/O, the caller passes what the cluster
 * knows of the service ({@code null} when it does not exist).
 */
public final class PlanValidator {

    static final int MAX_RULES = 50;
    static final int MAX_DESTINATIONS = 20;
    static final int MAX_HOSTS = 50;

    private PlanValidator() {
    }

    public static List<Diagnostic> validate(RoutingPlan plan, TargetService target) {
        List<Diagnostic> out = new ArrayList<>();
        if (plan == null) {
            out.add(Diagnostic.error("PLAN_REQUIRED", ""));
            return out;
        }
        checkName(plan.namespace(), "namespace", out);
        checkName(plan.service(), "service", out);
        if (out.isEmpty() && target == null) {
            out.add(Diagnostic.error("UNKNOWN_SERVICE", "service", plan.namespace(), plan.service()));
        }
        checkHosts(plan.hosts(), out);
        if (plan.gateway() != null) {
            out.add(Diagnostic.error("UNSUPPORTED", "gateway", "gateway"));
        }
        if (plan.stickySession() != null) {
            out.add(Diagnostic.error("UNSUPPORTED", "stickySession", "stickySession"));
        }
        checkRules(plan.rules(), target, out);
        return out;
    }

    public static boolean hasErrors(List<Diagnostic> diagnostics) {
        return diagnostics.stream().anyMatch(Diagnostic::isError);
    }

    private static void checkName(String value, String path, List<Diagnostic> out) {
        if (value == null || value.isBlank()) {
            out.add(Diagnostic.error("REQUIRED", path));
        } else if (!Names.isDnsLabel(value)) {
            out.add(Diagnostic.error("INVALID_NAME", path, value));
        }
    }

    private static void checkHosts(List<String> hosts, List<Diagnostic> out) {
        if (hosts.size() > MAX_HOSTS) {
            out.add(Diagnostic.error("TOO_MANY", "hosts", MAX_HOSTS));
            return;
        }
        for (int i = 0; i < hosts.size(); i++) {
            if (!Names.isHost(hosts.get(i))) {
                out.add(Diagnostic.error("INVALID_HOST", "hosts[" + i + "]", hosts.get(i)));
            }
        }
    }

    private static void checkRules(List<Rule> rules, TargetService target, List<Diagnostic> out) {
        if (rules.isEmpty()) {
            out.add(Diagnostic.error("NO_RULES", "rules"));
            return;
        }
        if (rules.size() > MAX_RULES) {
            out.add(Diagnostic.error("TOO_MANY", "rules", MAX_RULES));
            return;
        }
        boolean catchAllSeen = false;
        for (int i = 0; i < rules.size(); i++) {
            Rule rule = rules.get(i);
            String path = "rules[" + i + "]";
            if (rule == null) {
                out.add(Diagnostic.error("REQUIRED", path));
                continue;
            }
            if (catchAllSeen) {
                out.add(Diagnostic.error("UNREACHABLE_RULE", path, i));
            }
            if (!rule.isCatchAll()) {
                out.add(Diagnostic.error("UNSUPPORTED", path + ".match", "match"));
            }
            catchAllSeen |= rule.isCatchAll();
            checkRoute(rule.route(), path + ".route", target, out);
        }
    }

    private static void checkRoute(List<WeightedDestination> route, String path, TargetService target,
                                   List<Diagnostic> out) {
        if (route.isEmpty()) {
            out.add(Diagnostic.error("NO_DESTINATIONS", path));
            return;
        }
        if (route.size() > MAX_DESTINATIONS) {
            out.add(Diagnostic.error("TOO_MANY", path, MAX_DESTINATIONS));
            return;
        }
        Set<String> seen = new HashSet<>();
        int sum = 0;
        boolean weightsValid = true;
        for (int j = 0; j < route.size(); j++) {
            WeightedDestination d = route.get(j);
            String at = path + "[" + j + "]";
            if (d == null) {
                out.add(Diagnostic.error("REQUIRED", at));
                weightsValid = false;
                continue;
            }
            checkVersion(d, at, target, seen, out);
            Integer weight = effectiveWeight(d, route.size());
            if (weight == null) {
                out.add(Diagnostic.error("WEIGHT_REQUIRED", at + ".weight"));
                weightsValid = false;
            } else if (weight < 0 || weight > 100) {
                out.add(Diagnostic.error("WEIGHT_RANGE", at + ".weight", weight));
                weightsValid = false;
            } else {
                sum += weight;
                warnWithoutPods(d, weight, at, target, out);
            }
        }
        if (weightsValid && sum != 100) {
            out.add(Diagnostic.error("WEIGHT_SUM", path, sum));
        }
    }

    private static void checkVersion(WeightedDestination d, String at, TargetService target, Set<String> seen,
                                     List<Diagnostic> out) {
        if (d.version() == null || d.version().isBlank()) {
            out.add(Diagnostic.error("REQUIRED", at + ".version"));
        } else if (!seen.add(Names.subsetName(d.version()))) {
            out.add(Diagnostic.error("DUPLICATE_VERSION", at + ".version", d.version()));
        } else if (target != null && target.version(d.version()).isEmpty()) {
            List<String> known = target.versions().stream().map(TargetService.ServiceVersion::version).toList();
            out.add(Diagnostic.error("UNKNOWN_VERSION", at + ".version", d.version(), String.join(", ", known)));
        }
    }

    private static void warnWithoutPods(WeightedDestination d, int weight, String at, TargetService target,
                                        List<Diagnostic> out) {
        if (target == null || weight == 0 || d.version() == null) {
            return;
        }
        target.version(d.version())
                .filter(v -> v.readyPods() == 0)
                .ifPresent(v -> out.add(Diagnostic.warning("NO_READY_PODS", at + ".version", v.version(), weight)));
    }

    /** A lone destination without a weight receives everything, as in Istio. */
    public static Integer effectiveWeight(WeightedDestination d, int routeSize) {
        return d.weight() == null && routeSize == 1 ? Integer.valueOf(100) : d.weight();
    }

}
