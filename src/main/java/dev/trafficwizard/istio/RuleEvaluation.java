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

    boolean evaluate(List<Reason> notes) {
        for (int i = 0; i < http.size(); i++) {
            HTTPRoute rule = http.get(i);
            List<HTTPMatchRequest> match = rule.getMatch() == null ? List.of() : rule.getMatch();
            if (match.isEmpty()) {
                notes.add(Reason.of("sim.why.rule.catchAll", name(i)));
                ruleIndex = i;
                return true;
            }
            List<Reason> reasons = new ArrayList<>();
            for (int j = 0; j < match.size(); j++) {
                List<Reason> assumptions = new ArrayList<>();
                Reason why = RequestMatcher.mismatch(match.get(j), request, contexts, vsNamespace, assumptions);
                if (why == null) {
                    notes.addAll(assumptions);
                    notes.add(match.size() > 1
                            ? Reason.of("sim.why.rule.fitsEntry", name(i), String.valueOf(j + 1),
                                    RequestMatcher.describe(match.get(j)))
                            : Reason.of("sim.why.rule.fits", name(i), RequestMatcher.describe(match.get(j))));
                    if (contexts.contains("mesh") && match.get(j).getHeaders() != null
                            && !match.get(j).getHeaders().isEmpty()) {
                        notes.add(Reason.of("sim.why.rule.headerInMesh"));
                    }
                    ruleIndex = i;
                    matchIndex = j;
                    return true;
                }
                reasons.add(why);
            }
            notes.add(reasons.size() == 1 ? Reason.of("sim.why.rule.noFit", name(i), reasons.get(0))
                    : Reason.of("sim.why.rule.noFitEntries", name(i), String.valueOf(reasons.size()),
                            Reason.joined("sim.why.semicolon", reasons)));
        }
        return false;
    }

    private Reason name(int i) {
        String n = http.get(i).getName();
        return n == null || n.isBlank() ? Reason.of("sim.why.rule", String.valueOf(i + 1))
                : Reason.of("sim.why.rule.named", String.valueOf(i + 1), n);
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
