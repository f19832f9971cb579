package dev.trafficwizard;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;
import com.marcnuri.helm.TemplateCommand;
import dev.trafficwizard.cluster.ClusterProperties;
import dev.trafficwizard.security.Role;
import dev.trafficwizard.security.SecurityProperties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.boot.security.oauth2.client.autoconfigure.OAuth2ClientProperties;
import org.springframework.core.env.MutablePropertySources;
import org.springframework.core.env.PropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import org.springframework.core.io.ByteArrayResource;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The Helm chart in helm/traffic-wizard, rendered by real Helm (helm-java): lint, least-privilege
 * RBAC in every variant, the pod's security settings and probes, secrets only in Secrets, and the
 * rendered configuration bound by Spring exactly as the application would bind it.
 */
class HelmChartTest {

    static final Path CHART = Path.of("helm/traffic-wizard");
    static final String RELEASE = "tw";
    static final String NAMESPACE = "wizard";
    static final String FULLNAME = "tw-traffic-wizard";
    static final String HASH = "$2a$10$SECRETHASH";
    static final String CLIENT_SECRET = "oidc-client-SECRET-value-42";

    static final Map<String, String> ALICE = Map.of(
            "users[0].name", "alice",
            "users[0].password", HASH,
            "users[0].roles[0]", "OPERATOR",
            "users[0].roles[1]", "VIEWER",
            "users[0].namespaces[0]", "shop",
            "users[0].namespaces[1]", "payments");
    static final Map<String, String> OIDC = Map.of(
            "oidc.enabled", "true",
            "oidc.issuerUri", "https://idp.example.com/realms/platform",
            "oidc.clientId", "traffic-wizard",
            "oidc.clientSecret", CLIENT_SECRET,
            "oidc.roleMapping.platform-admins", "ADMIN",
            "oidc.roleMapping.release-managers", "OPERATOR");
    static final Map<String, String> WATCH = Map.of("watchNamespaces[0]", "shop", "watchNamespaces[1]", "payments");
    static final Map<String, String> IMPERSONATION = Map.of("impersonation.enabled", "true");

    static final List<String> READ = List.of("get", "list", "watch");
    static final List<String> READ_WRITE = List.of("get", "list", "watch", "create", "update", "delete");
    /** What Traffic Wizard may do inside a namespace: "apiGroup/resource" → verbs. */
    static final Map<String, List<String>> NAMESPACED = Map.of(
            "/services", READ_WRITE,
            "apps/deployments", READ,
            "networking.istio.io/virtualservices", READ_WRITE,
            "networking.istio.io/destinationrules", READ_WRITE,
            "networking.istio.io/gateways", READ_WRITE,
            "gateway.networking.k8s.io/httproutes", READ_WRITE,
            "gateway.networking.k8s.io/gateways", READ_WRITE,
            "gateway.networking.k8s.io/referencegrants", READ_WRITE,
            "/configmaps", READ_WRITE);
    /** The cluster-scoped reads: whether the Gateway API's CRDs are installed, nothing else of CRDs. */
    static final Map<String, Object> CRD_RULE = Map.of("apiGroups", List.of("apiextensions.k8s.io"),
            "resources", List.of("customresourcedefinitions"), "verbs", List.of("get"),
            "resourceNames", List.of("httproutes.gateway.networking.k8s.io", "gateways.gateway.networking.k8s.io"));

    @Test
    void lintsCleanly() {
        LintResult result = new Helm(CHART).lint().strict().call();
        assertThat(result.isFailed()).as("%s", result.getMessages()).isFalse();
        assertThat(result.getMessages()).allSatisfy(m -> assertThat(m).doesNotContain("[ERROR]", "[WARNING]"));
    }

