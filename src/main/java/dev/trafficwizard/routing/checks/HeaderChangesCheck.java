package dev.trafficwizard.routing.checks;

import dev.trafficwizard.routing.Diagnostic;
import dev.trafficwizard.routing.HeaderValues;
import dev.trafficwizard.routing.DiagnosticCode;
import dev.trafficwizard.routing.HeaderChanges;
import dev.trafficwizard.routing.Names;
import dev.trafficwizard.routing.RoutingPlan;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * A rule's header changes, at {@code rules[i].headers.request|response.set|add.<name>} and
 * {@code ...remove[k]} (all errors), as Istio's {@code validateHTTPRoute} checks them:
 * <ul>
 *   <li>{@code INVALID_HEADER_NAME}: not an HTTP token nor a pseudo-header;</li>
 *   <li>{@code HEADER_NOT_CHANGEABLE}: a name starting with {@code :} or {@code Host}, except that
 *       a request may set or add {@code :authority} and {@code Host} (argument: the name);</li>
 *   <li>{@code INVALID_HEADER_VALUE}: a value Envoy refuses ({@link HeaderValues}; argument: the value);</li>
 *   <li>{@code AUTHORITY_SET_TWICE} at {@code rules[i].headers.request}: {@code :authority} and
 *       {@code Host} both set or added.</li>
 * </ul>
 */
public final class HeaderChangesCheck implements PlanCheck {

    @Override
    public void check(RoutingPlan plan, CheckContext context, List<Diagnostic> out) {
        if (!RulesCheck.checkable(plan)) {
            return;
        }
        RuleLoop.rules(plan, (i, rule, path) -> {
            HeaderChanges headers = rule.headers();
            if (headers != null) {
                operations(headers.request(), path + ".headers.request", true, out);
                operations(headers.response(), path + ".headers.response", false, out);
            }
        });
    }

    private static void operations(HeaderChanges.Operations ops, String path, boolean request, List<Diagnostic> out) {
        if (ops == null) {
            return;
        }
        changes(ops.set(), path + ".set", request, out);
        changes(ops.add(), path + ".add", request, out);
        for (int k = 0; k < ops.remove().size(); k++) {
            name(ops.remove().get(k), path + ".remove[" + k + "]", false, out);
        }
        if (request) {
            long authorities = ops.set().keySet().stream().filter(HeaderChangesCheck::isAuthority).count()
                    + ops.add().keySet().stream().filter(HeaderChangesCheck::isAuthority).count();
            if (authorities > 1) {
                out.add(Diagnostic.error(DiagnosticCode.AUTHORITY_SET_TWICE, path));
            }
        }
    }

    private static void changes(Map<String, String> changes, String path, boolean request, List<Diagnostic> out) {
        for (Map.Entry<String, String> change : new TreeMap<>(changes).entrySet()) {
            String at = path + "." + change.getKey();
            if (name(change.getKey(), at, request, out) && change.getValue() != null
                    && !HeaderValues.isValid(change.getValue())) {
                out.add(Diagnostic.error(DiagnosticCode.INVALID_HEADER_VALUE, at, change.getValue()));
            }
        }
    }

    /** Checks a name; {@code authorityAllowed} for request set/add. Returns whether it is valid. */
    private static boolean name(String name, String at, boolean authorityAllowed, List<Diagnostic> out) {
        if (name == null) {
            return false; // PlanStructure reports it
        }
        boolean internal = name.startsWith(":") || name.equalsIgnoreCase("host");
        if (internal && !(authorityAllowed && isAuthority(name))) {
            out.add(Diagnostic.error(DiagnosticCode.HEADER_NOT_CHANGEABLE, at, name));
            return false;
        }
        if (!internal && !Names.isHeaderName(name)) {
            out.add(Diagnostic.error(DiagnosticCode.INVALID_HEADER_NAME, at, name));
            return false;
        }
        return true;
    }

    private static boolean isAuthority(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        return lower.equals(":authority") || lower.equals("host");
    }
}
