package dev.trafficwizard.web;

import dev.trafficwizard.istio.RoutingModel;
import dev.trafficwizard.istio.ServiceRoutes;
import dev.trafficwizard.routing.TargetService;
import dev.trafficwizard.routing.TargetService.ServiceVersion;
import io.fabric8.istio.api.api.networking.v1alpha3.HTTPMatchRequestBuilder;
import io.fabric8.istio.api.api.networking.v1alpha3.HTTPRoute;
import io.fabric8.istio.api.api.networking.v1alpha3.HTTPRouteBuilder;
import io.fabric8.istio.api.api.networking.v1alpha3.StringMatch;
import io.fabric8.istio.api.api.networking.v1alpha3.StringMatchPrefix;
import io.fabric8.istio.api.networking.v1.DestinationRule;
import io.fabric8.istio.api.networking.v1.Gateway;
import io.fabric8.istio.api.networking.v1.VirtualService;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;

import javax.xml.parsers.DocumentBuilderFactory;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static dev.trafficwizard.istio.IstioObjects.vs;
import static dev.trafficwizard.istio.IstioObjects.rule;
import static dev.trafficwizard.istio.IstioObjects.dest;
import static dev.trafficwizard.istio.IstioObjects.header;
import static dev.trafficwizard.istio.IstioObjects.exact;
import static dev.trafficwizard.istio.IstioObjects.dr;
import static dev.trafficwizard.istio.IstioObjects.gateway;
import static org.assertj.core.api.Assertions.assertThat;

class RoutingDiagramTest {

    static final String REVIEWS = "reviews.bookinfo.svc.cluster.local";
    static final TargetService REVIEWS_SERVICE = new TargetService("bookinfo", "reviews", "version", List.of(
            new ServiceVersion("v1", 2, 2), new ServiceVersion("v2", 1, 1), new ServiceVersion("v3", 1, 1)));
    static final DestinationRule REVIEWS_DR = dr("bookinfo", REVIEWS, "v1", "v2", "v3");

    static final String WEBAPP = "fleetman-webapp.default.svc.cluster.local";
    static final TargetService WEBAPP_SERVICE = new TargetService("default", "fleetman-webapp", "version", List.of(
            new ServiceVersion("original", 2, 2), new ServiceVersion("experimental", 1, 1)));

    @Test
    void aNinetyTenSplitHasTwoEdgesLabelledWithTheirPercentAndAsThickAsTheirShare() throws Exception {
        VirtualService vs = vs("bookinfo", "reviews", List.of("reviews"), List.of(),
                rule(List.of(), dest("reviews", "v1", 90), dest("reviews", "v3", 10)));
        Document svg = parse(diagram(REVIEWS_SERVICE, List.of(vs), List.of(REVIEWS_DR), List.of()));

        assertThat(texts(svg, "tw-dg-pct")).containsExactly("90 %", "10 %");
        List<Element> shares = byClass(svg, "path", "tw-dg-edge").stream()
                .filter(p -> !p.getAttribute("class").contains("tw-dg-link")).toList();
        assertThat(shares).hasSize(2);
        double thick = Double.parseDouble(shares.get(0).getAttribute("stroke-width"));
        double thin = Double.parseDouble(shares.get(1).getAttribute("stroke-width"));
        assertThat(thick).isGreaterThan(thin * 3);
        assertThat(texts(svg, "tw-dg-entry")).containsExactly("Mesh", REVIEWS);
        assertThat(texts(svg, "tw-dg-rule")).containsExactly("1", "all requests");
        assertThat(texts(svg, "tw-dg-version")).containsExactly("v1", "2 ready pods", "v2", "1 ready pod", "v3",
                "1 ready pod");
        List<double[]> boxes = boxes(svg);
        assertThat(boxes).as("no two boxes overlap").allSatisfy(a -> boxes.stream().filter(b -> b != a)
                .forEach(b -> assertThat(overlap(a, b)).as("%s and %s", Arrays.toString(a), Arrays.toString(b)).isFalse()));
        Element root = svg.getDocumentElement();
        assertThat(boxes(svg)).allSatisfy(b -> assertThat(b[0] + b[2]).isLessThanOrEqualTo(
                Double.parseDouble(root.getAttribute("width"))));
        assertThat(root.getAttribute("viewBox")).isEqualTo("0 0 " + root.getAttribute("width") + " "
                + root.getAttribute("height"));
    }