    @Test
    void defaultsWatchAllNamespacesWithAClusterRoleAndNoSecretOrIngress() {
        Rendered out = render(Map.of());
        assertThat(out.kinds()).containsExactlyInAnyOrder("ServiceAccount", "ConfigMap", "ClusterRole",
                "ClusterRoleBinding", "Role", "RoleBinding", "Service", "Deployment");

        Map<String, Object> role = out.one("ClusterRole");
        assertThat(name(role)).isEqualTo(NAMESPACE + "-" + FULLNAME);
        Map<String, List<String>> expected = new LinkedHashMap<>(NAMESPACED);
        expected.put("/namespaces", READ);
        expected.put("apiextensions.k8s.io/customresourcedefinitions", List.of("get"));
        assertThat(verbsByResource(role)).isEqualTo(expected);
        assertThat(rules(role)).contains(CRD_RULE);
        assertThat(out.text()).doesNotContain("impersonate");

        Map<String, Object> binding = out.one("ClusterRoleBinding");
        assertThat(get(binding, "roleRef.name")).isEqualTo(name(role));
        assertThat(get(binding, "subjects")).isEqualTo(List.of(Map.of("kind", "ServiceAccount",
                "name", FULLNAME, "namespace", NAMESPACE)));

        assertThat(get(out.deployment(), "spec.replicas")).isEqualTo(1);
        assertThat(get(out.deployment(), "spec.template.spec.serviceAccountName")).isEqualTo(FULLNAME);
        assertThat(get(out.deployment(), "spec.template.spec.automountServiceAccountToken")).isEqualTo(true);
        assertThat(get(out.container(), "image")).isEqualTo("traffic-wizard:0.1.0");
        assertThat(out.applicationYaml()).contains("mode: \"in-cluster\"");
    }

    @Test
    void podAndContainerAreLockedDown() {
        Rendered out = render(ALICE);
        Map<String, Object> pod = map(get(out.deployment(), "spec.template.spec"));
        assertThat(get(pod, "securityContext.runAsNonRoot")).isEqualTo(true);
        assertThat(get(pod, "securityContext.runAsUser")).isEqualTo(10001);
        assertThat(get(pod, "securityContext.seccompProfile.type")).isEqualTo("RuntimeDefault");
        assertThat(get(pod, "enableServiceLinks")).isEqualTo(false);

        Map<String, Object> container = out.container();
        assertThat(get(container, "securityContext.runAsNonRoot")).isEqualTo(true);
        assertThat(get(container, "securityContext.runAsUser")).isEqualTo(10001);
        assertThat(get(container, "securityContext.readOnlyRootFilesystem")).isEqualTo(true);
        assertThat(get(container, "securityContext.allowPrivilegeEscalation")).isEqualTo(false);
        assertThat(get(container, "securityContext.capabilities.drop")).isEqualTo(List.of("ALL"));
        assertThat(get(container, "securityContext.seccompProfile.type")).isEqualTo("RuntimeDefault");

        // the read-only root filesystem needs a writable /tmp (Tomcat, JVM)
        String tmpVolume = list(get(container, "volumeMounts")).stream().map(HelmChartTest::map)
                .filter(m -> "/tmp".equals(m.get("mountPath"))).map(m -> (String) m.get("name"))
                .findFirst().orElseThrow();
        assertThat(list(get(pod, "volumes")).stream().map(HelmChartTest::map)
                .filter(v -> tmpVolume.equals(v.get("name")))).singleElement()
                .satisfies(v -> assertThat(v).containsKey("emptyDir"));

        assertThat(get(container, "resources.requests")).isNotNull();
        assertThat(map(get(container, "resources.limits"))).containsKeys("cpu", "memory");
    }

