package dev.trafficwizard.routing;

import java.util.Map;

/** One entry of a rule's match list; its fields are AND'ed. */
public record MatchCondition(
        StringMatch uri,
        Map<String, StringMatch> headers,
        StringMatch authority,
        StringMatch method,
        Map<String, StringMatch> queryParams) {

    public MatchCondition {
        headers = Copies.map(headers);
        queryParams = Copies.map(queryParams);
    }
}