    @Test
    void subdomainsThroughAGatewayHaveAnEntryPerHostAndTheMeshIsRoundRobin() throws Exception {
        Gateway gateway = gateway("default", "fleetman-gateway", "fleetman.com", "*.fleetman.com");
        VirtualService vs = vs("default", "fleetman-webapp", List.of("fleetman.com", "*.fleetman.com"),
                List.of("fleetman-gateway"),
                rule(List.of(new HTTPMatchRequestBuilder().withAuthority(exact("experimental.fleetman.com")).build()),
                        dest(WEBAPP, "experimental", null)),
                rule(List.of(new HTTPMatchRequestBuilder().withAuthority(exact("fleetman.com")).build()),
                        dest(WEBAPP, "original", null)));
        String markup = diagram(WEBAPP_SERVICE, List.of(vs), List.of(dr("default", WEBAPP, "original", "experimental")),
                List.of(gateway));
        Document svg = parse(markup);

        assertThat(texts(svg, "tw-dg-entry")).containsExactly("Mesh", WEBAPP,
                "fleetman.com", "via default/fleetman-gateway", "*.fleetman.com", "via default/fleetman-gateway");
        assertThat(texts(svg, "tw-dg-rule")).containsExactly("round robin (no VirtualService)",
                "1", "authority = experimental.fleetman.com", "2", "authority = fleetman.com", "other requests → 404",
                "1", "authority = experimental.fleetman.com", "2", "authority = fleetman.com", "other requests → 404");
        assertThat(texts(svg, "tw-dg-pct")).containsExactly("67 %", "33 %", "100 %", "100 %", "100 %", "100 %");
        assertThat(byClass(svg, "path", "tw-dg-link")).hasSize(7);

        save("subdomain", markup);
    }

    @Test
    void headerRoutingShowsTheNotationThenTheCatchAll() throws Exception {
        VirtualService vs = vs("bookinfo", "reviews", List.of("reviews"), List.of(),
                rule(List.of(header("end-user", "jason")), dest("reviews", "v2", null)),
                rule(List.of(), dest("reviews", "v1", 90), dest("reviews", "v3", 10)),
                rule(List.of(header("x-late", "yes")), dest("reviews", "v3", null)));
        ServiceRoutes routes = RoutingModel.of(List.of(vs), List.of(REVIEWS_DR), List.of(), REVIEWS_SERVICE).service();
        String markup = RoutingDiagram.svg(routes, RoutingDiagram.Labels.ENGLISH, "reviews");
        save("header", markup);
        Document svg = parse(markup);

        assertThat(texts(svg, "tw-dg-rule")).containsExactly("1", "header end-user = jason", "2",
                "all other requests", "3", "header x-late = yes", "never reached");
        assertThat(byClass(svg, "g", "tw-dg-muted")).singleElement()
                .satisfies(g -> assertThat(g.getTextContent()).contains("never reached"));
        assertThat(RoutingDiagram.text(routes, RoutingDiagram.Labels.ENGLISH)).containsExactly(
                "Mesh · reviews.bookinfo.svc.cluster.local: rule 1 (header end-user = jason) → v2 100 %; "
                + "all other requests → v1 90 %, v3 10 %; rule 3 (header x-late = yes): never reached");
        Element root = svg.getDocumentElement();
        assertThat(root.getAttribute("role")).isEqualTo("img");
        assertThat(root.getAttribute("aria-labelledby")).isEqualTo("reviews-title reviews-desc");
        assertThat(child(root, "title").getAttribute("id")).isEqualTo("reviews-title");
        assertThat(child(root, "desc").getAttribute("id")).isEqualTo("reviews-desc");
        assertThat(child(root, "desc").getTextContent()).contains("rule 1 (header end-user = jason) → v2 100 %");
    }

