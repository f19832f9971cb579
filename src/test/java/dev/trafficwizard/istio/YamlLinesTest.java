package dev.trafficwizard.istio;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class YamlLinesTest {

    private static final String YAML = """
            apiVersion: networking.istio.io/v1
            kind: DestinationRule
            metadata:
              name: reviews
              namespace: bookinfo
            spec:
              host: reviews
            ---
            apiVersion: networking.istio.io/v1
            kind: VirtualService
            metadata:
              name: reviews
              namespace: bookinfo
            spec:
              hosts:
              - reviews
              http:
              - match:
                - uri:
                    prefix: /api
                route:
                - destination:
                    host: reviews
              - match:
                - uri:
                    prefix: /api/v1
                  headers:
                    end-user:
                      exact: jason
                route:
                - destination:
                    host: reviews
            """;

    @Test
    void findsTheLinesOfAPathInTheRightDocument() {
        assertThat(YamlLines.locate(YAML, "VirtualService", "bookinfo", "reviews", "spec.http[1].match[0]"))
                .contains(new YamlLines.Range(25, 29));
        assertThat(YamlLines.locate(YAML, "VirtualService", "bookinfo", "reviews", "spec.http[0]"))
                .contains(new YamlLines.Range(18, 23));
        assertThat(YamlLines.locate(YAML, "VirtualService", null, "reviews", "spec.hosts[0]"))
                .contains(new YamlLines.Range(16, 16));
        assertThat(YamlLines.locate(YAML, "DestinationRule", "bookinfo", "reviews", "spec.host"))
                .contains(new YamlLines.Range(7, 7));
    }

    @Test
    void aMissingFieldEndsAtTheDeepestNodeThatExistsAndAnUnknownObjectAtNothing() {
        assertThat(YamlLines.locate(YAML, "DestinationRule", "bookinfo", "reviews", "spec.subsets[0]"))
                .contains(new YamlLines.Range(7, 7));
        assertThat(YamlLines.locate(YAML, "Gateway", "bookinfo", "reviews", "spec")).isEmpty();
        assertThat(YamlLines.locate("a: *nope", "Gateway", "bookinfo", "reviews", "spec")).isEmpty();
    }
}
