package dev.trafficwizard.cluster;

import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TrimmingStoreTest {

    private final TrimmingStore<Service> store = new TrimmingStore<>(Trim::service);

    @Test
    void keepsObjectsByNamespaceThenNameWhateverTheCharactersAfterTheNamespace() {
        put("team-1", "b");
        put("team-1-x", "a");
        put("team-1", "a");
        put("team-10", "a");
        put("default", "z");

        assertThat(store.values().map(s -> s.getMetadata().getNamespace() + "/" + s.getMetadata().getName()))
                .containsExactly("default/z", "team-1/a", "team-1/b", "team-1-x/a", "team-10/a");
        assertThat(store.size()).isEqualTo(5);
        assertThat(store.get("team-1/b").getMetadata().getName()).isEqualTo("b");
    }

    @Test
    void namespacesFollowObjectsComingAndGoing() {
        put("team-1", "a");
        put("team-1", "b");
        put("team-2", "a");
        assertThat(store.namespaces()).containsExactly("team-1", "team-2");

        store.remove("team-1/a");
        assertThat(store.namespaces()).containsExactly("team-1", "team-2");
        store.remove("team-1/b");
        assertThat(store.namespaces()).containsExactly("team-2");
        put("default", "a");
        put("team-2", "a");
        assertThat(store.namespaces()).containsExactly("default", "team-2");
        assertThat(store.size()).isEqualTo(2);
    }

    @Test
    void trimsWhatItStores() {
        Service service = new ServiceBuilder().withMetadata(new ObjectMetaBuilder().withNamespace("ns").withName("a")
                .addNewManagedField().withManager("kubectl").endManagedField().build()).withNewStatus().endStatus()
                .build();
        store.put(store.getKey(service), service);

        assertThat(store.get("ns/a").getMetadata().getManagedFields()).isNullOrEmpty();
        assertThat(store.get("ns/a").getStatus()).isNull();
    }

    private void put(String namespace, String name) {
        Service service = new ServiceBuilder().withNewMetadata().withNamespace(namespace).withName(name).endMetadata()
                .build();
        store.put(store.getKey(service), service);
    }
}