    @Test
    void probesUseTheActuatorHealthGroupsOnPort8080() {
        Rendered out = render(Map.of());
        Map<String, Object> container = out.container();
        assertThat(list(get(container, "ports"))).containsExactly(Map.of("name", "http", "containerPort", 8080,
                "protocol", "TCP"));
        assertThat(get(container, "livenessProbe.httpGet.path")).isEqualTo("/actuator/health/liveness");
        assertThat(get(container, "readinessProbe.httpGet.path")).isEqualTo("/actuator/health/readiness");
        assertThat(get(container, "startupProbe.httpGet.path")).isEqualTo("/actuator/health/liveness");
        for (String probe : List.of("livenessProbe", "readinessProbe", "startupProbe")) {
            assertThat(get(container, probe + ".httpGet.port")).as(probe).isEqualTo("http"); // = 8080, above
        }
        // the probe endpoints exist only with this property (Spring enables it by itself only on Kubernetes)
        assertThat(out.binder().bind("management.endpoint.health.probes.enabled", Boolean.class).get()).isTrue();
        assertThat(get(out.one("Service"), "spec.ports")).isEqualTo(List.of(Map.of("name", "http", "port", 80,
                "targetPort", "http", "protocol", "TCP")));
    }

    @Test
    void watchedNamespacesGetARoleEachAndClusterWideOnlyTheirOwnNamespacesAndTheGatewayApiCrds() {
        Rendered out = render(WATCH);
        assertThat(out.ofKind("ClusterRole")).singleElement().satisfies(role -> assertThat(rules(role)).containsExactly(
                Map.of("apiGroups", List.of(""), "resources", List.of("namespaces"), "verbs", READ,
                        "resourceNames", List.of("shop", "payments")), CRD_RULE));
        assertThat(out.ofKind("ClusterRoleBinding")).singleElement()
                .satisfies(b -> assertThat(get(b, "roleRef.name")).isEqualTo(name(out.one("ClusterRole"))));
        List<Map<String, Object>> watched = out.ofKind("Role").stream().filter(r -> !name(r).endsWith("-leases")).toList();
        assertThat(watched).extracting(HelmChartTest::namespace).containsExactlyInAnyOrder("shop", "payments");
        for (Map<String, Object> role : watched) {
            assertThat(verbsByResource(role)).as(namespace(role)).isEqualTo(NAMESPACED);
        }
        assertThat(out.ofKind("RoleBinding")).filteredOn(b -> !name(b).endsWith("-leases")).hasSize(2).allSatisfy(binding -> {
            assertThat(get(binding, "roleRef.kind")).isEqualTo("Role");
            assertThat(get(binding, "roleRef.name")).isEqualTo(FULLNAME);
            assertThat(get(binding, "subjects")).isEqualTo(List.of(Map.of("kind", "ServiceAccount",
                    "name", FULLNAME, "namespace", NAMESPACE)));
        });
        assertThat(out.text()).doesNotContain("impersonate");
        assertThat(out.binder().bind("traffic-wizard.cluster.watch-namespaces", Bindable.listOf(String.class)).get())
                .containsExactly("shop", "payments");
    }

    /** #17 run: the rollouts' leader election, a Lease in the release's namespace, in every variant. */
    @ParameterizedTest
    @MethodSource("variants")
    void theRolloutLeaseIsTheOnlyCoordinationAccessInTheReleaseNamespace(Map<String, String> values) {
        Rendered out = render(values);
        Map<String, Object> role = out.ofKind("Role").stream().filter(r -> name(r).endsWith("-leases")).findFirst()
                .orElseThrow();
        assertThat(namespace(role)).isEqualTo(NAMESPACE);
        assertThat(rules(role)).containsExactly(
                Map.of("apiGroups", List.of("coordination.k8s.io"), "resources", List.of("leases"),
                        "verbs", List.of("create")),
                Map.of("apiGroups", List.of("coordination.k8s.io"), "resources", List.of("leases"),
                        "resourceNames", List.of("traffic-wizard-rollouts"), "verbs", List.of("get", "update")));
        Map<String, Object> binding = out.ofKind("RoleBinding").stream().filter(r -> name(r).endsWith("-leases"))
                .findFirst().orElseThrow();
        assertThat(get(binding, "roleRef.name")).isEqualTo(name(role));
        assertThat(get(binding, "subjects")).isEqualTo(List.of(Map.of("kind", "ServiceAccount",
                "name", FULLNAME, "namespace", NAMESPACE)));
        assertThat(Stream.concat(out.ofKind("Role").stream(), out.ofKind("ClusterRole").stream())
                .filter(r -> r != role).flatMap(r -> rules(r).stream()).flatMap(r -> list(r.get("apiGroups")).stream()))
                .doesNotContain("coordination.k8s.io");
    }

