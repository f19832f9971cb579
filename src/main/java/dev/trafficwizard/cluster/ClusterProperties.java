package dev.trafficwizard.cluster;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.ConstructorBinding;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * How to reach the cluster. {@code mode=auto} tries the in-cluster service account, then the
 * kubeconfig, then starts the embedded demo cluster. {@code impersonation}: whether writes are
 * made as the logged-in user (off by default). {@code listPageSize}: how many objects each informer
 * asks for per list call ({@code limit}/{@code continue}), so no list answer holds a whole large
 * cluster (default 500).
 */
@ConfigurationProperties("traffic-wizard.cluster")
public record ClusterProperties(Mode mode, String kubeconfig, String context, int cacheSyncTimeoutSeconds,
                                int writeVisibleTimeoutMillis, Impersonation impersonation, long listPageSize) {

    public enum Mode { AUTO, IN_CLUSTER, KUBECONFIG, DEMO }

    @ConstructorBinding
    public ClusterProperties {
        mode = mode == null ? Mode.AUTO : mode;
        kubeconfig = kubeconfig == null || kubeconfig.isBlank() ? null : kubeconfig;
        context = context == null || context.isBlank() ? null : context;
        cacheSyncTimeoutSeconds = cacheSyncTimeoutSeconds <= 0 ? 60 : cacheSyncTimeoutSeconds;
        writeVisibleTimeoutMillis = writeVisibleTimeoutMillis <= 0 ? 5000 : writeVisibleTimeoutMillis;
        impersonation = impersonation == null ? Impersonation.OFF : impersonation;
        listPageSize = listPageSize <= 0 ? 500 : listPageSize;
    }

    public ClusterProperties(Mode mode, String kubeconfig, String context, int cacheSyncTimeoutSeconds,
                             int writeVisibleTimeoutMillis, Impersonation impersonation) {
        this(mode, kubeconfig, context, cacheSyncTimeoutSeconds, writeVisibleTimeoutMillis, impersonation, 0);
    }

    public ClusterProperties(Mode mode, String kubeconfig, String context, int cacheSyncTimeoutSeconds,
                             int writeVisibleTimeoutMillis) {
        this(mode, kubeconfig, context, cacheSyncTimeoutSeconds, writeVisibleTimeoutMillis, null);
    }

    /**
     * When {@code enabled}, every write carries {@code Impersonate-User: <logged-in user>} and
     * {@code Impersonate-Group} headers, so the cluster's RBAC decides; reads stay with the
     * dashboard's own account. The groups: {@code traffic-wizard:<role>} for each of the user's roles
     * (unless {@code groupsFromRoles} is false), plus the fixed {@code groups}.
     */
    public record Impersonation(boolean enabled, Boolean groupsFromRoles, List<String> groups) {

        static final Impersonation OFF = new Impersonation(false, null, null);
        static final String ROLE_GROUP_PREFIX = "traffic-wizard:";

        public Impersonation {
            groupsFromRoles = groupsFromRoles == null || groupsFromRoles;
            groups = groups == null ? List.of() : groups.stream().filter(g -> !g.isBlank()).map(String::trim).toList();
        }

        /** The groups sent for a user with these roles (e.g. OPERATOR → traffic-wizard:operator). */
        List<String> groupsFor(List<String> roles) {
            List<String> out = new ArrayList<>();
            if (groupsFromRoles) {
                roles.forEach(r -> out.add(ROLE_GROUP_PREFIX + r.toLowerCase(Locale.ROOT)));
            }
            groups.stream().filter(g -> !out.contains(g)).forEach(out::add);
            return out;
        }
    }
}
