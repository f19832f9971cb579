package dev.trafficwizard.routing;

import java.util.Map;

/**
 * One entry of a rule's match list; its fields are AND'ed. Istio's names: {@code withoutHeaders}
 * matches requests lacking a header (or not matching it), {@code port} the port the request was
 * sent to, {@code sourceLabels} the labels of the calling workload (mesh traffic only).
 */
public record MatchCondition(
        StringMatch uri,
        Map<String, StringMatch> headers,
        StringMatch authority,
        StringMatch method,
        Map<String, StringMatch> queryParams,
        Map<String, StringMatch> withoutHeaders,
        Integer port,
        Map<String, String> sourceLabels) {

    public MatchCondition {
        headers = Copies.map(headers);
        queryParams = Copies.map(queryParams);
        withoutHeaders = Copies.map(withoutHeaders);
        sourceLabels = Copies.map(sourceLabels);
    }

    /** A match on the request alone: URI, headers, authority, method and query parameters. */
    public MatchCondition(StringMatch uri, Map<String, StringMatch> headers, StringMatch authority,
                          StringMatch method, Map<String, StringMatch> queryParams) {
        this(uri, headers, authority, method, queryParams, null, null, null);
    }
}
