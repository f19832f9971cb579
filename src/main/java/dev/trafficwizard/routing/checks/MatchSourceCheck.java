package dev.trafficwizard.routing.checks;

import dev.trafficwizard.routing.Diagnostic;
import dev.trafficwizard.routing.DiagnosticCode;
import dev.trafficwizard.routing.MatchCondition;
import dev.trafficwizard.routing.RoutingPlan;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where a request comes from and goes to, in each match entry at {@code rules[i].match[j]}:
 * <ul>
 *   <li>{@code PORT_RANGE} (error) at {@code ...port}: not 1 to 65535 (Istio's {@code ValidatePort});</li>
 *   <li>{@code INVALID_LABEL} (error) at {@code ...sourceLabels.<key>}: a key or value that is not a
 *       Kubernetes label (Istio's {@code labels.Instance.Validate}: an optional DNS prefix of at most
 *       253 characters and {@code /}, a name of at most 63; a value of at most 63, which Istio does
 *       not bound but no pod label can exceed; arguments: key, value);</li>
 *   <li>{@code SOURCE_LABELS_AT_GATEWAY} (warning) at {@code ...sourceLabels} on a plan exposed
 *       through a gateway: Istio refuses nothing, but for the gateway's requests it compares the
 *       labels with the gateway proxy's own ({@code sourceMatchHTTP}), so those never match
 *       (argument: the gateway).</li>
 * </ul>
 */
public final class MatchSourceCheck implements PlanCheck {

    private static final String DNS_LABEL = "[a-zA-Z0-9](?:[-a-zA-Z0-9]*[a-zA-Z0-9])?";
    private static final String NAME = "(?:[A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]";
    private static final Pattern KEY = Pattern.compile("(" + DNS_LABEL + "(?:\\." + DNS_LABEL + ")*/)?(" + NAME + ")");
    private static final Pattern VALUE = Pattern.compile("(" + NAME + ")?");
    private static final int MAX_PREFIX = 253;
    private static final int MAX_NAME = 63;

    @Override
    public void check(RoutingPlan plan, CheckContext context, List<Diagnostic> out) {
        if (!RulesCheck.checkable(plan)) {
            return;
        }
        RuleLoop.matches(plan, (i, j, m, path) -> checkEntry(plan, m, path, out));
    }

    private static void checkEntry(RoutingPlan plan, MatchCondition m, String path, List<Diagnostic> out) {
        if (m.port() != null && (m.port() < 1 || m.port() > 65535)) {
            out.add(Diagnostic.error(DiagnosticCode.PORT_RANGE, path + ".port", m.port()));
        }
        for (Map.Entry<String, String> label : new TreeMap<>(m.sourceLabels()).entrySet()) {
            if (!isLabelKey(label.getKey()) || !isLabelValue(label.getValue())) {
                out.add(Diagnostic.error(DiagnosticCode.INVALID_LABEL, path + ".sourceLabels." + label.getKey(),
                        label.getKey(), label.getValue()));
            }
        }
        if (!m.sourceLabels().isEmpty() && plan.gateway() != null) {
            out.add(Diagnostic.warning(DiagnosticCode.SOURCE_LABELS_AT_GATEWAY, path + ".sourceLabels",
                    String.valueOf(plan.gateway().name())));
        }
    }

    /** A Kubernetes label key as Istio accepts it. */
    static boolean isLabelKey(String key) {
        Matcher matcher = key == null ? null : KEY.matcher(key);
        if (matcher == null || !matcher.matches()) {
            return false;
        }
        String prefix = matcher.group(1);
        return (prefix == null || prefix.length() - 1 <= MAX_PREFIX) && matcher.group(2).length() <= MAX_NAME;
    }

    /** A Kubernetes label value: empty, or a name of at most 63 characters. */
    static boolean isLabelValue(String value) {
        return value != null && value.length() <= MAX_NAME && VALUE.matcher(value).matches();
    }
}