    @Test
    void impersonationAddsImpersonateOnlyForTheConfiguredUsersAndTheRoleGroups() {
        Rendered off = render(ALICE);
        assertThat(off.text()).doesNotContain("impersonate");

        Rendered on = render(ALICE, IMPERSONATION);
        Map<String, Object> role = on.ofKind("ClusterRole").stream()
                .filter(r -> name(r).endsWith("-impersonate")).findFirst().orElseThrow();
        assertThat(rules(role)).containsExactly(
                Map.of("apiGroups", List.of(""), "resources", List.of("users"), "verbs", List.of("impersonate"),
                        "resourceNames", List.of("alice")),
                Map.of("apiGroups", List.of(""), "resources", List.of("groups"), "verbs", List.of("impersonate"),
                        "resourceNames", List.of("traffic-wizard:viewer", "traffic-wizard:operator",
                                "traffic-wizard:admin")));
        assertThat(on.ofKind("ClusterRoleBinding")).extracting(b -> get(b, "roleRef.name")).contains(name(role));
        // the impersonate verb appears in that ClusterRole only
        assertThat(Stream.concat(on.ofKind("Role").stream(), on.ofKind("ClusterRole").stream())
                .filter(r -> r != role).flatMap(r -> rules(r).stream()).flatMap(r -> list(r.get("verbs")).stream()))
                .doesNotContain("impersonate");
        assertThat(on.binder().bind("traffic-wizard.cluster.impersonation.enabled", Boolean.class).get()).isTrue();
    }

    @Test
    void withWatchedNamespacesImpersonationIsTheOnlyClusterWideWrite() {
        Rendered out = render(ALICE, WATCH, IMPERSONATION, OIDC);
        assertThat(out.ofKind("ClusterRole")).filteredOn(r -> name(r).endsWith("-namespaces")).singleElement()
                .satisfies(role -> assertThat(rules(role)).flatExtracting(r -> list(r.get("verbs")))
                        .containsOnly("get", "list", "watch"));
        assertThat(out.ofKind("ClusterRole")).filteredOn(r -> !name(r).endsWith("-namespaces")).singleElement()
                .satisfies(role -> {
            assertThat(name(role)).isEqualTo(NAMESPACE + "-" + FULLNAME + "-impersonate");
            // with OIDC any user name can log in, so users are not restricted by name; groups still are
            assertThat(rules(role)).allSatisfy(rule -> assertThat(rule.get("verbs")).isEqualTo(List.of("impersonate")));
            assertThat(rules(role).get(0)).doesNotContainKey("resourceNames");
            assertThat(rules(role).get(1).get("resourceNames")).isEqualTo(List.of("traffic-wizard:viewer",
                    "traffic-wizard:operator", "traffic-wizard:admin"));
        });
        assertThat(out.ofKind("Role")).hasSize(3);
    }

    @ParameterizedTest
    @MethodSource("variants")
    void rbacNeverUsesWildcardsOrMoreThanTheListedVerbs(Map<String, String> values) {
        Rendered out = render(values);
        Set<String> allowed = Set.of("get", "list", "watch", "create", "update", "delete", "impersonate");
        List<Map<String, Object>> roles = Stream.concat(out.ofKind("Role").stream(), out.ofKind("ClusterRole").stream())
                .toList();
        assertThat(roles).isNotEmpty();
        for (Map<String, Object> role : roles) {
            for (Map<String, Object> rule : rules(role)) {
                for (String field : List.of("apiGroups", "resources", "verbs", "resourceNames", "nonResourceURLs")) {
                    List<Object> entries = rule.containsKey(field) ? list(rule.get(field)) : List.of();
                    assertThat(entries).as("%s %s", name(role), field)
                            .allSatisfy(e -> assertThat(String.valueOf(e)).doesNotContain("*"));
                }
                assertThat(rule).doesNotContainKey("nonResourceURLs");
                assertThat(list(rule.get("verbs"))).isSubsetOf(allowed.toArray());
                assertThat(list(rule.get("resources"))).doesNotContain("secrets", "pods", "roles", "clusterroles");
                if (rule.containsKey("resourceNames")) {
                    assertThat(list(rule.get("resourceNames"))).as("empty means every name").isNotEmpty();
                }
            }
        }
    }

