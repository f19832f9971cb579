package dev.trafficwizard.istio;

import dev.trafficwizard.istio.Resolution.FixedResponse;
import dev.trafficwizard.istio.Resolution.Share;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One way into a service, as the {@link RoutingModel} resolves it: the mesh (sidecars calling the
 * service's host) or a Gateway × host. Either a VirtualService decides, with its rules in order,
 * or (only in the mesh) no VirtualService applies and Kubernetes spreads requests round robin.
 *
 * @param gateway        {@code ns/name} of the Gateway; null for the mesh
 * @param host           the host as the entry point serves it (the service FQDN for the mesh)
 * @param virtualService {@code ns/name} of the VirtualService that decides; null for round robin
 * @param ambiguous      several VirtualServices claim this host equally; the first by namespace/name decides
 * @param rules          the rules that can take requests here, in order
 * @param roundRobin     without a VirtualService: the shares of plain Kubernetes load balancing
 */
public record EntryPoint(String gateway, String host, String virtualService, boolean ambiguous, List<Rule> rules,
                         List<Share> roundRobin) {

    public EntryPoint {
        rules = List.copyOf(rules);
        roundRobin = List.copyOf(roundRobin);
    }

    public boolean mesh() {
        return gateway == null;
    }

    /** No VirtualService applies: Kubernetes round robin over ready pods. */
    public boolean noVirtualService() {
        return virtualService == null;
    }

    /** The rules with match conditions, before the first catch-all. */
    public List<Rule> matchingRules() {
        return rules.stream().takeWhile(r -> !r.catchAll()).toList();
    }

    /**
     * Where requests that fit no match condition go: the first catch-all rule, round robin without a
     * VirtualService; empty when such requests get 404 (no catch-all rule).
     */
    public List<Share> otherwise() {
        if (noVirtualService()) {
            return roundRobin;
        }
        return rules.stream().filter(Rule::catchAll).findFirst().map(Rule::shares).orElse(List.of());
    }

    /** The index of the rule that takes requests fitting no match (the first catch-all); -1 if none. */
    public int otherwiseRule() {
        return rules.stream().filter(Rule::catchAll).mapToInt(Rule::index).findFirst().orElse(-1);
    }

    /** Whether requests that fit no rule get a 404 here. */
    public boolean otherwiseNotFound() {
        return !noVirtualService() && rules.stream().noneMatch(Rule::catchAll);
    }

    /**
     * Every mirror of the rules here that can take requests, with the share of this entry point's
     * requests it receives where that is known: a mirror of the first rule when it takes every
     * request (a catch-all) gets its percent of all requests less the aborted ones; a mirror of a rule
     * with match conditions gets an unknown share ({@code entryPercent} NaN) of the entry point's
     * requests, its percent is of the requests that rule forwards.
     */
    public List<MirrorShare> mirrors() {
        java.util.List<MirrorShare> out = new java.util.ArrayList<>();
        for (Rule r : rules) {
            if (r.shadowed()) {
                continue;
            }
            boolean all = r.catchAll() && r == rules.get(0);
            for (RuleEffects.Mirror m : r.mirrors()) {
                double forwarded = 100 - r.abortedPercent();
                out.add(new MirrorShare(r.index(), m, all ? m.percent() * forwarded / 100 : Double.NaN));
            }
        }
        return out;
    }

    /** A mirror of rule {@code ruleIndex}, and its share of all requests at this entry point (NaN if unknown). */
    public record MirrorShare(int ruleIndex, RuleEffects.Mirror mirror, double entryPercent) {
    }

    /** Whether any rule here sends requests to {@code host}. */
    public boolean reaches(String host) {
        return noVirtualService() ? !roundRobin.isEmpty()
                : rules.stream().anyMatch(r -> r.shares().stream().anyMatch(s -> host.equals(s.host()) && s.percent() > 0));
    }

    /** Where requests fitting no rule go, as {@code v1 90 %, v2 10 %}; empty when they get a 404. */
    public String otherwiseLabel() {
        return label(otherwise());
    }

    /** Shares as a person reads them: {@code v1 90 %, v2 10 %} (versions, else hosts or 503). */
    public static String label(List<Share> shares) {
        return String.join(", ", byDestination(shares).entrySet().stream()
                .map(e -> e.getKey() + " " + e.getValue() + " %").toList());
    }

    /** A label a person reads: {@code mesh} or {@code host via ns/gateway}. */
    public String label() {
        return mesh() ? "mesh · " + host : host + " via " + gateway;
    }

    /** A stable key: {@code mesh|host} or {@code ns/gateway|host}. */
    public String key() {
        return (mesh() ? "mesh" : gateway) + "|" + host;
    }

    /**
     * One HTTP rule as it applies at this entry point.
     *
     * @param index     0-based position in the VirtualService's {@code http} list
     * @param name      the rule's name, if any
     * @param matches   the match entries in words (OR'd); empty for a catch-all
     * @param shares    where the rule sends requests (empty for fixed responses and delegation)
     * @param fixed     the answer when the rule responds by itself (redirect, direct response)
     * @param delegated the rule delegates to another VirtualService (not followed)
     * @param shadowed  an earlier catch-all takes every request first: this rule never applies
     * @param notes     how the weights and subsets were read, as reasons (message keys and arguments)
     * @param effects   mirrors, faults, timeout and retries of the rule ({@link RuleEffects#NONE} if none): the
     *                  shares above are those of the forwarded requests and do not include mirrors
     */
    public record Rule(int index, String name, List<String> matches, List<Share> shares, FixedResponse fixed,
                       boolean delegated, boolean shadowed, List<Reason> notes, RuleEffects effects) {

        public Rule {
            matches = List.copyOf(matches);
            shares = List.copyOf(shares);
            notes = List.copyOf(notes);
            effects = effects == null ? RuleEffects.NONE : effects;
        }

        public Rule(int index, String name, List<String> matches, List<Share> shares, FixedResponse fixed,
                    boolean delegated, boolean shadowed, List<Reason> notes) {
            this(index, name, matches, shares, fixed, delegated, shadowed, notes, RuleEffects.NONE);
        }

        /** The mirror targets of the rule; each percent is of the requests the rule forwards. */
        public List<RuleEffects.Mirror> mirrors() {
            return effects.mirrors();
        }

        /** The share of the rule's requests the proxy answers itself (fault abort), reaching no version; 0 if none. */
        public double abortedPercent() {
            return effects.fault() == null ? 0 : effects.fault().abortedPercent();
        }

        /** The share of the rule's requests delayed on purpose (fault delay); 0 if none. */
        public double delayedPercent() {
            return effects.fault() == null ? 0 : effects.fault().delayedPercent();
        }

        public boolean catchAll() {
            return matches.isEmpty();
        }

        /** The match entries as one line, OR'd. */
        public String matchLabel() {
            return String.join("  ∨  ", matches);
        }

        /** Where the rule sends requests, e.g. {@code v2 100 %}; the status for a fixed response. */
        public String sharesLabel() {
            if (fixed != null) {
                return fixed.status() + (fixed.detail().isEmpty() ? "" : " " + fixed.detail());
            }
            return delegated ? "delegate" : EntryPoint.label(shares);
        }

        /** Percent per version (shares of the same version added up); shares without a version by host. */
        public Map<String, Integer> percentByDestination() {
            return byDestination(shares);
        }
    }

    /** Percent per version, or per host (or {@code 503 subset}) where the share has no version. */
    public static Map<String, Integer> byDestination(List<Share> shares) {
        Map<String, Integer> out = new LinkedHashMap<>();
        for (Share s : shares) {
            String key = s.subsetMissing() ? "503 (" + s.subset() + ")" : s.version() != null ? s.version() : s.host();
            out.merge(key, s.percent(), Integer::sum);
        }
        return out;
    }
}
