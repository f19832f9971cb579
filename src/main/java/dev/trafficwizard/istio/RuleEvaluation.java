package dev.trafficwizard.istio;

import io.fabric8.istio.api.api.networking.v1alpha3.HTTPMatchRequest;
import io.fabric8.istio.api.api.networking.v1alpha3.HTTPRoute;
import io.fabric8.istio.api.networking.v1.VirtualService;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** The first rule of a VirtualService whose match fits; also explains the rules that do not fit. */
final class RuleEvaluation {

    private final SimulatedRequest request;
    private final List<HTTPRoute> http;
    private final String vsNamespace;
    private final Set<String> contexts;
    private int ruleIndex = -1;
    private int matchIndex = -1;

    RuleEvaluation(SimulatedRequest request, VirtualService vs, String vsNamespace, Set<String> contexts) {
        this.request = request;
        this.http = vs.getSpec().getHttp() == null ? List.of() : vs.getSpec().getHttp();
        this.vsNamespace = vsNamespace;
        this.contexts = contexts;
    }

    boolean evaluate(List<String> notes) {
        for (int i = 0; i < http.size(); i++) {
            HTTPRoute rule = http.get(i);
            List<HTTPMatchRequest> match = rule.getMatch() == null ? List.of() : rule.getMatch();
            if (match.isEmpty()) {
                notes.add(name(i) + " has no match conditions, so it takes every request that reaches it.");
                ruleIndex = i;
                return true;
            }
            List<String> reasons = new ArrayList<>();
            for (int j = 0; j < match.size(); j++) {
                List<String> assumptions = new ArrayList<>();
                String why = RequestMatcher.mismatch(match.get(j), request, contexts, vsNamespace, assumptions);
                if (why == null) {
                    notes.addAll(assumptions);
                    notes.add(name(i) + " fits" + (match.size() > 1 ? " through its match entry " + (j + 1) : "")
                            + ": " + RequestMatcher.describe(match.get(j)) + ".");
                    if (contexts.contains("mesh") && match.get(j).getHeaders() != null
                            && !match.get(j).getHeaders().isEmpty()) {
                        notes.add("Inside the mesh a header only arrives if the calling service sends it: sidecars"
                                + " do not copy headers from incoming to outgoing calls, so every service on the"
                                + " path must pass it on.");
                    }
                    ruleIndex = i;
                    matchIndex = j;
                    return true;
                }
                reasons.add(why);
            }
            notes.add(name(i) + " does not fit: " + (reasons.size() == 1 ? reasons.get(0)
                    : "none of its " + reasons.size() + " match entries fits (" + String.join("; ", reasons) + ")")
                    + ".");
        }
        return false;
    }

    private String name(int i) {
        String n = http.get(i).getName();
        return "Rule " + (i + 1) + (n == null || n.isBlank() ? "" : " (\"" + n + "\")");
    }

    int httpRuleCount() {
        return http.size();
    }

    HTTPRoute winner() {
        return http.get(ruleIndex);
    }

    int ruleIndex() {
        return ruleIndex;
    }

    int matchIndex() {
        return matchIndex;
    }
}
