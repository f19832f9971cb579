package dev.trafficwizard.web;

import dev.trafficwizard.catalog.ServiceSummary;
import dev.trafficwizard.catalog.VersionSummary;
import dev.trafficwizard.routing.HeaderChanges;
import dev.trafficwizard.routing.MatchCondition;
import dev.trafficwizard.routing.RoutingPlan;
import dev.trafficwizard.routing.Rule;
import dev.trafficwizard.routing.StickySession;
import dev.trafficwizard.routing.StringMatch;
import dev.trafficwizard.routing.TrafficPolicy;
import dev.trafficwizard.routing.WeightedDestination;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Fills the rules editor from any plan (the other direction of {@link EditorPlans} and
 * {@link PolicyPlans}): every rule, match field, resilience setting and policy the model has has a
 * place in the editor, so a plan read here and posted back unchanged is the same plan.
 */
final class EditorReader {

    private EditorReader() {
    }

    /** The editor for a service without routing: everything to its first version. */
    static void defaults(RoutingForm form, ServiceSummary service) {
        List<String> versions = service.versions().stream().map(VersionSummary::version).toList();
        form.getEditor().add(newRule(versions, versions.isEmpty() ? null : versions.get(0)));
        policies(form, versions, null, Map.of());
    }

    /** A new rule card: everything to {@code to} (or the first version), one header condition. */
    static EditorForm.RuleRow newRule(List<String> versions, String to) {
        EditorForm.RuleRow row = new EditorForm.RuleRow();
        for (String v : versions) {
            row.getVersion().add(v);
            row.getWeight().add(v.equals(to == null ? versions.get(0) : to) ? "100" : "0");
        }
        return row;
    }

    static void fill(RoutingForm form, RoutingPlan plan, List<String> serviceVersions) {
        List<Rule> rules = plan.rules();
        boolean catchAll = !rules.isEmpty() && rules.get(rules.size() - 1).catchAll();
        for (Rule rule : rules) {
            form.getEditor().add(rule(rule, serviceVersions));
        }
        if (!catchAll) {
            form.getEditor().add(newRule(serviceVersions, null));
            form.setCatchAllOff(true);
        }
        StickySession sticky = plan.sticky();
        form.setHashInPolicy(plan.stickySession() == null && sticky != null);
        if (sticky != null && sticky.pinsVersions()) {
            form.setKeepVersions(true);
            form.setVersionCookie(sticky.keepVersionCookie());
        }
        policies(form, serviceVersions, plan.trafficPolicy(), plan.versionPolicies());
        if (sticky != null && sticky.hashKeys() > 0) {
            hash(form.getPolicies().get(0), sticky);
        }
    }

    private static void policies(RoutingForm form, List<String> serviceVersions, TrafficPolicy service,
                                 Map<String, TrafficPolicy> versions) {
        form.getPolicies().add(policy(new PolicyForm(""), service));
        Set<String> scopes = new LinkedHashSet<>(serviceVersions);
        scopes.addAll(versions.keySet());
        for (String v : scopes) {
            form.getPolicies().add(policy(new PolicyForm(v), versions.get(v)));
        }
    }

    private static PolicyForm policy(PolicyForm p, TrafficPolicy policy) {
        if (policy == null) {
            return p;
        }
        if (policy.tls() != null) {
            p.setTlsMode(policy.tls().mode() == null ? "" : policy.tls().mode());
            p.setTlsCredential(policy.tls().credentialName());
            p.setTlsSni(policy.tls().sni());
        }
        if (policy.loadBalancer() != null) {
            if (policy.loadBalancer().consistentHash() != null) {
                hash(p, policy.loadBalancer().consistentHash());
            } else {
                p.setLb(policy.loadBalancer().simple() == null ? "" : policy.loadBalancer().simple());
            }
        }
        TrafficPolicy.ConnectionPool pool = policy.connectionPool();
        if (pool != null && pool.tcp() != null) {
            p.setMaxConnections(text(pool.tcp().maxConnections()));
            p.setConnectTimeout(pool.tcp().connectTimeout());
        }
        if (pool != null && pool.http() != null) {
            p.setMaxPending(text(pool.http().http1MaxPendingRequests()));
            p.setHttp2MaxRequests(text(pool.http().http2MaxRequests()));
            p.setMaxRequestsPerConnection(text(pool.http().maxRequestsPerConnection()));
            p.setMaxRetries(text(pool.http().maxRetries()));
        }
        TrafficPolicy.OutlierDetection o = policy.outlierDetection();
        if (o != null) {
            p.setConsecutive5xx(text(o.consecutive5xxErrors()));
            p.setInterval(o.interval());
            p.setBaseEjectionTime(o.baseEjectionTime());
            p.setMaxEjectionPercent(text(o.maxEjectionPercent()));
        }
        return p;
    }

    private static void hash(PolicyForm p, StickySession s) {
        if (s.hashKeys() == 0) {
            return;
        }
        p.setLb("hash");
        if (s.httpHeaderName() != null) {
            p.setHashKey("header");
            p.setHashHeader(s.httpHeaderName());
        } else if (s.httpCookie() != null) {
            p.setHashKey("cookie");
            p.setCookieName(s.httpCookie().name());
            p.setCookiePath(s.httpCookie().path());
            p.setCookieTtl(s.httpCookie().ttl());
        } else if (Boolean.TRUE.equals(s.useSourceIp())) {
            p.setHashKey("sourceIp");
        } else {
            p.setHashKey("query");
            p.setHashQuery(s.httpQueryParameterName());
        }
    }

