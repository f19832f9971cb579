package dev.trafficwizard.web;

import dev.trafficwizard.routing.FormKind;
import dev.trafficwizard.routing.Diagnostic;
import dev.trafficwizard.routing.DiagnosticCode;
import dev.trafficwizard.routing.GatewayPlan;
import dev.trafficwizard.routing.MatchCondition;
import dev.trafficwizard.routing.RoutingPlan;
import dev.trafficwizard.routing.Rule;
import dev.trafficwizard.routing.StickySession;
import dev.trafficwizard.routing.StringMatch;
import dev.trafficwizard.routing.WeightedDestination;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Turns what a routing form posted into a plan. Rule {@code i} of the plan comes from row
 * {@code i} of the form, and the default version is the last (catch-all) rule, so diagnostics on
 * plan paths land beside the right row. Values that cannot even be read (a weight that is not a
 * number) become diagnostics here.
 */
final class FormPlans {

    static final int MAX_ROWS = 50;
    /** The sticky session section's choices, in the order its select shows them. */
    static final List<String> STICKY_MODES = List.of("none", "header", "cookie", "sourceIp", "query");

    private FormPlans() {
    }

    record Parsed(RoutingPlan plan, List<Diagnostic> problems) {

        /** The validator's diagnostics, minus those about fields that could not even be read. */
        List<Diagnostic> merge(List<Diagnostic> validated) {
            List<Diagnostic> out = new ArrayList<>(problems);
            validated.stream()
                    .filter(d -> problems.stream().noneMatch(p -> p.path().equals(d.path())))
                    .filter(d -> !(d.code().equals("WEIGHT_SUM") && !problems.isEmpty()))
                    .forEach(out::add);
            return out;
        }
    }

    static Parsed toPlan(FormKind kind, RoutingForm form, String namespace, String service) {
        List<Diagnostic> problems = new ArrayList<>();
        choices(kind, form, problems);
        List<Rule> rules = switch (kind) {
            case WEIGHTED -> List.of(new Rule(List.of(), weightedRoute(form, problems)));
            case HEADER -> matchRules(form, FormPlans::headerMatch);
            case URI -> matchRules(form, FormPlans::uriMatches);
            case SUBDOMAIN -> subdomainRules(form);
            case DARK -> List.of(new Rule(List.of(new MatchCondition(null,
                            Map.of(HeaderNames.lower(form.getDarkHeader()),
                                    new StringMatch(blankToEmpty(form.getDarkValue()), null, null)), null, null, null)),
                    List.of(new WeightedDestination(form.getDarkVersion(), null))), defaultRule(form));
            case RULES -> EditorPlans.rules(form, problems);
        };
        GatewayPlan gateway = kind == FormKind.DARK ? null : gateway(kind, form, service, problems);
        // the subdomain and dark release forms have no hosts field: a crafted one is not taken
        List<String> hosts = kind == FormKind.SUBDOMAIN || kind == FormKind.DARK ? List.of() : words(form.getHosts());
        if (kind == FormKind.RULES) {
            // the editor owns the traffic policies; its load balancer section holds the sticky session
            PolicyPlans.Policies policies = PolicyPlans.toPlan(form, problems);
            return new Parsed(new RoutingPlan(namespace, service, hosts, gateway, rules, policies.sticky(),
                    api(form.getApi()), policies.service(), policies.versions()), problems);
        }
        return new Parsed(new RoutingPlan(namespace, service, hosts, gateway, rules, sticky(form, problems),
                api(form.getApi())), problems);
    }

    /** Radio buttons and selects post one of their values; anything else was not chosen in the form. */
    private static void choices(FormKind kind, RoutingForm form, List<Diagnostic> problems) {
        if (kind != FormKind.DARK) {
            choice(form.getExposure(), List.of("mesh", "existing", "new"), "gateway", problems);
        }
        choice(form.getSticky(), STICKY_MODES, "stickySession", problems);
        for (int i = 0; i < Math.min(form.getRules().size(), MAX_ROWS) && !kind.matchOps().isEmpty(); i++) {
            choice(form.getRules().get(i).getOp(), kind.matchOps(), "rules[" + i + "].match", problems);
        }
    }