    @Test
    void hostileValuesAreEscapedAndLongOnesCutWithTheFullTextAsTooltip() throws Exception {
        String hostile = "<script>alert(1)</script>\"'&";
        VirtualService vs = vs("bookinfo", "reviews", List.of("reviews"), List.of(),
                rule(List.of(header("x-evil", hostile)), dest("reviews", "v2", null)),
                rule(List.of(header("x-long", "a".repeat(120))), dest("reviews", "v3", null)),
                rule(List.of(), dest("reviews", "v1", null)));
        ServiceRoutes routes = RoutingModel.of(List.of(vs), List.of(REVIEWS_DR), List.of(), REVIEWS_SERVICE).service();
        String markup = RoutingDiagram.svg(routes, RoutingDiagram.Labels.ENGLISH, "x\" onload=\"alert(1)");
        save("hostile", markup);
        Document svg = parse(markup);

        assertThat(markup).doesNotContain("<script").contains("&lt;script&gt;alert(1)&lt;/script&gt;&quot;&#39;&amp;")
                .doesNotContain("onload=");
        assertThat(svg.getElementsByTagName("script").getLength()).isZero();
        assertThat(texts(svg, "tw-dg-rule")).anySatisfy(t -> assertThat(t).startsWith("header x-evil = <script>"));
        assertThat(byClass(svg, "g", "tw-dg-rule")).anySatisfy(g -> assertThat(child(g, "title").getTextContent())
                .isEqualTo("rule 1 (header x-evil = " + hostile + ")"));
        String cut = texts(svg, "tw-dg-rule").stream().filter(t -> t.startsWith("header x-long")).findFirst().orElseThrow();
        assertThat(cut).endsWith("…").hasSizeLessThan(50);
        assertThat(byClass(svg, "g", "tw-dg-rule")).anySatisfy(g -> assertThat(child(g, "title").getTextContent())
                .isEqualTo("rule 2 (header x-long = " + "a".repeat(120) + ")"));
        assertThat(SvgWriter.escape("a\u0000b\uD800c")).isEqualTo("a\uFFFDb\uFFFDc");
    }

    @Test
    void textHasOneSentencePerEntryPoint() throws Exception {
        Gateway gateway = gateway("bookinfo", "bookinfo-gateway", "bookinfo.example");
        VirtualService outside = vs("bookinfo", "reviews-outside", List.of("bookinfo.example"),
                List.of("bookinfo-gateway"), rule(List.of(), dest("reviews", "v3", null)));
        VirtualService missing = vs("bookinfo", "reviews", List.of("reviews"), List.of(),
                rule(List.of(), dest("reviews", "v1", 50), dest("reviews", "v9", 50)));
        ServiceRoutes routes = RoutingModel.of(List.of(outside, missing), List.of(REVIEWS_DR), List.of(gateway),
                REVIEWS_SERVICE).service();

        save("gateway-503", RoutingDiagram.svg(routes, RoutingDiagram.Labels.ENGLISH, "g"));
        assertThat(RoutingDiagram.text(routes, RoutingDiagram.Labels.ENGLISH)).containsExactly(
                "Mesh · reviews.bookinfo.svc.cluster.local: all requests → v1 50 %, 503 (v9) 50 %",
                "bookinfo.example via bookinfo/bookinfo-gateway: all requests → v3 100 %");
    }

    @Test
    void redirectsAndOtherHostsGetTheirOwnBoxes() throws Exception {
        HTTPRoute redirect = new HTTPRouteBuilder().withMatch(List.of(new HTTPMatchRequestBuilder()
                .withUri(new StringMatch(new StringMatchPrefix("/old"))).build()))
                .withNewRedirect().withUri("/new").endRedirect().build();
        VirtualService vs = vs("bookinfo", "reviews", List.of("reviews"), List.of(), redirect,
                rule(List.of(), dest("reviews", "v1", 80), dest("ratings", null, 20)));
        ServiceRoutes routes = RoutingModel.of(List.of(vs), List.of(REVIEWS_DR), List.of(), REVIEWS_SERVICE).service();
        String markup = RoutingDiagram.svg(routes, RoutingDiagram.Labels.ENGLISH, null);
        save("redirect", markup);
        Document svg = parse(markup);

        assertThat(texts(svg, "tw-dg-rule")).containsExactly("1", "uri prefix /old", "→ 301 /new", "2",
                "all other requests");
        assertThat(texts(svg, "tw-dg-host")).containsExactly("ratings.bookinfo");
        assertThat(byClass(svg, "g", "tw-dg-host")).singleElement().satisfies(g -> assertThat(
                child(g, "title").getTextContent()).isEqualTo("ratings.bookinfo.svc.cluster.local"));
        assertThat(svg.getDocumentElement().getAttribute("aria-labelledby")).isEqualTo("tw-dg-title tw-dg-desc");
        assertThat(RoutingDiagram.text(routes, RoutingDiagram.Labels.ENGLISH)).containsExactly(
                "Mesh · reviews.bookinfo.svc.cluster.local: rule 1 (uri prefix /old) → 301 /new; "
                + "all other requests → v1 80 %, ratings.bookinfo.svc.cluster.local 20 %");
    }

