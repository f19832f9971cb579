package dev.trafficwizard.web;

import dev.trafficwizard.routing.FormKind;
import dev.trafficwizard.catalog.ServiceSummary;
import dev.trafficwizard.catalog.VersionSummary;
import dev.trafficwizard.routing.GatewayPlan;
import dev.trafficwizard.routing.MatchCondition;
import dev.trafficwizard.routing.RoutingPlan;
import dev.trafficwizard.routing.Rule;
import dev.trafficwizard.routing.StickySession;
import dev.trafficwizard.routing.StringMatch;
import dev.trafficwizard.routing.WeightedDestination;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The other direction of {@link FormPlans}: fills a form from a live plan (empty when that form
 * cannot express the plan), or with sensible starting values for a service without routing.
 */
final class FormReader {

    private FormReader() {
    }

    static RoutingForm defaults(FormKind kind, ServiceSummary service) {
        RoutingForm form = new RoutingForm();
        List<VersionSummary> versions = service.versions();
        String stable = versions.isEmpty() ? "" : versions.get(0).version();
        String canary = versions.size() > 1 ? versions.get(1).version() : stable;
        form.setDefaultVersion(stable);
        switch (kind) {
            case WEIGHTED -> {
                for (int i = 0; i < versions.size(); i++) {
                    VersionSummary v = versions.get(i);
                    form.getVersion().add(v.version());
                    form.getWeight().add(String.valueOf(v.implicitShare() != null ? v.implicitShare() : i == 0 ? 100 : 0));
                }
            }
            case HEADER -> form.getRules().add(new RoutingForm.MatchRow("x-canary", "exact", "true", canary));
            case URI -> form.getRules().add(new RoutingForm.MatchRow(null, "prefix", "/" + canary, canary));
            case SUBDOMAIN -> {
                form.setDomain("example.com");
                form.setExposure("new");
                form.setGatewayName(service.name() + "-gateway");
                form.getHostRoutes().add(new RoutingForm.HostRow("example.com", stable));
                if (!canary.equals(stable)) {
                    form.getHostRoutes().add(new RoutingForm.HostRow(canary + ".example.com", canary));
                }
                form.setDefaultVersion("");
            }
            case DARK -> {
                form.setDarkHeader("x-dark-release");
                form.setDarkValue("true");
                form.setDarkVersion(canary);
            }
            case RULES -> EditorReader.defaults(form, service);
        }
        form.setGatewayName(form.getGatewayName() == null ? service.name() + "-gateway" : form.getGatewayName());
        form.setGatewayHosts("*");
        return form;
    }

    static Optional<RoutingForm> fromPlan(FormKind kind, RoutingPlan plan) {
        RoutingForm form = new RoutingForm();
        List<Rule> rules = plan.rules();
        if (kind == FormKind.RULES) {
            // the editor has a place for everything a plan holds (the service's other versions are added later)
            EditorReader.fill(form, plan, List.of());
            fillExposure(form, plan);
            form.setApi(plan.api() == null ? "auto" : plan.api());
            return Optional.of(form);
        }
        if (rules.isEmpty() || !quickStart(plan)) {
            // a quick start cannot show a consistent hash given under the traffic policy
            return Optional.empty();
        }
        Rule last = rules.get(rules.size() - 1);
        boolean catchAll = last.catchAll() && last.route().size() == 1;
        List<Rule> matched = catchAll ? rules.subList(0, rules.size() - 1) : rules;
        boolean ok = switch (kind) {
            case WEIGHTED -> rules.size() == 1 && last.catchAll() && fillWeights(form, last);
            case HEADER -> catchAll && matched.stream().allMatch(FormReader::singleHeaderRule)
                    && matched.stream().allMatch(r -> fillHeaderRow(form, r));
            case URI -> catchAll && matched.stream().allMatch(r -> fillUriRow(form, r));
            case SUBDOMAIN -> plan.gateway() != null && plan.gateway().create() && plan.hosts().isEmpty()
                    && fillSubdomain(form, plan, matched);
            case DARK -> rules.size() == 2 && catchAll && plan.gateway() == null && singleHeaderRule(rules.get(0))
                    && fillDark(form, rules.get(0));
            case RULES -> false;
        };
        if (!ok) {
            return Optional.empty();
        }
        if (catchAll && kind != FormKind.WEIGHTED) {
            form.setDefaultVersion(last.route().get(0).version());
        }
        fillExposure(form, plan);
        fillSticky(form, plan.stickySession());
        form.setApi(plan.api() == null ? "auto" : plan.api());
        return Optional.of(form);
    }

