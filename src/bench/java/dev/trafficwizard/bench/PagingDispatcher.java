package dev.trafficwizard.bench;

import dev.trafficwizard.cluster.DemoTokenReviews;
import io.fabric8.mockwebserver.crud.AttributeSet;
import io.fabric8.mockwebserver.http.MockResponse;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The benchmark's API server: the demo's CRUD store, plus list pages ({@code limit} and
 * {@code continue}), which fabric8's CRUD mock ignores (it answers every list in one piece).
 * <p>
 * Like the API server reading etcd, the first page of a list fixes a snapshot (here: the matching
 * objects' JSON, which the store keeps as strings anyway) and a resourceVersion; each
 * {@code continue} token names the snapshot and the offset of the next page, and the last page
 * has none. A snapshot is dropped once its last page is served. Watches, single objects and lists
 * without {@code limit} are the CRUD mock's own.
 */
final class PagingDispatcher extends DemoTokenReviews {

    private record Snapshot(List<String> items, String resourceVersion) {
    }

    private final Map<String, Snapshot> snapshots = new ConcurrentHashMap<>();
    private final AtomicLong ids = new AtomicLong();
    /** List pages served (a figure for the benchmark: the dashboard's informers did ask in pages). */
    final AtomicLong pages = new AtomicLong();

    @Override
    public MockResponse handleGet(String path) {
        int q = path.indexOf('?');
        if (q < 0 || path.contains("watch=true")) {
            return super.handleGet(path);
        }
        String limit = null;
        String token = null;
        StringBuilder rest = new StringBuilder();
        for (String param : path.substring(q + 1).split("&")) {
            if (param.startsWith("limit=")) {
                limit = param.substring("limit=".length());
            } else if (param.startsWith("continue=")) {
                token = java.net.URLDecoder.decode(param.substring("continue=".length()),
                        java.nio.charset.StandardCharsets.UTF_8);
            } else if (!param.isEmpty()) {
                rest.append(rest.isEmpty() ? "?" : "&").append(param);
            }
        }
        if (limit == null) {
            return super.handleGet(path);
        }
        String base = path.substring(0, q) + rest;
        AttributeSet query = getAttributeExtractor().fromPath(base);
        if (query.containsKey("name")) {
            return super.handleGet(path);
        }
        int size = Integer.parseInt(limit);
        String id;
        int offset;
        if (token == null) {
            List<String> items = new ArrayList<>();
            for (Map.Entry<AttributeSet, String> entry : new ArrayList<>(map.entrySet())) {
                if (entry.getKey().matches(query)) {
                    items.add(entry.getValue());
                }
            }
            id = String.valueOf(ids.incrementAndGet());
            snapshots.put(id, new Snapshot(items, String.valueOf(requestResourceVersion())));
            offset = 0;
        } else {
            int colon = token.indexOf(':');
            id = token.substring(0, colon);
            offset = Integer.parseInt(token.substring(colon + 1));
        }
        Snapshot snapshot = snapshots.get(id);
        if (snapshot == null) {
            // as the API server when a continue token has expired
            return new MockResponse().setResponseCode(410).setBody("{\"kind\":\"Status\",\"apiVersion\":\"v1\","
                    + "\"status\":\"Failure\",\"reason\":\"Expired\",\"code\":410}");
        }
        int end = Math.min(snapshot.items().size(), offset + size);
        String next = end < snapshot.items().size() ? id + ":" + end : null;
        if (next == null) {
            snapshots.remove(id);
        }
        pages.incrementAndGet();
        StringBuilder body = new StringBuilder("{\"apiVersion\":\"v1\",\"kind\":\"List\",\"items\":[");
        for (int i = offset; i < end; i++) {
            body.append(i > offset ? "," : "").append(snapshot.items().get(i));
        }
        body.append("],\"metadata\":{\"resourceVersion\":\"").append(snapshot.resourceVersion()).append('"');
        if (next != null) {
            body.append(",\"continue\":\"").append(next).append('"');
        }
        return new MockResponse().setResponseCode(200).setHeader("Content-Type", "application/json")
                .setBody(body.append("}}").toString());
    }
}
