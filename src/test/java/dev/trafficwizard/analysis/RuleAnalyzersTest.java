package dev.trafficwizard.analysis;

import dev.trafficwizard.routing.Severity;
import io.fabric8.istio.api.networking.v1.VirtualService;
import io.fabric8.kubernetes.api.model.HasMetadata;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

/**
 * IST0130 and IST0131 on live VirtualServices: the configurations of Istio's own analyzer test
 * ({@code dupmatches}: duplicate and overlapping matches in HTTP, TCP and TLS routes, and the
 * cases where Istio finds nothing), each finding at its YAML path.
 */
class RuleAnalyzersTest {

    private static final String ISTIO_CASES = """
            kind: VirtualService
            metadata: {name: two-catch-alls, namespace: foo}
            spec:
              hosts: [sample.foo.svc.cluster.local]
              http:
              - route: [{destination: {host: sample.foo.svc.cluster.local}}]
              - route: [{destination: {host: sample.bar.svc.cluster.local, subset: v1}}]
            ---
            kind: VirtualService
            metadata: {name: duplicate-match}
            spec:
              hosts: [sample.baz.svc.cluster.local]
              http:
              - name: products to foo
                match: [{name: products prefix, uri: {prefix: /api/v1/products}}]
                route: [{destination: {host: sample.foo.svc.cluster.local}}]
              - name: products to bar
                match: [{uri: {prefix: /api/v1/products}}]
                route: [{destination: {host: sample.bar.svc.cluster.local}}]
            ---
            kind: VirtualService
            metadata: {name: almost-duplicate-match}
            spec:
              hosts: [sample.bar.svc.cluster.local]
              http:
              - match: [{uri: {prefix: /api/v1/products}}]
                route: [{destination: {host: sample.foo.svc.cluster.local}}]
              - match:
                - {name: products, uri: {prefix: /api/v1/products}}
                - {name: potato, uri: {prefix: /potato}}
                route: [{destination: {host: sample.bar.svc.cluster.local}}]
            ---
            kind: VirtualService
            metadata: {name: duplicate-tcp-match}
            spec:
              hosts: ["*"]
              gateways: [tcp-echo-gateway]
              tcp:
              - match: [{port: 31400}]
                route: [{destination: {host: tcp-echo, subset: v1}}]
              - match: [{port: 31400}]
                route: [{destination: {host: tcp-echo, subset: v2}}]
            ---
            kind: VirtualService
            metadata: {name: duplicate-empty-tcp}
            spec:
              hosts: ["*"]
              gateways: [tcp-echo-gateway]
              tcp:
              - route: [{destination: {host: tcp-echo, subset: v1}}]
              - route: [{destination: {host: tcp-echo, subset: v2}}]
            ---
            kind: VirtualService
            metadata: {name: almost-duplicate-tcp-match}
            spec:
              hosts: ["*"]
              gateways: [tcp-echo-gateway]
              tcp:
              - match: [{port: 31400}]
                route: [{destination: {host: tcp-echo, subset: v1}}]
              - match: [{port: 31400}, {port: 31401}]
                route: [{destination: {host: tcp-echo, subset: v2}}]
            ---
            kind: VirtualService
            metadata: {name: tls-routing, namespace: none}
            spec:
              hosts: [www1.googleapis.com, api1.facebook.com]
              tls:
              - match: [{port: 2443, sniHosts: [www1.googleapis.com]}]
                route: [{destination: {host: www1.googleapis.com}}]
              - match: [{port: 2443, sniHosts: [www1.googleapis.com]}]
                route: [{destination: {host: api1.facebook.com}}]
            ---
            kind: VirtualService
            metadata: {name: tls-routing-almostmatch, namespace: none}
            spec:
              hosts: [www1.example.com]
              tls:
              - match: [{port: 2443, sniHosts: [www1.example.com]}]
                route: [{destination: {host: www1.googleapis.com}}]
              - match: [{port: 2443, sniHosts: [www1.example.com]}, {port: 8443, sniHosts: [www1.example.com]}]
                route: [{destination: {host: api1.facebook.com}}]
            ---
            kind: VirtualService
            metadata: {name: non-method-get}
            spec:
              hosts: [sample.baz.svc.cluster.local]
              http:
              - match: [{uri: {prefix: /api/v1/product}}, {uri: {prefix: /api/v1/products}, method: {exact: GET}}]
                route: [{destination: {host: sample.foo.svc.cluster.local}}]
            ---
            kind: VirtualService
            metadata: {name: uri-with-prefix-exact}
            spec:
              hosts: [sample.baz.svc.cluster.local]
              http:
              - match: [{uri: {prefix: /}}, {uri: {exact: /}, method: {exact: GET}}]
                route: [{destination: {host: sample.foo.svc.cluster.local}}]
            ---
            kind: VirtualService
            metadata: {name: overlapping-in-single-match}
            spec:
              hosts: [sample.baz.svc.cluster.local]
              http:
              - match:
                - {uri: {prefix: /api/v1/product}, method: {exact: GET}}
                - {uri: {prefix: /api/v1/products}, method: {exact: GET}}
                route: [{destination: {host: sample.foo.svc.cluster.local}}]
            ---
            kind: VirtualService
            metadata: {name: overlapping-in-two-matches}
            spec:
              hosts: [sample.baz.svc.cluster.local]
              http:
              - match: [{uri: {prefix: /api/v1/product}, method: {exact: GET}}]
                route: [{destination: {host: sample.foo.svc.cluster.local}}]
              - match: [{uri: {prefix: /api/v1/products}, method: {exact: GET}}]
                route: [{destination: {host: sample.bar.svc.cluster.local}}]
            ---
            kind: VirtualService
            metadata: {name: overlapping-with-different-methods}
            spec:
              hosts: [sample.baz.svc.cluster.local]
              http:
              - match: [{uri: {prefix: /api/v1/prod}, method: {exact: GET}}]
                route: [{destination: {host: sample.foo.svc.cluster.local}}]
              - match:
                - {uri: {prefix: /api/v1/product}, method: {exact: GET}}
                - {uri: {prefix: /api/v1/products}, method: {exact: POST}}
                route: [{destination: {host: sample.bar.svc.cluster.local}}]
            """;

