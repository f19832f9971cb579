package dev.trafficwizard.routing;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class GatewaySharingTest {

    @ParameterizedTest(name = "server host {0} (gateway in {1}) serves {3} of a VirtualService in {2}: {4}")
    @CsvSource({
            "*,                  istio-system, shop, a.example.com,  true",
            "a.example.com,      istio-system, shop, a.example.com,  true",
            "A.Example.com,      istio-system, shop, a.example.COM,  true",
            "a.example.com,      istio-system, shop, b.example.com,  false",
            "*.example.com,      istio-system, shop, a.example.com,  true",
            "*.example.com,      istio-system, shop, *.a.example.com, true",
            "*.example.com,      istio-system, shop, *.example.com,  true",
            "*.example.com,      istio-system, shop, example.com,    false",
            "*.example.com,      istio-system, shop, *,              false",
            "*.example.com,      istio-system, shop, a.example.org,  false",
            "*/a.example.com,    istio-system, shop, a.example.com,  true",
            "shop/a.example.com, istio-system, shop, a.example.com,  true",
            "shop/a.example.com, istio-system, web,  a.example.com,  false",
            "./a.example.com,    shop,         shop, a.example.com,  true",
            "./a.example.com,    istio-system, shop, a.example.com,  false",
            "shop/*,             istio-system, shop, anything.io,    true",
    })
    void serverHostsServeAsIstioMatchesThem(String server, String gatewayNs, String vsNs, String vsHost,
                                            boolean served) {
        assertThat(GatewaySharing.serves(server, gatewayNs, vsNs, vsHost)).isEqualTo(served);
    }

    static final GatewaySharing.Dependent REVIEWS = new GatewaySharing.Dependent("bookinfo", "reviews",
            List.of("reviews.example.com", "shop.example.com"));

    static List<GatewaySharing.Loss> losses(List<GatewaySharing.Server> before, List<GatewaySharing.Server> after) {
        return GatewaySharing.losses("bookinfo", before, after, List.of(REVIEWS));
    }

    static GatewaySharing.Server server(long port, String... hosts) {
        return new GatewaySharing.Server(port, List.of(hosts));
    }

    @Test
    void addingAHostOrKeepingAWildcardTakesNothing() {
        assertThat(losses(List.of(server(80, "reviews.example.com", "shop.example.com")),
                List.of(server(80, "reviews.example.com", "shop.example.com", "ratings.example.com")))).isEmpty();
        assertThat(losses(List.of(server(80, "*")), List.of(server(80, "*.example.com")))).isEmpty();
    }

    @Test
    void replacingTheHostsNamesEachHostLost() {
        assertThat(losses(List.of(server(80, "*")), List.of(server(80, "ratings.example.com"))))
                .extracting(l -> l.dependent().reference() + " " + l.host() + ":" + l.port())
                .containsExactly("bookinfo/reviews reviews.example.com:80", "bookinfo/reviews shop.example.com:80");
    }

    @Test
    void movingToAnotherPortLosesTheOldPort() {
        assertThat(losses(List.of(server(80, "*")), List.of(server(443, "*"))))
                .extracting(GatewaySharing.Loss::port).containsExactly(80L, 80L);
    }

    @Test
    void aHostTheGatewayNeverServedIsNotLost() {
        assertThat(losses(List.of(server(80, "reviews.example.com")), List.of(server(80, "other.example.com"))))
                .extracting(GatewaySharing.Loss::host).containsExactly("reviews.example.com");
    }
}