    static Stream<Map<String, String>> variants() {
        return Stream.of(Map.of(), ALICE, merge(ALICE, IMPERSONATION), merge(ALICE, WATCH),
                merge(ALICE, WATCH, IMPERSONATION), merge(OIDC, IMPERSONATION), merge(ALICE, OIDC, WATCH));
    }

    @Test
    void userHashesLiveOnlyInTheSecretAndReachThePodThroughSecretKeyRef() {
        Rendered out = render(ALICE);
        Map<String, Object> secret = out.one("Secret");
        assertThat(name(secret)).isEqualTo(FULLNAME);
        assertThat(map(secret.get("data"))).containsEntry("alice.password", base64(HASH));
        assertNoSecretOutsideSecrets(out, HASH);

        Map<String, Object> password = out.env("TRAFFIC_WIZARD_SECURITY_USERS_0_PASSWORD");
        assertThat(password).doesNotContainKey("value");
        assertThat(get(password, "valueFrom.secretKeyRef")).isEqualTo(Map.of("name", FULLNAME, "key", "alice.password"));
        assertThat(out.env("TRAFFIC_WIZARD_SECURITY_USERS_0_NAME")).containsEntry("value", "alice");
        assertThat(out.env("TRAFFIC_WIZARD_SECURITY_USERS_0_ROLES")).containsEntry("value", "OPERATOR,VIEWER");
        assertThat(out.env("TRAFFIC_WIZARD_SECURITY_USERS_0_NAMESPACES")).containsEntry("value", "shop,payments");
    }

    @Test
    void usersFromAnExistingSecretCreateNoSecret() {
        Rendered out = render(Map.of("existingUsersSecret", "wizard-users",
                "users[0].name", "alice", "users[0].roles[0]", "ADMIN",
                "users[1].name", "bob@example.com", "users[1].passwordKey", "bob", "users[1].roles[0]", "VIEWER"));
        assertThat(out.ofKind("Secret")).isEmpty();
        assertThat(get(out.env("TRAFFIC_WIZARD_SECURITY_USERS_0_PASSWORD"), "valueFrom.secretKeyRef"))
                .isEqualTo(Map.of("name", "wizard-users", "key", "alice.password"));
        assertThat(get(out.env("TRAFFIC_WIZARD_SECURITY_USERS_1_PASSWORD"), "valueFrom.secretKeyRef"))
                .isEqualTo(Map.of("name", "wizard-users", "key", "bob"));
        assertThat(out.env("TRAFFIC_WIZARD_SECURITY_USERS_1_NAME")).containsEntry("value", "bob@example.com");
    }

    @Test
    void oidcClientSecretLivesOnlyInTheSecret() {
        Rendered out = render(OIDC);
        assertThat(map(out.one("Secret").get("data"))).containsOnly(Map.entry("oidc-client-secret", base64(CLIENT_SECRET)));
        assertNoSecretOutsideSecrets(out, CLIENT_SECRET);
        assertThat(get(out.env("SPRING_SECURITY_OAUTH2_CLIENT_REGISTRATION_OIDC_CLIENT_SECRET"), "valueFrom.secretKeyRef"))
                .isEqualTo(Map.of("name", FULLNAME, "key", "oidc-client-secret"));
        assertThat(out.applicationYaml()).contains("issuer-uri: \"https://idp.example.com/realms/platform\"")
                .contains("\"[platform-admins]\": \"ADMIN\"");

        Rendered existing = render(Map.of("oidc.enabled", "true", "oidc.issuerUri", "https://idp.example.com",
                "oidc.clientId", "tw", "oidc.existingSecret", "idp-client", "oidc.existingSecretKey", "secret"));
        assertThat(existing.ofKind("Secret")).isEmpty();
        assertThat(get(existing.env("SPRING_SECURITY_OAUTH2_CLIENT_REGISTRATION_OIDC_CLIENT_SECRET"),
                "valueFrom.secretKeyRef")).isEqualTo(Map.of("name", "idp-client", "key", "secret"));
    }

