package dev.trafficwizard.web;

import java.util.List;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The sentences the step machine and the gates write into a rollout's reasons (in English, as the
 * API shows them), read back into message keys and arguments so the page can say them in the
 * reader's language: a gate's verdict ("success rate 70 % below 95 %"), an abort by a gate, a
 * step's description ("weight 10 %, until promoted"). What they do not know stays as written.
 */
final class RolloutReasons {

    /** A message key and its arguments. */
    record Message(String key, Object... args) {
    }

    private static final Pattern GATE = Pattern.compile("gate: (.+?)(?: \\((\\d+) failed judgements\\))?");
    private static final Pattern STEP = Pattern.compile("(.+), (until promoted|pause (\\S+))");
    private static final List<Rule> VERDICTS = List.of(
            new Rule("no metrics for the canary", m -> new Message("rollout.verdict.noMetrics")),
            new Rule("no latency figures for the canary", m -> new Message("rollout.verdict.noLatency")),
            new Rule("(\\d+) requests to the canary, (\\d+) needed to judge",
                    m -> new Message("rollout.verdict.fewRequests", m.group(1), m.group(2))),
            new Rule("success rate (.+) below (.+)", m -> new Message("rollout.verdict.success", m.group(1), m.group(2))),
            new Rule("p99 latency (\\S+) ms above (\\S+) ms", m -> new Message("rollout.verdict.p99", m.group(1), m.group(2))));
    private static final List<Rule> TARGETS = List.of(
            new Rule("weight (\\d+) %", m -> new Message("rollout.stepWeight", m.group(1))),
            new Rule("mirror (\\S+) %", m -> new Message("rollout.stepMirror", m.group(1))),
            new Rule("header ([^:]+): (.*)", m -> new Message("rollout.stepHeader", m.group(1), m.group(2))));

    private record Rule(Pattern pattern, Function<Matcher, Message> message) {
        Rule(String regex, Function<Matcher, Message> message) {
            this(Pattern.compile(regex), message);
        }
    }

    private RolloutReasons() {
    }

    /** The reason in the reader's words ({@code say} resolves a message), or null when it is not one of these. */
    static String read(String reason, Function<Message, String> say) {
        Matcher gate = GATE.matcher(reason);
        if (gate.matches()) {
            String verdict = verdict(gate.group(1), say);
            if (verdict == null) {
                return null;
            }
            return gate.group(2) == null ? say.apply(new Message("rollout.reason.gate", verdict))
                    : say.apply(new Message("rollout.reason.gateCount", verdict, gate.group(2)));
        }
        String verdict = verdict(reason, say);
        if (verdict != null) {
            return verdict;
        }
        Matcher step = STEP.matcher(reason);
        if (step.matches()) {
            String target = first(TARGETS, step.group(1), say);
            if (target != null) {
                String pause = step.group(3) == null ? say.apply(new Message("rollout.untilPromoted"))
                        : say.apply(new Message("rollout.describe.pause", step.group(3)));
                return say.apply(new Message("rollout.describe", target, pause));
            }
        }
        return null;
    }

    private static String verdict(String text, Function<Message, String> say) {
        return first(VERDICTS, text, say);
    }

    private static String first(List<Rule> rules, String text, Function<Message, String> say) {
        for (Rule rule : rules) {
            Matcher m = rule.pattern().matcher(text);
            if (m.matches()) {
                return say.apply(rule.message().apply(m));
            }
        }
        return null;
    }
}
