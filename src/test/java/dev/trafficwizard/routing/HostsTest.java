package dev.trafficwizard.routing;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/** The host rules every part of the product shares, pinned against istiod's behaviour. */
class HostsTest {

    @ParameterizedTest(name = "{0} in {1} resolves to {2}")
    @CsvSource(delimiter = '|', value = {
            "reviews                            | bookinfo | reviews.bookinfo.svc.cluster.local",
            "Reviews                            | bookinfo | reviews.bookinfo.svc.cluster.local",
            "reviews.bookinfo                   | default  | reviews.bookinfo",
            "reviews.bookinfo.svc               | default  | reviews.bookinfo.svc",
            "reviews.bookinfo.svc.cluster.local | default  | reviews.bookinfo.svc.cluster.local",
            "*                                  | default  | *",
            "*.example.com                      | default  | *.example.com",
            "www.fleetman.com                   | default  | www.fleetman.com"})
    void resolvesLikeIstiod(String host, String namespace, String expected) {
        assertThat(Hosts.resolve(host, namespace)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "a client calling {0} from {1} reaches {2}")
    @CsvSource(delimiter = '|', value = {
            "reviews              | bookinfo | reviews.bookinfo.svc.cluster.local",
            "reviews.bookinfo     | default  | reviews.bookinfo.svc.cluster.local",
            "reviews.bookinfo.svc | default  | reviews.bookinfo.svc.cluster.local",
            "www.fleetman.com     | default  | www.fleetman.com"})
    void dnsNamesOfRequests(String host, String namespace, String expected) {
        assertThat(Hosts.dnsName(host, namespace)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0} matches {1}: {2}")
    @CsvSource(delimiter = '|', value = {
            "*               | anything.com     | true",
            "*.example.com   | a.example.com    | true",
            "*.example.com   | a.b.example.com  | true",
            "*.example.com   | example.com      | false",
            "*.example.com   | badexample.com   | false",
            "example.com     | EXAMPLE.com      | true",
            "example.com     | www.example.com  | false"})
    void wildcardMatching(String pattern, String host, boolean matches) {
        assertThat(Hosts.specificity(pattern, host) != Hosts.NO_MATCH).isEqualTo(matches);
    }

    @ParameterizedTest(name = "{0} and {1} overlap: {2}")
    @CsvSource(delimiter = '|', value = {
            "*              | www.fleetman.com | true",
            "*.example.com  | a.example.com    | true",
            "*.example.com  | *.b.example.com  | true",
            "*.com          | *.example.com    | true",
            "a.example.com  | A.example.com    | true",
            "a.example.com  | b.example.com    | false",
            "*.example.com  | example.com      | false",
            "*.foo.com      | bar.com          | false"})
    void overlapLikeIstioMatches(String a, String b, boolean overlap) {
        assertThat(Hosts.overlap(a, b)).isEqualTo(overlap);
        assertThat(Hosts.overlap(b, a)).isEqualTo(overlap);
    }

    @ParameterizedTest(name = "server host {0} of a gateway in istio-system admits {2} of namespace {3}: {4}")
    @CsvSource(delimiter = '|', value = {
            "*                   | istio-system | fleetman.com     | default | true",
            "*.fleetman.com      | istio-system | a.fleetman.com   | default | true",
            "fleetman.com        | istio-system | *                | default | true",
            "default/*           | istio-system | fleetman.com     | default | true",
            "default/*           | istio-system | fleetman.com     | shop    | false",
            "./fleetman.com      | istio-system | fleetman.com     | default | false",
            "./fleetman.com      | istio-system | fleetman.com     | istio-system | true",
            "*/fleetman.com      | istio-system | fleetman.com     | shop    | true",
            "fleetman.com        | istio-system | www.fleetman.com | default | false"})
    void gatewayServerHosts(String server, String gatewayNamespace, String vsHost, String vsNamespace,
                            boolean admitted) {
        assertThat(Hosts.admits(server, gatewayNamespace, vsHost, vsNamespace)).isEqualTo(admitted);
    }
}