    @Test
    void springBindsTheRenderedConfigurationAsTheApplicationWould() {
        Rendered out = render(ALICE, OIDC);
        Binder binder = out.binder();

        SecurityProperties security = binder.bind("traffic-wizard.security", SecurityProperties.class).get();
        assertThat(security.users()).containsExactly(new SecurityProperties.User("alice", HASH,
                List.of(Role.OPERATOR, Role.VIEWER), List.of("shop", "payments")));
        assertThat(security.oidc().roleClaim()).isEqualTo("groups");
        assertThat(security.oidc().roleMapping()).isEqualTo(Map.of("platform-admins", Role.ADMIN,
                "release-managers", Role.OPERATOR));

        OAuth2ClientProperties oauth = binder.bind("spring.security.oauth2.client",
                Bindable.ofInstance(new OAuth2ClientProperties())).get();
        OAuth2ClientProperties.Registration registration = oauth.getRegistration().get("oidc");
        assertThat(registration.getClientId()).isEqualTo("traffic-wizard");
        assertThat(registration.getClientSecret()).isEqualTo(CLIENT_SECRET);
        assertThat(registration.getScope()).containsExactly("openid", "profile", "email");
        assertThat(oauth.getProvider().get("oidc").getIssuerUri()).isEqualTo("https://idp.example.com/realms/platform");

        assertThat(binder.bind("traffic-wizard.cluster", ClusterProperties.class).get().mode())
                .isEqualTo(ClusterProperties.Mode.IN_CLUSTER);
    }

    @Test
    void ingressRoutesTheHostToTheServicePort() {
        Rendered out = render(Map.of("ingress.enabled", "true", "ingress.host", "wizard.example.com",
                "ingress.className", "nginx", "ingress.tls.enabled", "true", "ingress.tls.secretName", "wizard-tls"));
        Map<String, Object> ingress = out.one("Ingress");
        assertThat(get(ingress, "spec.ingressClassName")).isEqualTo("nginx");
        assertThat(get(ingress, "spec.tls")).isEqualTo(List.of(Map.of("hosts", List.of("wizard.example.com"),
                "secretName", "wizard-tls")));
        Map<String, Object> rule = map(list(get(ingress, "spec.rules")).get(0));
        assertThat(rule.get("host")).isEqualTo("wizard.example.com");
        Map<String, Object> path = map(list(get(rule, "http.paths")).get(0));
        assertThat(get(path, "backend.service")).isEqualTo(Map.of("name", FULLNAME, "port", Map.of("name", "http")));
        assertThat(name(out.one("Service"))).isEqualTo(FULLNAME);
    }

    @Test
    void kubeconfigModeMountsTheSecretAndCreatesNoRbac() {
        Rendered out = render(Map.of("cluster.mode", "kubeconfig", "cluster.kubeconfig.existingSecret", "kc",
                "cluster.kubeconfig.context", "staging"));
        assertThat(out.ofKind("ClusterRole")).isEmpty();
        assertThat(out.ofKind("Role")).isEmpty();
        assertThat(get(out.deployment(), "spec.template.spec.automountServiceAccountToken")).isEqualTo(false);
        ClusterProperties cluster = out.binder().bind("traffic-wizard.cluster", ClusterProperties.class).get();
        assertThat(cluster.mode()).isEqualTo(ClusterProperties.Mode.KUBECONFIG);
        assertThat(cluster.kubeconfig()).isEqualTo("/etc/traffic-wizard-kubeconfig/config");
        assertThat(cluster.context()).isEqualTo("staging");
    }

