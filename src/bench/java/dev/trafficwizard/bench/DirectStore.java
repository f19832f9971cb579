package dev.trafficwizard.bench;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.server.mock.KubernetesAttributesExtractor;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.fabric8.mockwebserver.crud.Attribute;
import io.fabric8.mockwebserver.crud.AttributeSet;

import java.time.Instant;
import java.util.UUID;

/**
 * Puts objects straight into the CRUD mock server's store, without an HTTP request each.
 * <p>
 * Why: the mock's create (POST) first looks the new object up by scanning every stored object, so
 * creating n objects over HTTP costs O(n²) (2,000 services took 52 s; 10,000 did not finish in 8
 * minutes). Here each object gets what the mock's POST handler would give it (uid, creation time,
 * a resourceVersion from the server's counter, generation 1) and goes in through the dispatcher's
 * own {@code processEvent}, keyed by the same attributes a POST to {@code collectionPath} would
 * get. Use it before any client watches: watchers are only told about changes when they exist.
 * Everything after seeding (the dashboard's list + watch informers, the direct-list baseline)
 * talks to the server over HTTP as usual.
 */
final class DirectStore {

    private final KubernetesCrudDispatcher dispatcher;

    DirectStore(KubernetesCrudDispatcher dispatcher) {
        this.dispatcher = dispatcher;
    }

    /**
     * @param collectionPath where a POST would go, e.g. {@code /api/v1/namespaces/team-0/services}
     * @return the length of the object's JSON as stored (characters)
     */
    int put(String collectionPath, HasMetadata object) {
        var metadata = object.getMetadata();
        metadata.setUid(UUID.randomUUID().toString());
        metadata.setCreationTimestamp(Instant.now().toString());
        metadata.setResourceVersion(String.valueOf(dispatcher.requestResourceVersion()));
        metadata.setGeneration(1L);
        String json = Serialization.asJson(object);
        GenericKubernetesResource generic = Serialization.unmarshal(json, GenericKubernetesResource.class);
        AttributeSet key = dispatcher.getKey(collectionPath)
                .add(new Attribute(KubernetesAttributesExtractor.NAME, metadata.getName()));
        dispatcher.processEvent(collectionPath, key, null, generic, json);
        return json.length();
    }
}