    @Test
    void aSubsetOfAnotherHostIsNotTakenForTheTargetsVersionOfTheSameName() {
        VirtualService vs = vs("bookinfo", "reviews", List.of("reviews"), List.of(),
                rule(List.of(), dest("reviews", "v1", 50), dest("ratings", "v1", 50)));
        ServiceRoutes routes = RoutingModel.of(List.of(vs), List.of(REVIEWS_DR, dr("bookinfo", "ratings", "v1")),
                List.of(), REVIEWS_SERVICE).service();

        assertThat(RoutingDiagram.text(routes, RoutingDiagram.Labels.ENGLISH)).containsExactly(
                "Mesh · reviews.bookinfo.svc.cluster.local: all requests → v1 50 %, "
                + "ratings.bookinfo.svc.cluster.local (v1) 50 %");
    }

    // helpers

    static String diagram(TargetService target, List<VirtualService> vss, List<DestinationRule> drs,
                          List<Gateway> gateways) {
        return RoutingDiagram.svg(RoutingModel.of(vss, drs, gateways, target).service(), RoutingDiagram.Labels.ENGLISH,
                "dg");
    }

    /** Writes target/diagram-NAME.svg, styled by the project's CSS, to look at in a browser. */
    static void save(String name, String markup) throws Exception {
        Path out = Path.of("target", "diagram-" + name + ".svg");
        Files.createDirectories(out.getParent());
        Files.writeString(out, "<?xml-stylesheet type=\"text/css\" href=\"../frontend/css/app.css\"?>\n" + markup);
    }

    static Document parse(String svg) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(true);
        f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        return f.newDocumentBuilder().parse(new InputSource(new StringReader(svg)));
    }

    /** The elements named {@code tag} whose class list contains {@code css}. */
    static List<Element> byClass(Document doc, String tag, String css) {
        NodeList all = doc.getElementsByTagName(tag);
        List<Element> out = new ArrayList<>();
        for (int i = 0; i < all.getLength(); i++) {
            Element e = (Element) all.item(i);
            if (Arrays.asList(e.getAttribute("class").split(" ")).contains(css)) {
                out.add(e);
            }
        }
        return out;
    }

    /** The visible texts (not tooltips) of the boxes or labels with class {@code css}, in document order. */
    static List<String> texts(Document doc, String css) {
        List<String> out = new ArrayList<>();
        for (String tag : List.of("g", "text")) {
            for (Element e : byClass(doc, tag, css)) {
                NodeList texts = tag.equals("text") ? null : e.getElementsByTagName("text");
                if (texts == null) {
                    out.add(e.getTextContent());
                } else {
                    for (int i = 0; i < texts.getLength(); i++) {
                        out.add(texts.item(i).getTextContent());
                    }
                }
            }
        }
        return out;
    }

    static List<double[]> boxes(Document doc) {
        return byClass(doc, "g", "tw-dg-node").stream().map(g -> child(g, "rect")).map(r -> new double[]{
                d(r, "x"), d(r, "y"), d(r, "width"), d(r, "height")}).toList();
    }

    static boolean overlap(double[] a, double[] b) {
        return a[0] < b[0] + b[2] && b[0] < a[0] + a[2] && a[1] < b[1] + b[3] && b[1] < a[1] + a[3];
    }

    static double d(Element e, String attribute) {
        return Double.parseDouble(e.getAttribute(attribute));
    }

    static Element child(Element parent, String tag) {
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && e.getTagName().equals(tag)) {
                return e;
            }
        }
        throw new AssertionError("no <" + tag + "> in <" + parent.getTagName() + ">");
    }

}
