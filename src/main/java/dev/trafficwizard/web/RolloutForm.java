package dev.trafficwizard.web;

import java.util.ArrayList;
import java.util.List;

/**
 * What the service page's "Start a rollout" form posts, as typed (numbers stay text so a bad one
 * gets a message beside its field): stable and canary version, an optional first step that sends
 * only requests with a header ({@code first = "header"}) or mirrors a percentage
 * ({@code first = "mirror"}) to the canary, then weight steps, each with a pause of a duration or
 * "until promoted", and the metric gates. Read into a rollout by {@link RolloutForms}.
 */
public class RolloutForm {

    private String stable = "";
    private String canary = "";
    private String first = "none";
    private String headerName = "";
    private String headerValue = "";
    private String mirror = "";
    private String firstPause = "";
    private boolean firstUntilPromoted = true;
    private List<StepRow> steps = new ArrayList<>();
    private String minSuccessRate = "";
    private String maxP99 = "";
    private String minRequests = "";
    private String interval = "";
    private String failureLimit = "";

    /** One weight step: the canary's share, then a pause (a duration) or until promoted. */
    public static class StepRow {
        private String weight = "";
        private String pause = "";
        private boolean untilPromoted;

        public StepRow() {
        }

        StepRow(String weight, String pause, boolean untilPromoted) {
            this.weight = weight;
            this.pause = pause;
            this.untilPromoted = untilPromoted;
        }

        public String getWeight() { return weight; }
        public void setWeight(String weight) { this.weight = weight; }
        public String getPause() { return pause; }
        public void setPause(String pause) { this.pause = pause; }
        public boolean isUntilPromoted() { return untilPromoted; }
        public void setUntilPromoted(boolean untilPromoted) { this.untilPromoted = untilPromoted; }
    }

    /** Whether the rollout begins with a header or mirror step (it is then step 1). */
    public boolean hasFirst() {
        return "header".equals(first) || "mirror".equals(first);
    }

    /** The index in the rollout's steps of weight row {@code row}. */
    public int stepIndex(int row) {
        return row + (hasFirst() ? 1 : 0);
    }

    public String getStable() { return stable; }
    public void setStable(String stable) { this.stable = stable; }
    public String getCanary() { return canary; }
    public void setCanary(String canary) { this.canary = canary; }
    public String getFirst() { return first; }
    public void setFirst(String first) { this.first = first; }
    public String getHeaderName() { return headerName; }
    public void setHeaderName(String headerName) { this.headerName = headerName; }
    public String getHeaderValue() { return headerValue; }
    public void setHeaderValue(String headerValue) { this.headerValue = headerValue; }
    public String getMirror() { return mirror; }
    public void setMirror(String mirror) { this.mirror = mirror; }
    public String getFirstPause() { return firstPause; }
    public void setFirstPause(String firstPause) { this.firstPause = firstPause; }
    public boolean isFirstUntilPromoted() { return firstUntilPromoted; }
    public void setFirstUntilPromoted(boolean firstUntilPromoted) { this.firstUntilPromoted = firstUntilPromoted; }
    public List<StepRow> getSteps() { return steps; }
    public void setSteps(List<StepRow> steps) { this.steps = steps; }
    public String getMinSuccessRate() { return minSuccessRate; }
    public void setMinSuccessRate(String minSuccessRate) { this.minSuccessRate = minSuccessRate; }
    public String getMaxP99() { return maxP99; }
    public void setMaxP99(String maxP99) { this.maxP99 = maxP99; }
    public String getMinRequests() { return minRequests; }
    public void setMinRequests(String minRequests) { this.minRequests = minRequests; }
    public String getInterval() { return interval; }
    public void setInterval(String interval) { this.interval = interval; }
    public String getFailureLimit() { return failureLimit; }
    public void setFailureLimit(String failureLimit) { this.failureLimit = failureLimit; }
}
