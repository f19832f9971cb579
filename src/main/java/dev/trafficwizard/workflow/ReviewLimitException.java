package dev.trafficwizard.workflow;

/**
 * Sharing refused because a cap on open (unexpired) review links is reached: {@code scope} says
 * which ("namespace": the namespace holds {@code limit} already; "user": this user has shared
 * {@code limit}), {@code subject} the namespace or user. Nothing was stored.
 */
public class ReviewLimitException extends RuntimeException {

    private final String scope;
    private final String subject;
    private final int limit;

    ReviewLimitException(String scope, String subject, int limit) {
        super("at most " + limit + " open review links per " + scope + " (" + subject + ")");
        this.scope = scope;
        this.subject = subject;
        this.limit = limit;
    }

    public String scope() {
        return scope;
    }

    public String subject() {
        return subject;
    }

    public int limit() {
        return limit;
    }
}
