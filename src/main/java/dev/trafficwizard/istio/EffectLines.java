package dev.trafficwizard.istio;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A rule's {@link RuleEffects} in sentences for the simulator's answer (message keys {@code sim.effect.*}):
 * faults first, as the proxy applies them before routing, then mirrors, then timeout and retries.
 */
final class EffectLines {

    private EffectLines() {
    }

    /** @param answersItself the rule redirects, answers directly or delegates: it forwards nothing itself */
    static List<Reason> of(RuleEffects effects, boolean answersItself) {
        List<Reason> out = new ArrayList<>();
        RuleEffects.Fault fault = effects.fault();
        if (fault != null && fault.delay() != null) {
            out.add(Reason.of("sim.effect.delay", RuleEffects.percent(fault.delay().percent()), fault.delay().fixed()));
        }
        if (fault != null && fault.abort() != null) {
            out.add(Reason.of("sim.effect.abort", RuleEffects.percent(fault.abort().percent()), fault.abort().status()));
        }
        for (RuleEffects.Mirror m : effects.mirrors()) {
            String percent = RuleEffects.percent(m.percent());
            out.add(m.subsetMissing() ? Reason.of("sim.effect.mirror.missing", percent, m.subset())
                    : m.version() != null ? Reason.of("sim.effect.mirror", percent, m.version())
                    : Reason.of("sim.effect.mirror.host", percent, m.label()));
        }
        if (fault != null && fault.abort() != null && !effects.mirrors().isEmpty()) {
            out.add(Reason.of("sim.effect.mirror.notAborted"));
        }
        if (answersItself) {
            return out;
        }
        if (effects.timeout() != null) {
            out.add(Reason.of("sim.effect.timeout", effects.timeout()));
        }
        RuleEffects.Retries r = effects.retries();
        if (r != null) {
            String on = r.retryOn() == null ? RuleEffects.Retries.DEFAULT_RETRY_ON : r.retryOn();
            on = String.join(", ", Arrays.stream(on.split(",")).map(String::trim).filter(x -> !x.isEmpty()).toList());
            if (r.attempts() == 0) {
                out.add(Reason.of("sim.effect.retries.off"));
            } else if (r.perTryTimeout() != null) {
                out.add(Reason.of("sim.effect.retries", r.attempts(), r.perTryTimeout(), on));
            } else {
                out.add(Reason.of("sim.effect.retries.noPerTry", r.attempts(), on));
            }
        } else if (effects.any()) {
            out.add(Reason.of("sim.effect.retries.default"));
        }
        return out;
    }
}
