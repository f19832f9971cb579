package dev.trafficwizard.istio;

import io.fabric8.istio.api.networking.v1.DestinationRule;
import io.fabric8.istio.api.networking.v1.VirtualService;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PasteReaderTest {

    static final int LIMIT = 256 * 1024;

    static final String VS = """
            apiVersion: networking.istio.io/v1
            kind: VirtualService
            metadata:
              name: reviews
              namespace: bookinfo
            spec:
              hosts:
              - reviews
              http:
              - route:
                - destination:
                    host: reviews
                    subset: v1
            """;

    private static PasteReader.Problem onlyProblem(String text) {
        PasteReader.Paste paste = PasteReader.read(text, LIMIT);
        assertThat(paste.problems()).hasSize(1);
        return paste.problems().get(0);
    }

    @Test
    void readsAVirtualService() {
        PasteReader.Paste paste = PasteReader.read(VS, LIMIT);
        assertThat(paste.ok()).isTrue();
        assertThat(paste.objects()).singleElement().satisfies(p -> {
            assertThat(p.object()).isInstanceOf(VirtualService.class);
            assertThat(p.document()).isEqualTo(1);
            assertThat(p.line()).isEqualTo(1);
            VirtualService vs = (VirtualService) p.object();
            assertThat(vs.getSpec().getHttp().get(0).getRoute().get(0).getDestination().getSubset()).isEqualTo("v1");
        });
        assertThat(paste.objects().get(0).unknownFields()).isEmpty();
    }

    @Test
    void manyDocumentsOtherKindsIgnoredDefaultNamespace() {
        String text = """
                apiVersion: v1
                kind: Service
                metadata:
                  name: reviews
                ---
                apiVersion: networking.istio.io/v1beta1
                kind: DestinationRule
                metadata:
                  name: reviews
                spec:
                  host: reviews
                  subsets:
                  - name: v1
                    labels:
                      version: v1
                ---
                """ + VS;
        PasteReader.Paste paste = PasteReader.read(text, LIMIT);
        assertThat(paste.problems()).isEmpty();
        assertThat(paste.ignored()).containsExactly(new PasteReader.Ignored("Service", "default", "reviews", 1, 1));
        assertThat(paste.objects()).hasSize(2);
        DestinationRule dr = (DestinationRule) paste.objects().get(0).object();
        assertThat(dr.getMetadata().getNamespace()).isEqualTo("default");
        assertThat(dr.getApiVersion()).isEqualTo("networking.istio.io/v1");
        assertThat(paste.objects().get(0).document()).isEqualTo(2);
        assertThat(paste.objects().get(0).line()).isEqualTo(6);
        assertThat(paste.objects().get(1).line()).isEqualTo(17);
    }

    @Test
    void readsJsonAndLists() {
        String json = "{\n\t\"apiVersion\": \"networking.istio.io/v1\",\n\t\"kind\": \"List\", \"items\": [\n"
                + "\t{\"apiVersion\": \"networking.istio.io/v1alpha3\", \"kind\": \"Gateway\","
                + " \"metadata\": {\"name\": \"gw\", \"namespace\": \"istio-system\"},"
                + " \"spec\": {\"servers\": [{\"port\": {\"number\": 80, \"name\": \"http\", \"protocol\": \"HTTP\"},"
                + " \"hosts\": [\"*\"]}]}}]}";
        PasteReader.Paste paste = PasteReader.read(json, LIMIT);
        assertThat(paste.problems()).isEmpty();
        assertThat(paste.objects()).singleElement().extracting(p -> p.object().getKind()).isEqualTo("Gateway");
    }

    @Test
    void readsAJsonArrayOfObjects() {
        String json = """
                [{"apiVersion": "v1", "kind": "Service", "metadata": {"name": "a"}},
                 {"apiVersion": "networking.istio.io/v1", "kind": "DestinationRule",
                  "metadata": {"name": "a", "namespace": "x"}, "spec": {"host": "a"}}]
                """;
        PasteReader.Paste paste = PasteReader.read(json, LIMIT);
        assertThat(paste.problems()).isEmpty();
        assertThat(paste.ignored()).extracting(PasteReader.Ignored::kind).containsExactly("Service");
        assertThat(paste.objects()).singleElement().extracting(p -> p.object().getMetadata().getNamespace())
                .isEqualTo("x");
    }

    @Test
    void refusesAliasesAndBillionLaughs() {
        String laughs = """
                a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]
                b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]
                c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]
                d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]
                """;
        PasteReader.Paste paste = PasteReader.read(laughs, LIMIT);
        assertThat(paste.unreadable()).isTrue();
        assertThat(paste.problems()).singleElement().extracting(PasteReader.Problem::reason).isEqualTo("alias");
        assertThat(onlyProblem("a: &x hello\nb: *x\n").reason()).isEqualTo("alias");
        assertThat(onlyProblem("base: &base {a: 1}\nother:\n  <<: *base\n").reason()).isEqualTo("alias");
    }

    @Test
    void syntaxErrorsNameTheirLine() {
        PasteReader.Problem problem = onlyProblem(VS + "---\nkind: VirtualService\nmetadata:\n  name: [unclosed\n");
        assertThat(problem.reason()).isEqualTo("syntax");
        assertThat(problem.document()).isEqualTo(2);
        assertThat(problem.line()).isGreaterThanOrEqualTo(17);
    }

    @Test
    void limitsDocumentsDepthAndSize() {
        assertThat(onlyProblem("a: 1\n---\n".repeat(PasteReader.MAX_DOCUMENTS + 1)).reason()).isEqualTo("documents");
        assertThat(onlyProblem("a: ".repeat(1) + "[".repeat(200) + "]".repeat(200)).reason()).isEqualTo("depth");
        assertThat(PasteReader.read("a: 1\n".repeat(100), 100).problems()).singleElement()
                .extracting(PasteReader.Problem::reason).isEqualTo("size");
        assertThat(onlyProblem("  \n").reason()).isEqualTo("empty");
        assertThat(onlyProblem("---\n---\n").reason()).isEqualTo("empty");
    }

    @Test
    void documentProblems() {
        assertThat(onlyProblem("kind: VirtualService\nmetadata:\n  name: a\n").args()).containsExactly("apiVersion");
        assertThat(onlyProblem("apiVersion: v1\nmetadata:\n  name: a\n").args()).containsExactly("kind");
        assertThat(onlyProblem("apiVersion: v1\nkind: Service\nmetadata: {}\n").args()).containsExactly("metadata.name");
        PasteReader.Problem version = onlyProblem(VS.replace("networking.istio.io/v1", "networking.istio.io/v2"));
        assertThat(version.reason()).isEqualTo("apiVersion");
        assertThat(version.args()).containsExactly("VirtualService", "reviews", "networking.istio.io/v2");
        assertThat(PasteReader.read("- a\n- b\n", LIMIT).problems()).extracting(PasteReader.Problem::reason)
                .containsExactly("notMapping", "notMapping");
        assertThat(onlyProblem("just text").reason()).isEqualTo("notMapping");
        assertThat(onlyProblem("a: 1\na: 2\n").reason()).isEqualTo("duplicateKey");
        assertThat(onlyProblem(VS + "---\n" + VS).reason()).isEqualTo("twice");
        PasteReader.Problem value = onlyProblem(VS.replace("subset: v1", "subset: v1\n      weight: lots"));
        assertThat(value.reason()).isEqualTo("value");
        assertThat(value.args().get(0)).isEqualTo("spec.http[0].route[0].weight");
    }

    @Test
    void unknownFieldsAreFoundAtTheirPath() {
        String text = VS.replace("  - route:", "  - rout: x\n    route:").replace("subset: v1", "subset: v1\n        port2: 1")
                + "  tcpp: []\n";
        PasteReader.Paste paste = PasteReader.read(text, LIMIT);
        assertThat(paste.problems()).isEmpty();
        assertThat(paste.objects().get(0).unknownFields()).extracting(Violation::path)
                .containsExactlyInAnyOrder("spec.http[0].rout", "spec.http[0].route[0].destination.port2", "spec.tcpp");
        String uri = VS.replace("  - route:", "  - match:\n    - uri:\n        prefx: /a\n    route:");
        PasteReader.Paste withUri = PasteReader.read(uri, LIMIT);
        assertThat(withUri.problems()).isEmpty();
        assertThat(withUri.objects().get(0).unknownFields()).extracting(Violation::path)
                .containsExactly("spec.http[0].match[0].uri.prefx");
    }
}
