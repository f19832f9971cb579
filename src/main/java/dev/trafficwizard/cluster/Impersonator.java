package dev.trafficwizard.cluster;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.RequestConfig;
import io.fabric8.kubernetes.client.RequestConfigBuilder;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

import java.util.Optional;

/**
 * The client a write goes through. Impersonation off (the default): the dashboard's own client,
 * nothing else. On: per write, a client derived from it with fabric8's
 * {@code newClient(RequestConfig)}, whose every request carries {@code Impersonate-User} and
 * {@code Impersonate-Group} for the current {@link Requester}, so the cluster's RBAC decides.
 * Reads (informers) always use the dashboard's own client.
 *
 * <p>The derived client shares the base client's HTTP client and owns nothing else: it is not
 * closed (closing it would close the shared HTTP client), only dropped.
 */
@Component
class Impersonator {

    private final KubernetesClient client;
    private final ClusterProperties.Impersonation settings;
    private final Requester requester;

    @Autowired
    Impersonator(KubernetesClient client, ClusterProperties properties, ObjectProvider<Requester> requester) {
        this(client, properties, () -> Optional.ofNullable(requester.getIfAvailable()).flatMap(Requester::current));
    }

    Impersonator(KubernetesClient client, ClusterProperties properties, Requester requester) {
        this.client = client;
        this.settings = properties.impersonation();
        this.requester = requester;
    }

    /** Never impersonates: every write goes as the dashboard's own account. */
    static Impersonator none(KubernetesClient client) {
        return new Impersonator(client, new ClusterProperties(null, null, null, 0, 0), Optional::empty);
    }

    /** The dashboard's own client, for reads and for its own housekeeping. */
    KubernetesClient own() {
        return client;
    }

    /** The client for the writes of the current user action, and the user they are made as (null: none). */
    Writer writer() {
        if (!settings.enabled()) {
            return new Writer(client, null);
        }
        Requester.User user = requester.current().filter(u -> u.name() != null && !u.name().isBlank())
                .orElseThrow(() -> new IllegalStateException("Impersonation is on but no user is logged in: "
                        + "refusing to write as the dashboard's own account"));
        RequestConfig config = new RequestConfigBuilder(client.getConfiguration().getRequestConfig())
                .withImpersonateUsername(user.name())
                .withImpersonateGroups(settings.groupsFor(user.roles()).toArray(String[]::new))
                .build();
        return new Writer(client.newClient(config).adapt(KubernetesClient.class), user.name());
    }

    /** A client for writes, and the user it impersonates (null when it does not). */
    record Writer(KubernetesClient client, String user) {

        /**
         * The reason a write failed, in the user's terms when the cluster's RBAC refused the
         * impersonated user (403 not coming from an admission webhook, which also answers 403).
         */
        String explain(int status, String reason) {
            if (user == null || status != 403 || reason != null && reason.contains("admission webhook")) {
                return reason;
            }
            return "the cluster refused this for user " + user + " (RBAC): " + reason;
        }
    }
}