    /** The form that fits a plan best when the routing does not say which form made it. */
    /**
     * The form that made live routing: the one recorded on its VirtualService when that is a form,
     * else the first form able to express the plan.
     */
    /** The form the service's routing was made with (the annotation on its VirtualService or HTTPRoute), else the best fit. */
    static FormKind madeWith(dev.trafficwizard.catalog.ServiceDetail service, RoutingPlan plan) {
        io.fabric8.kubernetes.api.model.HasMetadata routing = service.virtualService() != null
                ? service.virtualService() : service.httpRoute().orElse(null);
        // a form that can no longer express the routing (resilience added over the API) hands it to the editor
        return dev.trafficwizard.istio.RoutingPlanParser.form(routing)
                .filter(k -> fromPlan(k, plan).isPresent())
                .orElseGet(() -> bestFit(plan));
    }

    static FormKind bestFit(RoutingPlan plan) {
        if (plan.rules().stream().anyMatch(Rule::hasResilience) || plan.trafficPolicy() != null && !plan.trafficPolicy().setsNothing()
                || !plan.versionPolicies().isEmpty()) {
            // only the editor shows them: a quick start would keep them out of sight
            return FormKind.RULES;
        }
        for (FormKind kind : List.of(FormKind.WEIGHTED, FormKind.DARK, FormKind.HEADER, FormKind.URI,
                FormKind.SUBDOMAIN)) {
            if (fromPlan(kind, plan).isPresent()) {
                return kind;
            }
        }
        return FormKind.RULES;
    }

    /**
     * Whether a quick start can show the plan. Resilience and traffic policies do not stop it: a quick
     * start does not show them and keeps them ({@code KeptSettings}); a consistent hash given as the
     * policy's load balancer does, since its sticky section would show no sticky session.
     */
    private static boolean quickStart(RoutingPlan plan) {
        return plan.trafficPolicy() == null || plan.trafficPolicy().loadBalancer() == null
                || plan.trafficPolicy().loadBalancer().consistentHash() == null;
    }

    private static boolean fillWeights(RoutingForm form, Rule rule) {
        for (WeightedDestination d : rule.route()) {
            form.getVersion().add(d.version());
            form.getWeight().add(String.valueOf(d.weight() == null ? 100 : d.weight()));
        }
        return true;
    }

    private static boolean singleHeaderRule(Rule rule) {
        return rule.match().size() == 1 && rule.route().size() == 1 && only(rule.match().get(0), "headers")
                && rule.match().get(0).headers().size() == 1;
    }

    private static boolean fillHeaderRow(RoutingForm form, Rule rule) {
        Map.Entry<String, StringMatch> header = rule.match().get(0).headers().entrySet().iterator().next();
        form.getRules().add(new RoutingForm.MatchRow(header.getKey(), op(header.getValue()), value(header.getValue()),
                rule.route().get(0).version()));
        return true;
    }

    private static boolean fillUriRow(RoutingForm form, Rule rule) {
        if (rule.match().isEmpty() || rule.route().size() != 1
                || !rule.match().stream().allMatch(m -> only(m, "uri"))) {
            return false;
        }
        List<String> ops = rule.match().stream().map(m -> op(m.uri())).distinct().toList();
        if (ops.size() != 1) {
            return false;
        }
        String paths = String.join("\n", rule.match().stream().map(m -> value(m.uri())).toList());
        form.getRules().add(new RoutingForm.MatchRow(null, ops.get(0), paths, rule.route().get(0).version()));
        return true;
    }