    @Test
    void mistakesStopTheRenderingWithAClearMessage() {
        assertThatThrownBy(() -> render(Map.of("users[0].name", "alice", "users[0].password", "plaintext",
                "users[0].roles[0]", "ADMIN"))).hasMessageContaining("must be a BCrypt hash");
        assertThatThrownBy(() -> render(Map.of("users[0].name", "alice", "users[0].password", HASH,
                "users[0].roles[0]", "ROOT"))).hasMessageContaining("unknown role \"ROOT\"");
        assertThatThrownBy(() -> render(Map.of("existingUsersSecret", "s", "users[0].name", "alice",
                "users[0].password", HASH, "users[0].roles[0]", "ADMIN"))).hasMessageContaining("belongs in that Secret");
        assertThatThrownBy(() -> render(Map.of("oidc.enabled", "true", "oidc.clientId", "tw",
                "oidc.clientSecret", "x"))).hasMessageContaining("oidc.issuerUri");
        assertThatThrownBy(() -> render(Map.of("cluster.mode", "kubeconfig")))
                .hasMessageContaining("cluster.kubeconfig.existingSecret");
    }

    /** Neither the value nor its base64 form anywhere but in a Secret's data or stringData. */
    static void assertNoSecretOutsideSecrets(Rendered out, String secret) {
        assertThat(out.docs().stream().filter(d -> "Secret".equals(d.get("kind")))
                .map(d -> new Yaml().dump(d)).anyMatch(s -> s.contains(base64(secret)))).isTrue();
        for (Map<String, Object> doc : out.docs()) {
            Map<String, Object> copy = new LinkedHashMap<>(doc);
            if ("Secret".equals(doc.get("kind"))) {
                copy.remove("data");
                copy.remove("stringData");
            }
            String text = new Yaml().dump(copy);
            assertThat(text).as("%s %s", doc.get("kind"), name(doc)).doesNotContain(secret, base64(secret));
        }
        // and not even in a plain form within the Secret's manifest: the chart base64-encodes it
        assertThat(out.text()).doesNotContain(secret);
    }

    // --- rendering and navigating the manifests ---

    @SafeVarargs
    static Rendered render(Map<String, String>... values) {
        TemplateCommand template = new Helm(CHART).template().withName(RELEASE).withNamespace(NAMESPACE);
        for (Map.Entry<String, String> entry : merge(values).entrySet()) {
            template = template.set(entry.getKey(), entry.getValue());
        }
        String text = template.call();
        List<Map<String, Object>> docs = new ArrayList<>();
        for (Object doc : new Yaml(new SafeConstructor(new LoaderOptions())).loadAll(text)) {
            if (doc != null) {
                docs.add(map(doc));
            }
        }
        return new Rendered(text, docs);
    }

    @SafeVarargs
    static Map<String, String> merge(Map<String, String>... values) {
        Map<String, String> all = new LinkedHashMap<>();
        Stream.of(values).forEach(all::putAll);
        return all;
    }

    record Rendered(String text, List<Map<String, Object>> docs) {

        List<Map<String, Object>> ofKind(String kind) {
            return docs.stream().filter(d -> kind.equals(d.get("kind"))).toList();
        }

        List<String> kinds() {
            return docs.stream().map(d -> (String) d.get("kind")).toList();
        }

        Map<String, Object> one(String kind) {
            assertThat(ofKind(kind)).as(kind).hasSize(1);
            return ofKind(kind).get(0);
        }

        Map<String, Object> deployment() {
            return one("Deployment");
        }

        Map<String, Object> container() {
            return map(list(get(deployment(), "spec.template.spec.containers")).get(0));
        }

        Map<String, Object> env(String name) {
            return list(container().get("env")).stream().map(HelmChartTest::map)
                    .filter(e -> name.equals(e.get("name"))).findFirst()
                    .orElseThrow(() -> new AssertionError("no env " + name));
        }

