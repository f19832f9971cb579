package dev.trafficwizard.analysis;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** IST0132 (VirtualServiceHostNotFoundInGateway) and IST0109 (ConflictingMeshGatewayVirtualServiceHosts). */
class GatewayAndMeshHostAnalyzersTest {

    private static String vs(String ns, String name, String spec) {
        return "---\napiVersion: networking.istio.io/v1\nkind: VirtualService\nmetadata: {name: " + name
                + ", namespace: " + ns + "}\nspec:\n" + spec.indent(2);
    }

    private static String gateway(String ns, String name, String hosts) {
        return "---\napiVersion: networking.istio.io/v1\nkind: Gateway\nmetadata: {name: " + name + ", namespace: " + ns
                + "}\nspec:\n  selector: {istio: ingressgateway}\n"
                + (hosts == null ? "" : "  servers: [{port: {number: 80, name: http, protocol: HTTP}, hosts: " + hosts + "}]\n");
    }

    @Test
    void aGatewayThatAcceptsNoneOfTheHostsIsAWarning() {
        String mesh = gateway("edge", "shop", "[shop.example.com, \"*.api.example.com\"]")
                + gateway("edge", "bare", null)
                + gateway("edge", "scoped", "[\"./own.example.com\", \"team/team.example.com\", \"*/any.example.com\"]")
                + vs("edge", "exact", "hosts: [shop.example.com]\ngateways: [shop]")
                + vs("edge", "wildcard", "hosts: [v1.api.example.com]\ngateways: [shop]")
                + vs("edge", "one-of-two", "hosts: [other.example.com, shop.example.com]\ngateways: [shop]")
                + vs("edge", "star", "hosts: [\"*\"]\ngateways: [shop]")
                + vs("edge", "none", "hosts: [other.example.com, api.example.com]\ngateways: [shop, mesh]")
                + vs("edge", "no-servers", "hosts: [\"*\"]\ngateways: [bare]")
                + vs("edge", "missing", "hosts: [\"*\"]\ngateways: [gone]")
                + vs("edge", "dot-namespace", "hosts: [own.example.com]\ngateways: [scoped]")
                + vs("team", "ns-allowed", "hosts: [team.example.com]\ngateways: [edge/scoped]")
                + vs("team", "any-namespace", "hosts: [any.example.com]\ngateways: [edge/scoped]")
                + vs("other", "ns-refused", "hosts: [team.example.com, own.example.com]\ngateways: [edge/scoped]")
                + vs("edge", "no-hosts", "gateways: [shop]")
                + vs("edge", "unseen", "hosts: [x.example.com]\ngateways: [hidden/gw]");
        assertThat(Meshes.run(new HostNotInGatewayAnalyzer(), mesh, ns -> !ns.equals("hidden"))).containsExactly(
                "VirtualService edge/none spec.gateways[0] HOST_NOT_IN_GATEWAY IST0132 WARNING [other.example.com, api.example.com, edge/shop]",
                "VirtualService edge/no-servers spec.gateways[0] HOST_NOT_IN_GATEWAY IST0132 WARNING [*, edge/bare]",
                // as in Istio, a Gateway that does not exist accepts nothing (and IST0101 says it is missing)
                "VirtualService edge/missing spec.gateways[0] HOST_NOT_IN_GATEWAY IST0132 WARNING [*, edge/gone]",
                "VirtualService other/ns-refused spec.gateways[0] HOST_NOT_IN_GATEWAY IST0132 WARNING "
                        + "[team.example.com, own.example.com, edge/scoped]");
    }

    @Test
    void virtualServicesOfTheMeshWithTheSameHostConflict() {
        String route = "http:\n- route:\n  - destination: {host: ratings}\n";
        String mesh = vs("shop", "ratings", "hosts: [ratings]\n" + route)
                + vs("shop", "ratings-copy", "hosts: [ratings.shop.svc.cluster.local, reviews]\ngateways: [mesh, edge/gw]\n" + route)
                + vs("web", "ratings", "hosts: [ratings.shop.svc.cluster.local]\ngateways: [edge/gw]\n" + route)
                + vs("shop", "reviews", "hosts: [reviews]\ngateways: [mesh]\n" + route)
                + vs("shop", "details", "hosts: [details]\n" + route);
        assertThat(Meshes.run(new ConflictingMeshHostsAnalyzer(), mesh)).containsExactly(
                "VirtualService shop/ratings spec.hosts[0] CONFLICTING_MESH_HOSTS IST0109 ERROR [ratings, shop/ratings-copy]",
                "VirtualService shop/ratings-copy spec.hosts[0] CONFLICTING_MESH_HOSTS IST0109 ERROR "
                        + "[ratings.shop.svc.cluster.local, reviews, shop/ratings, shop/reviews]",
                "VirtualService shop/reviews spec.hosts[0] CONFLICTING_MESH_HOSTS IST0109 ERROR [reviews, shop/ratings-copy]");
    }

    @Test
    void exportToSeparatesOrJoinsVirtualServices() {
        String route = "http:\n- route:\n  - destination: {host: ratings.shop.svc.cluster.local}\n";
        String mesh = vs("team1", "local", "hosts: [ratings.shop.svc.cluster.local]\nexportTo: [\".\"]\n" + route)
                + vs("team2", "local", "hosts: [ratings.shop.svc.cluster.local]\nexportTo: [\".\"]\n" + route)
                + vs("team3", "to-team1", "hosts: [ratings.shop.svc.cluster.local]\nexportTo: [team1]\n" + route)
                + vs("foo", "wild-local", "hosts: [\"*.d.example\"]\nexportTo: [\".\"]\n" + route)
                + vs("bar", "wilder-all", "hosts: [\"*.example\"]\nexportTo: [\"*\"]\n" + route)
                + vs("bar", "all-exact", "hosts: [a.other]\n" + route)
                + vs("foo", "all-wild", "hosts: [\"*.other\"]\n" + route);
        assertThat(Meshes.run(new ConflictingMeshHostsAnalyzer(), mesh)).containsExactly(
                // the same namespaces, the same host
                "VirtualService team1/local spec.hosts[0] CONFLICTING_MESH_HOSTS IST0109 ERROR "
                        + "[ratings.shop.svc.cluster.local, team3/to-team1]",
                "VirtualService team3/to-team1 spec.hosts[0] CONFLICTING_MESH_HOSTS IST0109 ERROR "
                        + "[ratings.shop.svc.cluster.local, team1/local]",
                // exported to some namespaces against exported to all: overlapping hosts conflict
                "VirtualService foo/wild-local spec.hosts[0] CONFLICTING_MESH_HOSTS IST0109 ERROR [*.d.example, bar/wilder-all]",
                "VirtualService bar/wilder-all spec.hosts[0] CONFLICTING_MESH_HOSTS IST0109 ERROR [*.example, foo/wild-local]");
        // both exported to all: only the very same host conflicts (a.other and *.other do not)
    }
}
