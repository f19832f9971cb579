package dev.trafficwizard.web;

import java.util.ArrayList;
import java.util.List;

/**
 * What the routing rules editor posts, as typed: rule {@code i} of {@link RoutingForm#getEditor()}
 * is rule {@code i} of the plan. The last rule is the catch-all (its match blocks are ignored);
 * {@link RoutingForm#isCatchAllOff()} leaves it out. Numbers stay text so a bad one gets a message
 * beside its field.
 */
public final class EditorForm {

    private EditorForm() {
    }

    /** One rule card: match blocks (OR), a weighted split, and the rule's resilience settings. */
    public static class RuleRow {
        private List<Block> match = new ArrayList<>();
        private List<String> version = new ArrayList<>();
        private List<String> weight = new ArrayList<>();
        /** Versions whose weight 0 the live route had (kept, so an unchanged rule stays the same). */
        private String keepZero = "";
        /** The live route's lone destination had a weight (100) rather than none. */
        private boolean explicitLone;
        private boolean open;
        private String mirrorVersion = "";
        private String mirrorPercent;
        private String delayFixed;
        private String delayPercent;
        private String abortStatus;
        private String abortPercent;
        private String timeout;
        private String retryAttempts;
        private String perTryTimeout;
        private List<String> retryOn = new ArrayList<>();
        private String retryOnOther;
        private List<HeaderRow> headerChanges = new ArrayList<>();

        public List<Block> getMatch() { return match; }
        public void setMatch(List<Block> match) { this.match = match; }
        public List<String> getVersion() { return version; }
        public void setVersion(List<String> version) { this.version = version; }
        public List<String> getWeight() { return weight; }
        public void setWeight(List<String> weight) { this.weight = weight; }
        public String getKeepZero() { return keepZero; }
        public void setKeepZero(String keepZero) { this.keepZero = keepZero; }
        public boolean isExplicitLone() { return explicitLone; }
        public void setExplicitLone(boolean explicitLone) { this.explicitLone = explicitLone; }
        /** Whether the resilience part is shown open (kept across re-renders). */
        public boolean isOpen() { return open; }
        public void setOpen(boolean open) { this.open = open; }
        public String getMirrorVersion() { return mirrorVersion; }
        public void setMirrorVersion(String mirrorVersion) { this.mirrorVersion = mirrorVersion; }
        public String getMirrorPercent() { return mirrorPercent; }
        public void setMirrorPercent(String mirrorPercent) { this.mirrorPercent = mirrorPercent; }
        public String getDelayFixed() { return delayFixed; }
        public void setDelayFixed(String delayFixed) { this.delayFixed = delayFixed; }
        public String getDelayPercent() { return delayPercent; }
        public void setDelayPercent(String delayPercent) { this.delayPercent = delayPercent; }
        public String getAbortStatus() { return abortStatus; }
        public void setAbortStatus(String abortStatus) { this.abortStatus = abortStatus; }
        public String getAbortPercent() { return abortPercent; }
        public void setAbortPercent(String abortPercent) { this.abortPercent = abortPercent; }
        public String getTimeout() { return timeout; }
        public void setTimeout(String timeout) { this.timeout = timeout; }
        public String getRetryAttempts() { return retryAttempts; }
        public void setRetryAttempts(String retryAttempts) { this.retryAttempts = retryAttempts; }
        public String getPerTryTimeout() { return perTryTimeout; }
        public void setPerTryTimeout(String perTryTimeout) { this.perTryTimeout = perTryTimeout; }
        public List<String> getRetryOn() { return retryOn; }
        public void setRetryOn(List<String> retryOn) { this.retryOn = retryOn; }
        public String getRetryOnOther() { return retryOnOther; }
        public void setRetryOnOther(String retryOnOther) { this.retryOnOther = retryOnOther; }
        public List<HeaderRow> getHeaderChanges() { return headerChanges; }
        public void setHeaderChanges(List<HeaderRow> headerChanges) { this.headerChanges = headerChanges; }
    }

    /** One match block: its conditions are AND'ed. */
    public static class Block {
        private List<Condition> conds = new ArrayList<>();

        public List<Condition> getConds() { return conds; }
        public void setConds(List<Condition> conds) { this.conds = conds; }
    }

    /**
     * One condition: {@code field} one of uri, header, withoutHeader, query, method, authority, port,
     * sourceLabel; {@code op} exact, prefix, regex or present; {@code name} for headers, query
     * parameters and labels.
     */
    public static class Condition {
        private String field = "header";
        private String op = "exact";
        private String name;
        private String value;

        public Condition() {
        }

        public Condition(String field, String op, String name, String value) {
            this.field = field;
            this.op = op;
            this.name = name;
            this.value = value;
        }

        public String getField() { return field; }
        public void setField(String field) { this.field = field; }
        public String getOp() { return op; }
        public void setOp(String op) { this.op = op; }
        public String getName() { return name; }
        public void setName(String name) { this.name = name; }
        public String getValue() { return value; }
        public void setValue(String value) { this.value = value; }
    }

    /** A header change: {@code target} request or response, {@code op} set, add or remove. */
    public static class HeaderRow {
        private String target = "request";
        private String op = "set";
        private String name;
        private String value;

        public HeaderRow() {
        }

        public HeaderRow(String target, String op, String name, String value) {
            this.target = target;
            this.op = op;
            this.name = name;
            this.value = value;
        }

        public String getTarget() { return target; }
        public void setTarget(String target) { this.target = target; }
        public String getOp() { return op; }
        public void setOp(String op) { this.op = op; }
        public String getName() { return name; }
        public void setName(String name) { this.name = name; }
        public String getValue() { return value; }
        public void setValue(String value) { this.value = value; }
    }
}
