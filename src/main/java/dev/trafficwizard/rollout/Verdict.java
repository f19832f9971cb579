package dev.trafficwizard.rollout;

/**
 * A gate's judgement of the canary over a step's interval: PASS, FAIL (with the reason), or HOLD
 * when there were too few requests (or no figures at all) to judge: a hold never passes a step.
 */
public record Verdict(Kind kind, String reason) {

    public enum Kind { PASS, FAIL, HOLD }

    public static final Verdict PASS = new Verdict(Kind.PASS, null);

    public static Verdict fail(String reason) {
        return new Verdict(Kind.FAIL, reason);
    }

    public static Verdict hold(String reason) {
        return new Verdict(Kind.HOLD, reason);
    }
}