    private final List<HasMetadata> objects = YamlObjects.parse(ISTIO_CASES);
    private final MeshSnapshot mesh = ListedSnapshot.of(objects);

    private List<Finding> analyze(Analyzer analyzer, String name) {
        List<Finding> out = new ArrayList<>();
        analyzer.analyze(YamlObjects.named(objects, VirtualService.class, name), mesh, out);
        return out;
    }

    /** Istio's expectations for these configurations: which VirtualServices get IST0130 and which IST0131. */
    @Test
    void theSameVirtualServicesAsIstiosAnalyzer() {
        Set<String> found = new TreeSet<>();
        for (HasMetadata vs : objects) {
            for (Analyzer analyzer : List.of(new UnreachableRuleAnalyzer(), new IneffectiveMatchAnalyzer())) {
                List<Finding> out = new ArrayList<>();
                analyzer.analyze(vs, mesh, out);
                out.forEach(f -> found.add(f.istioCode() + " " + vs.getMetadata().getName()));
            }
        }
        assertThat(found).containsExactlyInAnyOrder(
                "IST0130 duplicate-match", "IST0130 two-catch-alls", "IST0130 duplicate-tcp-match",
                "IST0130 duplicate-empty-tcp", "IST0130 tls-routing",
                "IST0131 almost-duplicate-match", "IST0131 duplicate-match", "IST0131 almost-duplicate-tcp-match",
                "IST0131 duplicate-tcp-match", "IST0131 tls-routing-almostmatch", "IST0131 tls-routing",
                "IST0131 non-method-get", "IST0131 overlapping-in-single-match", "IST0131 overlapping-in-two-matches",
                "IST0131 overlapping-with-different-methods");
    }

    @Test
    void unreachableRulesAtTheirPathWithTheReason() {
        List<Finding> catchAlls = analyze(new UnreachableRuleAnalyzer(), "two-catch-alls");
        assertThat(catchAlls).extracting(Finding::code, Finding::severity, Finding::path, Finding::istioCode)
                .containsExactly(tuple("UNREACHABLE_RULE", Severity.WARNING, "spec.http[1]", "IST0130"));
        assertThat(YamlObjects.english(catchAlls.get(0)))
                .isEqualTo("Rule 2 can never match: rule 1 before it has no conditions and takes every request.");

        List<Finding> duplicate = analyze(new UnreachableRuleAnalyzer(), "duplicate-match");
        assertThat(duplicate).extracting(Finding::path).containsExactly("spec.http[1]");
        assertThat(YamlObjects.english(duplicate.get(0))).isEqualTo(
                "Rule 2 \"products to bar\" can never match: each of its conditions is the same as an earlier one.");

        assertThat(analyze(new UnreachableRuleAnalyzer(), "duplicate-empty-tcp")).extracting(Finding::path)
                .containsExactly("spec.tcp[1]");
        assertThat(analyze(new UnreachableRuleAnalyzer(), "tls-routing")).extracting(Finding::path)
                .containsExactly("spec.tls[1]");
        assertThat(analyze(new UnreachableRuleAnalyzer(), "almost-duplicate-match")).isEmpty();
    }