    private static EditorForm.RuleRow rule(Rule rule, List<String> serviceVersions) {
        EditorForm.RuleRow row = new EditorForm.RuleRow();
        for (MatchCondition m : rule.match()) {
            row.getMatch().add(block(m));
        }
        List<String> keepZero = new ArrayList<>();
        for (WeightedDestination d : rule.route()) {
            row.getVersion().add(d.version());
            row.getWeight().add(d.weight() == null ? (rule.route().size() == 1 ? "100" : "") : String.valueOf(d.weight()));
            if (d.weight() != null && d.weight() == 0) {
                keepZero.add(d.version());
            }
        }
        row.setExplicitLone(rule.route().size() == 1 && rule.route().get(0).weight() != null);
        row.setKeepZero(String.join(",", keepZero));
        for (String v : serviceVersions) {
            if (!row.getVersion().contains(v)) {
                row.getVersion().add(v);
                row.getWeight().add("0");
            }
        }
        if (rule.mirror() != null) {
            row.setMirrorVersion(rule.mirror().version() == null ? "" : rule.mirror().version());
            row.setMirrorPercent(percent(rule.mirror().percent()));
        }
        if (rule.fault() != null && rule.fault().delay() != null) {
            row.setDelayFixed(rule.fault().delay().fixed());
            row.setDelayPercent(percent(rule.fault().delay().percent()));
        }
        if (rule.fault() != null && rule.fault().abort() != null) {
            row.setAbortStatus(text(rule.fault().abort().httpStatus()));
            row.setAbortPercent(percent(rule.fault().abort().percent()));
        }
        row.setTimeout(rule.timeout());
        if (rule.retries() != null) {
            row.setRetryAttempts(text(rule.retries().attempts()));
            row.setPerTryTimeout(rule.retries().perTryTimeout());
            retryOn(row, rule.retries().retryOn());
        }
        if (rule.headers() != null) {
            headerRows(row, "request", rule.headers().request());
            headerRows(row, "response", rule.headers().response());
        }
        row.setOpen(rule.hasResilience());
        return row;
    }

    /** Envoy's names the editor has boxes for, in its order, then the rest as typed; else all as typed. */
    private static void retryOn(EditorForm.RuleRow row, String retryOn) {
        if (retryOn == null) {
            return;
        }
        List<String> parts = Arrays.asList(retryOn.split(",", -1));
        int known = 0;
        while (known < parts.size() && EditorPlans.RETRY_ON.contains(parts.get(known))) {
            known++;
        }
        List<String> boxes = parts.subList(0, known);
        boolean inOrder = boxes.equals(EditorPlans.RETRY_ON.stream().filter(boxes::contains).toList());
        String rest = String.join(",", parts.subList(known, parts.size()));
        if (!inOrder || rest.contains(" ") || !rest.equals(rest.trim())
                || (rest.isEmpty() && known < parts.size())) {
            row.setRetryOnOther(retryOn);
            return;
        }
        row.getRetryOn().addAll(boxes);
        row.setRetryOnOther(rest.isEmpty() ? null : rest);
    }

    private static void headerRows(EditorForm.RuleRow row, String target, HeaderChanges.Operations ops) {
        if (ops == null) {
            return;
        }
        ops.set().forEach((k, v) -> row.getHeaderChanges().add(new EditorForm.HeaderRow(target, "set", k, v)));
        ops.add().forEach((k, v) -> row.getHeaderChanges().add(new EditorForm.HeaderRow(target, "add", k, v)));
        ops.remove().forEach(k -> row.getHeaderChanges().add(new EditorForm.HeaderRow(target, "remove", k, "")));
    }

    private static EditorForm.Block block(MatchCondition m) {
        EditorForm.Block b = new EditorForm.Block();
        List<EditorForm.Condition> c = b.getConds();
        if (m.uri() != null) {
            c.add(cond("uri", null, m.uri()));
        }
        m.headers().forEach((k, v) -> c.add(cond("header", k, v)));
        m.withoutHeaders().forEach((k, v) -> c.add(cond("withoutHeader", k, v)));
        m.queryParams().forEach((k, v) -> c.add(cond("query", k, v)));
        if (m.method() != null) {
            c.add(cond("method", null, m.method()));
        }
        if (m.authority() != null) {
            c.add(cond("authority", null, m.authority()));
        }
        if (m.port() != null) {
            c.add(new EditorForm.Condition("port", "exact", null, String.valueOf(m.port())));
        }
        m.sourceLabels().forEach((k, v) -> c.add(new EditorForm.Condition("sourceLabel", "exact", k, v)));
        return b;
    }

    private static EditorForm.Condition cond(String field, String name, StringMatch m) {
        String op = m.exact() != null ? "exact" : m.prefix() != null ? "prefix" : m.regex() != null ? "regex" : "present";
        String value = m.exact() != null ? m.exact() : m.prefix() != null ? m.prefix() : m.regex() != null ? m.regex() : "";
        return new EditorForm.Condition(field, op, name, value);
    }

    static String text(Integer n) {
        return n == null ? null : String.valueOf(n);
    }

    static String percent(Double d) {
        return d == null ? null : new BigDecimal(d.toString()).stripTrailingZeros().toPlainString();
    }
}
