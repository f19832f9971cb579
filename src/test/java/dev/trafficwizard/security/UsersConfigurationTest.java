package dev.trafficwizard.security;

import dev.trafficwizard.cluster.ClusterInfo;
import dev.trafficwizard.cluster.ClusterProperties;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class UsersConfigurationTest {

    static final ClusterInfo REAL = new ClusterInfo(ClusterProperties.Mode.KUBECONFIG, "prod", "https://api");
    static final ClusterInfo DEMO = new ClusterInfo(ClusterProperties.Mode.DEMO, "demo", "http://127.0.0.1:1");

    final UsersConfiguration configuration = new UsersConfiguration();
    final BCryptPasswordEncoder encoder = new BCryptPasswordEncoder();
    final org.springframework.beans.factory.ObjectProvider<ClientRegistrationRepository> noOidc = new StaticListableBeanFactory().getBeanProvider(ClientRegistrationRepository.class);

    @Test
    void withoutUsersAndOidcOutsideDemoModeStartupFailsClearly() {
        assertThatThrownBy(() -> configuration.users(new SecurityProperties(null, null), REAL, encoder, noOidc))
                .hasMessageContaining("No users are configured and OIDC login is off");
    }

    @Test
    void demoUsersExistOnlyOnTheDemoCluster() {
        var demo = configuration.users(new SecurityProperties(null, null), DEMO, encoder, noOidc);
        assertThat(demo.loadUserByUsername("viewer").getAuthorities()).extracting(GrantedAuthority::getAuthority)
                .containsExactly("ROLE_VIEWER");
        assertThat(Authorities.reachable(demo.loadUserByUsername("admin").getAuthorities())).as("an admin includes the roles below").extracting(GrantedAuthority::getAuthority)
                .contains("ROLE_ADMIN", "ROLE_OPERATOR", "ROLE_VIEWER");

        var real = configuration.users(new SecurityProperties(List.of(new SecurityProperties.User("alice",
                "{bcrypt}" + encoder.encode("pw"), List.of(Role.OPERATOR), List.of("shop"))), null), REAL, encoder,
                noOidc);
        assertThatThrownBy(() -> real.loadUserByUsername("admin"))
                .isInstanceOf(org.springframework.security.core.userdetails.UsernameNotFoundException.class);
        assertThat(Authorities.reachable(real.loadUserByUsername("alice").getAuthorities())).extracting(GrantedAuthority::getAuthority)
                .containsExactlyInAnyOrder("ROLE_OPERATOR", "ROLE_VIEWER", "NAMESPACE_shop");
        assertThat(encoder.matches("pw", real.loadUserByUsername("alice").getPassword())).isTrue();
    }

    @Test
    void aUserWithoutRolesIsRefusedAtStartup() {
        assertThatThrownBy(() -> configuration.users(new SecurityProperties(List.of(new SecurityProperties.User(
                "bob", encoder.encode("pw"), List.of(), List.of())), null), REAL, encoder, noOidc))
                .hasMessageContaining("at least one role");
    }

    @Test
    void oidcClaimValuesMapToRoles() {
        var config = new SecurityProperties.Oidc("groups", Map.of("platform-admins", Role.ADMIN,
                "release-managers", Role.OPERATOR), List.of("default"));
        assertThat(Authorities.reachable(OidcRoles.authorities(Map.of("groups", List.of("release-managers", "staff")),
                config))).extracting(GrantedAuthority::getAuthority)
                .containsExactlyInAnyOrder("ROLE_OPERATOR", "ROLE_VIEWER", "NAMESPACE_default");
        assertThat(OidcRoles.authorities(Map.of("groups", "platform-admins"), config))
                .extracting(GrantedAuthority::getAuthority).contains("ROLE_ADMIN");
        assertThat(OidcRoles.authorities(Map.of("groups", List.of("staff")), config))
                .extracting(GrantedAuthority::getAuthority).containsExactly("NAMESPACE_default");
    }

    @Test
    void operatorsAreLimitedToTheirNamespacesAdminsAreNot() {
        AccessPolicy access = new AccessPolicy();
        var alice = new org.springframework.security.authentication.UsernamePasswordAuthenticationToken("alice", null,
                Authorities.of(List.of(Role.OPERATOR), List.of("shop")));
        assertThat(access.canWrite(alice, "shop")).isTrue();
        assertThat(access.canWrite(alice, "default")).isFalse();
        assertThat(access.canTakeOver(alice)).isFalse();
        var root = new org.springframework.security.authentication.UsernamePasswordAuthenticationToken("root", null,
                Authorities.of(List.of(Role.ADMIN), List.of()));
        assertThat(access.canWrite(root, "anything")).isTrue();
        assertThat(access.canTakeOver(root)).isTrue();
        var viewer = new org.springframework.security.authentication.UsernamePasswordAuthenticationToken("v", null,
                Authorities.of(List.of(Role.VIEWER), List.of()));
        assertThat(access.canWrite(viewer, "default")).isFalse();
    }
}