        String applicationYaml() {
            return (String) get(one("ConfigMap"), "data.application.yaml");
        }

        /**
         * The properties the application would see: the container's environment (secretKeyRefs
         * resolved from the rendered Secret) over the ConfigMap's application.yaml.
         */
        Binder binder() {
            Map<String, Object> env = new LinkedHashMap<>();
            for (Object entry : list(container().get("env"))) {
                Map<String, Object> e = map(entry);
                Object value = e.containsKey("value") ? e.get("value") : secretValue(map(get(e, "valueFrom.secretKeyRef")));
                env.put((String) e.get("name"), value);
            }
            assertThat(env).containsEntry("SPRING_CONFIG_ADDITIONAL_LOCATION", "file:/etc/traffic-wizard/");
            assertThat(list(get(container(), "volumeMounts"))).contains(Map.of("name", "config",
                    "mountPath", "/etc/traffic-wizard", "readOnly", true));
            MutablePropertySources sources = new MutablePropertySources();
            sources.addLast(new SystemEnvironmentPropertySource(
                    StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, env));
            try {
                List<PropertySource<?>> yaml = new YamlPropertySourceLoader().load("application.yaml",
                        new ByteArrayResource(applicationYaml().getBytes(StandardCharsets.UTF_8)));
                // in a multi-document file, later documents win
                for (int i = yaml.size() - 1; i >= 0; i--) {
                    sources.addLast(yaml.get(i));
                }
            } catch (java.io.IOException e) {
                throw new IllegalStateException(e);
            }
            return new Binder(ConfigurationPropertySources.from(sources));
        }

        private String secretValue(Map<String, Object> ref) {
            Map<String, Object> secret = ofKind("Secret").stream().filter(s -> ref.get("name").equals(name(s)))
                    .findFirst().orElseThrow(() -> new AssertionError("no rendered Secret " + ref.get("name")));
            String encoded = (String) map(secret.get("data")).get(ref.get("key"));
            assertThat(encoded).as("key %s in Secret %s", ref.get("key"), ref.get("name")).isNotNull();
            return new String(Base64.getDecoder().decode(encoded), StandardCharsets.UTF_8);
        }
    }

    static Map<String, List<String>> verbsByResource(Map<String, Object> role) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        for (Map<String, Object> rule : rules(role)) {
            for (Object group : list(rule.get("apiGroups"))) {
                for (Object resource : list(rule.get("resources"))) {
                    String key = group + "/" + resource;
                    assertThat(out).as("%s granted twice", key).doesNotContainKey(key);
                    out.put(key, list(rule.get("verbs")).stream().map(String::valueOf).toList());
                }
            }
        }
        return out;
    }

    static List<Map<String, Object>> rules(Map<String, Object> role) {
        return list(role.get("rules")).stream().map(HelmChartTest::map).toList();
    }

    static String name(Map<String, Object> doc) {
        return (String) get(doc, "metadata.name");
    }

    static String namespace(Map<String, Object> doc) {
        return (String) get(doc, "metadata.namespace");
    }

    /** Follows a dotted path; a key may itself contain a dot ("application.yaml"). */
    static Object get(Map<String, Object> doc, String path) {
        Object current = doc;
        String rest = path;
        while (!rest.isEmpty()) {
            Map<String, Object> m = map(current);
            if (m.containsKey(rest)) {
                return m.get(rest);
            }
            int dot = rest.indexOf('.');
            String key = dot < 0 ? rest : rest.substring(0, dot);
            current = m.get(key);
            rest = dot < 0 ? "" : rest.substring(dot + 1);
            if (current == null) {
                return null;
            }
        }
        return current;
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object o) {
        assertThat(o).isInstanceOf(Map.class);
        return (Map<String, Object>) o;
    }

    @SuppressWarnings("unchecked")
    static List<Object> list(Object o) {
        assertThat(o).isInstanceOf(Collection.class);
        return new ArrayList<>((Collection<Object>) o);
    }

    static String base64(String s) {
        return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }
}