    private static boolean fillSubdomain(RoutingForm form, RoutingPlan plan, List<Rule> matched) {
        List<String> hosts = plan.gateway().hosts();
        if (hosts.size() != 2 || !hosts.get(1).equals("*." + hosts.get(0))) {
            return false;
        }
        form.setDomain(hosts.get(0));
        for (Rule rule : matched) {
            if (rule.match().size() != 1 || rule.route().size() != 1 || !only(rule.match().get(0), "authority")
                    || rule.match().get(0).authority().exact() == null) {
                return false;
            }
            form.getHostRoutes().add(new RoutingForm.HostRow(rule.match().get(0).authority().exact(),
                    rule.route().get(0).version()));
        }
        form.setDefaultVersion("");
        return true;
    }

    private static boolean fillDark(RoutingForm form, Rule rule) {
        Map.Entry<String, StringMatch> header = rule.match().get(0).headers().entrySet().iterator().next();
        if (header.getValue().exact() == null) {
            return false;
        }
        form.setDarkHeader(header.getKey());
        form.setDarkValue(header.getValue().exact());
        form.setDarkVersion(rule.route().get(0).version());
        return true;
    }

    private static void fillExposure(RoutingForm form, RoutingPlan plan) {
        GatewayPlan gateway = plan.gateway();
        form.setHosts(String.join(", ", plan.hosts()));
        if (gateway == null) {
            form.setExposure("mesh");
            form.setGatewayHosts("*");
            return;
        }
        form.setIncludeMesh(gateway.includeMesh());
        if (gateway.create()) {
            form.setExposure("new");
            form.setGatewayName(gateway.name());
            form.setGatewayHosts(String.join(", ", gateway.hosts()));
            form.setPort(String.valueOf(gateway.portOrDefault()));
            form.setCredentialName(gateway.credentialName());
        } else {
            form.setExposure("existing");
            form.setExistingGateway(gateway.name());
            form.setGatewayHosts("*");
        }
    }

    private static void fillSticky(RoutingForm form, StickySession sticky) {
        if (sticky == null) {
            return;
        }
        if (sticky.httpHeaderName() != null) {
            form.setSticky("header");
            form.setStickyHeader(sticky.httpHeaderName());
        } else if (sticky.httpCookie() != null) {
            form.setSticky("cookie");
            form.setCookieName(sticky.httpCookie().name());
            form.setCookiePath(sticky.httpCookie().path());
            form.setCookieTtl(sticky.httpCookie().ttl());
        } else if (Boolean.TRUE.equals(sticky.useSourceIp())) {
            form.setSticky("sourceIp");
        } else if (sticky.httpQueryParameterName() != null) {
            form.setSticky("query");
            form.setStickyQuery(sticky.httpQueryParameterName());
        }
        if (sticky.pinsVersions()) {
            form.setKeepVersions(true);
            form.setVersionCookie(sticky.keepVersionCookie());
        }
    }

    /** True when the match sets exactly the one field named. */
    private static boolean only(MatchCondition m, String field) {
        List<String> set = new ArrayList<>();
        if (m.uri() != null) {
            set.add("uri");
        }
        if (!m.headers().isEmpty()) {
            set.add("headers");
        }
        if (m.authority() != null) {
            set.add("authority");
        }
        if (m.method() != null) {
            set.add("method");
        }
        if (!m.queryParams().isEmpty()) {
            set.add("queryParams");
        }
        if (!m.withoutHeaders().isEmpty()) {
            set.add("withoutHeaders");
        }
        if (m.port() != null) {
            set.add("port");
        }
        if (!m.sourceLabels().isEmpty()) {
            set.add("sourceLabels");
        }
        return set.equals(List.of(field));
    }

    private static String op(StringMatch m) {
        return m.exact() != null ? "exact" : m.prefix() != null ? "prefix" : m.regex() != null ? "regex" : "present";
    }

    private static String value(StringMatch m) {
        return m.exact() != null ? m.exact() : m.prefix() != null ? m.prefix() : m.regex() != null ? m.regex() : "";
    }
}