    @Test
    void ineffectiveMatchesAtTheirPath() {
        List<Finding> duplicate = analyze(new IneffectiveMatchAnalyzer(), "duplicate-match");
        assertThat(duplicate).extracting(Finding::code, Finding::severity, Finding::path, Finding::istioCode)
                .containsExactly(tuple("DUPLICATE_MATCH", Severity.INFO, "spec.http[1].match[0]", "IST0131"));
        assertThat(YamlObjects.english(duplicate.get(0))).isEqualTo("Condition 1 of rule 2 \"products to bar\" "
                + "can never be reached: condition 1 \"products prefix\" of rule 1 \"products to foo\" is the same "
                + "and comes first.");

        assertThat(analyze(new IneffectiveMatchAnalyzer(), "almost-duplicate-match")).extracting(Finding::path)
                .containsExactly("spec.http[1].match[0]");
        assertThat(analyze(new IneffectiveMatchAnalyzer(), "almost-duplicate-tcp-match")).extracting(Finding::path)
                .containsExactly("spec.tcp[1].match[0]");
        assertThat(analyze(new IneffectiveMatchAnalyzer(), "tls-routing-almostmatch")).extracting(Finding::path)
                .containsExactly("spec.tls[1].match[0]");

        List<Finding> overlap = analyze(new IneffectiveMatchAnalyzer(), "overlapping-in-two-matches");
        assertThat(overlap).extracting(Finding::code, Finding::path)
                .containsExactly(tuple("INEFFECTIVE_MATCH", "spec.http[1].match[0]"));
        assertThat(YamlObjects.english(overlap.get(0))).isEqualTo("Condition 1 of rule 2 (path prefix "
                + "/api/v1/products) is never used: condition 1 of rule 1 (path prefix /api/v1/product) comes first "
                + "and takes its requests.");
        assertThat(analyze(new IneffectiveMatchAnalyzer(), "overlapping-in-single-match")).extracting(Finding::path)
                .containsExactly("spec.http[0].match[1]");
        assertThat(analyze(new IneffectiveMatchAnalyzer(), "non-method-get")).extracting(Finding::path)
                .containsExactly("spec.http[0].match[1]");
        // GET /api/v1/prod covers GET /api/v1/product, not POST /api/v1/products
        assertThat(analyze(new IneffectiveMatchAnalyzer(), "overlapping-with-different-methods"))
                .extracting(Finding::path).containsExactly("spec.http[1].match[0]");
    }

    @Test
    void nothingWhereIstioFindsNothing() {
        assertThat(analyze(new IneffectiveMatchAnalyzer(), "uri-with-prefix-exact")).isEmpty();
        assertThat(analyze(new UnreachableRuleAnalyzer(), "uri-with-prefix-exact")).isEmpty();
        List<HasMetadata> ordered = YamlObjects.parse("""
                kind: VirtualService
                metadata: {name: ordered}
                spec:
                  hosts: [reviews]
                  http:
                  - match: [{uri: {prefix: /api/v1}}, {headers: {x-canary: {exact: "1"}}}]
                    route: [{destination: {host: reviews, subset: v2}}]
                  - match: [{uri: {prefix: /api}, headers: {x-canary: {exact: "1"}}}, {uri: {exact: /api}}]
                    route: [{destination: {host: reviews, subset: v3}}]
                  - route: [{destination: {host: reviews, subset: v1}}]
                """);
        List<Finding> out = new ArrayList<>();
        new UnreachableRuleAnalyzer().analyze(ordered.get(0), ListedSnapshot.of(ordered), out);
        new IneffectiveMatchAnalyzer().analyze(ordered.get(0), ListedSnapshot.of(ordered), out);
        assertThat(out).isEmpty();
    }

    @Test
    void registeredAndRunByTheMeshAnalysis() {
        MeshAnalysis analysis = new MeshAnalysis();
        analysis.checkAll(mesh);
        assertThat(analysis.findingsOf(new ObjectRef("VirtualService", "default", "overlapping-in-two-matches")))
                .extracting(Finding::code).contains("INEFFECTIVE_MATCH");
        assertThat(analysis.findingsOf(new ObjectRef("VirtualService", "foo", "two-catch-alls")))
                .extracting(Finding::code).contains("UNREACHABLE_RULE");
    }
}