    private static void choice(String value, List<String> allowed, String path, List<Diagnostic> problems) {
        if (value != null && !allowed.contains(value)) {
            problems.add(Diagnostic.error(DiagnosticCode.UNKNOWN_CHOICE, path, value.length() > 40 ? value.substring(0, 40) + "…"
                    : value, String.join(", ", allowed)));
        }
    }

    private static List<WeightedDestination> weightedRoute(RoutingForm form, List<Diagnostic> problems) {
        List<String> versions = form.getVersion();
        List<String> weights = form.getWeight();
        if (versions.size() != weights.size() || versions.size() > MAX_ROWS) {
            problems.add(Diagnostic.error(DiagnosticCode.INVALID_VALUE, "rules[0].route", "one weight per version"));
        }
        List<WeightedDestination> route = new ArrayList<>();
        int rows = Math.min(Math.min(versions.size(), weights.size()), MAX_ROWS);
        for (int i = 0; i < rows; i++) {
            String text = blankToEmpty(weights.get(i)).trim();
            Integer value = null;
            if (!text.isEmpty()) {
                try {
                    value = AsciiNumbers.parse(text);
                } catch (NumberFormatException e) {
                    String shown = text.length() > 20 ? text.substring(0, 20) + "…" : text;
                    String at = "rules[0].route[" + i + "].weight";
                    problems.add(AsciiNumbers.otherDigits(text) ? Diagnostic.error(DiagnosticCode.NOT_ASCII_NUMBER, at, shown)
                            : Diagnostic.error(DiagnosticCode.WEIGHT_NOT_NUMBER, at, shown));
                }
            }
            route.add(new WeightedDestination(versions.get(i), value));
        }
        return route;
    }

    private interface MatchMaker {
        List<MatchCondition> matches(RoutingForm.MatchRow row);
    }

    private static List<Rule> matchRules(RoutingForm form, MatchMaker maker) {
        List<Rule> rules = new ArrayList<>();
        for (RoutingForm.MatchRow row : form.getRules().stream().limit(MAX_ROWS).toList()) {
            rules.add(new Rule(maker.matches(row), List.of(new WeightedDestination(row.getVersion(), null))));
        }
        rules.add(defaultRule(form));
        return rules;
    }

    private static List<MatchCondition> headerMatch(RoutingForm.MatchRow row) {
        String name = HeaderNames.lower(row.getName());
        return List.of(new MatchCondition(null, Map.of(name, stringMatch(row.getOp(), row.getValue())), null, null,
                null));
    }

    /** One path per line (or comma): entries of one rule are OR'd. */
    private static List<MatchCondition> uriMatches(RoutingForm.MatchRow row) {
        List<String> paths = Arrays.stream(blankToEmpty(row.getValue()).split("[\\n,]"))
                .map(String::trim).filter(p -> !p.isEmpty()).toList();
        if (paths.isEmpty()) {
            return List.of(new MatchCondition(stringMatch(row.getOp(), ""), null, null, null, null));
        }
        return paths.stream().map(p -> new MatchCondition(stringMatch(row.getOp(), p), null, null, null, null))
                .toList();
    }

    private static List<Rule> subdomainRules(RoutingForm form) {
        List<Rule> rules = new ArrayList<>();
        for (RoutingForm.HostRow row : form.getHostRoutes().stream().limit(MAX_ROWS).toList()) {
            String host = blankToEmpty(row.getHost()).trim().toLowerCase();
            rules.add(new Rule(List.of(new MatchCondition(null, null, new StringMatch(host, null, null), null, null)),
                    List.of(new WeightedDestination(row.getVersion(), null))));
        }
        if (form.getDefaultVersion() != null && !form.getDefaultVersion().isBlank()) {
            rules.add(defaultRule(form));
        }
        return rules;
    }

    private static Rule defaultRule(RoutingForm form) {
        return new Rule(List.of(), List.of(new WeightedDestination(form.getDefaultVersion(), null)));
    }

    static StringMatch stringMatch(String op, String value) {
        String v = blankToEmpty(value);
        return switch (op == null ? "exact" : op) {
            case "prefix" -> new StringMatch(null, v, null);
            case "regex" -> new StringMatch(null, null, v);
            case "present" -> new StringMatch(null, null, null);
            default -> new StringMatch(v, null, null);
        };
    }

    private static GatewayPlan gateway(FormKind kind, RoutingForm form, String service, List<Diagnostic> problems) {
        String exposure = kind == FormKind.SUBDOMAIN && "mesh".equals(form.getExposure()) ? "new" : form.getExposure();
        if ("existing".equals(exposure)) {
            return new GatewayPlan(trim(form.getExistingGateway()), false, List.of(), null, form.isIncludeMesh(),
                    null);
        }
        if (!"new".equals(exposure)) {
            return null;
        }
        Integer port = null;
        String portText = blankToEmpty(form.getPort()).trim();
        try {
            port = portText.isEmpty() ? null : AsciiNumbers.parse(portText);
        } catch (NumberFormatException e) {
            problems.add(AsciiNumbers.otherDigits(portText) ? Diagnostic.error(DiagnosticCode.NOT_ASCII_NUMBER, "gateway.port",
                    portText) : Diagnostic.error(DiagnosticCode.NOT_A_NUMBER, "gateway.port", portText));
        }
        List<String> hosts = kind == FormKind.SUBDOMAIN ? subdomainHosts(form.getDomain())
                : words(form.getGatewayHosts());
        String name = form.getGatewayName() == null || form.getGatewayName().isBlank()
                ? service + "-gateway" : form.getGatewayName().trim();
        return new GatewayPlan(name, true, hosts, port, form.isIncludeMesh(),
                port != null && port == 443 ? trim(form.getCredentialName()) : null);
    }

    static List<String> subdomainHosts(String domain) {
        String d = blankToEmpty(domain).trim().toLowerCase();
        return d.isEmpty() ? List.of() : List.of(d, "*." + d);
    }

    private static StickySession sticky(RoutingForm form, List<Diagnostic> problems) {
        String key = switch (form.getSticky() == null ? "none" : form.getSticky()) {
            case "header" -> blank(form.getStickyHeader()) ? "stickySession.httpHeaderName" : null;
            case "cookie" -> blank(form.getCookieName()) ? "stickySession.httpCookie.name" : null;
            case "query" -> blank(form.getStickyQuery()) ? "stickySession.httpQueryParameterName" : null;
            default -> null;
        };
        if (key != null) {
            // the section says which key was chosen; without its name there is nothing to hash on
            problems.add(Diagnostic.error(DiagnosticCode.REQUIRED, key));
        }
        String cookie = form.isKeepVersions() ? trim(form.getVersionCookie()) : null;
        StickySession sticky = switch (form.getSticky() == null ? "none" : form.getSticky()) {
            case "header" -> new StickySession(blank(form.getStickyHeader()) ? null
                    : HeaderNames.lower(form.getStickyHeader()), null, null, null, cookie);
            case "cookie" -> new StickySession(null, new StickySession.HttpCookie(trim(form.getCookieName()),
                    trim(form.getCookiePath()), trim(form.getCookieTtl())), null, null, cookie);
            case "sourceIp" -> new StickySession(null, null, true, null, cookie);
            case "query" -> new StickySession(null, null, null, trim(form.getStickyQuery()), cookie);
            default -> cookie == null ? null : new StickySession(null, null, null, null, cookie);
        };
        return sticky;
    }

    static List<String> words(String text) {
        return Arrays.stream(blankToEmpty(text).split("[\\s,]+")).filter(w -> !w.isEmpty()).toList();
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    private static String trim(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }

    private static String blankToEmpty(String s) {
        return s == null ? "" : s;
    }

    /** The plan's api from the form's choice: none for "auto" (or nothing chosen), else the value as posted. */
    static String api(String choice) {
        return choice == null || choice.isBlank() || choice.equals("auto") ? null : choice;
    }
}
