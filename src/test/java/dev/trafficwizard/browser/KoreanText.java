package dev.trafficwizard.browser;

import com.microsoft.playwright.Page;
import dev.trafficwizard.catalog.Catalog;
import dev.trafficwizard.catalog.ServiceSummary;
import dev.trafficwizard.catalog.VersionSummary;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a Korean reader meets on a page, and the English words in it: visible text, the page title
 * and accessible names, outside code, YAML and the names of things (product names, the cluster's
 * namespaces, services, versions, users).
 */
final class KoreanText {

    /** Names that stay as they are in Korean text: products, Istio kinds, protocols, HTTP methods. */
    private static final Set<String> ALLOWED = Set.of("traffic", "wizard", "istio", "virtualservice",
            "virtualservices", "destinationrule", "destinationrules", "gateway", "gateways", "yaml", "http", "https",
            "uri", "api", "rest", "openapi", "kubernetes", "envoy", "utc", "json", "jwt", "swagger", "get", "post",
            "put", "patch", "delete", "head", "options", "nr", "mesh", "oidc", "dns", "fqdn", "csrf", "re2", "ip",
            "deployment", "deployments", "service", "pod", "pods", "configmap", "httproute", "httproutes",
            "tls", "sni", "tcp", "sourcelabels",
            // #18 own: the tools that may own routing
            "argo", "cd", "flux", "flagger", "rollouts",
            // #18: the names of Git and GitOps (as Korean documentation writes them)
            "git", "gitops");
    /**
     * The text a reader meets: visible text nodes (not inside code, pre, kbd or an element marked as
     * another language, nor the diagram's match notation in Istio's field names, .tw-dg-code), option labels,
     * the title, and aria-label / title / placeholder / alt of visible elements.
     */
    static final String READ_TEXT = """
            () => {
              const skip = 'code, pre, kbd, samp, script, style, noscript, template, .tw-dg-code, [lang]:not([lang="ko"]):not(html)';
              const out = [document.title];
              const visible = el => el.checkVisibility ? el.checkVisibility({ visibilityProperty: true }) : true;
              const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
              while (walker.nextNode()) {
                const text = walker.currentNode.nodeValue.trim();
                const el = walker.currentNode.parentElement;
                if (!text || !el || el.closest(skip)) continue;
                if (el.closest('option') || visible(el)) out.push(text);
              }
              document.querySelectorAll('[aria-label], [title], [placeholder], img[alt]').forEach(el => {
                if (el.closest(skip) || !visible(el)) return;
                ['aria-label', 'title', 'placeholder', 'alt'].forEach(a => { if (el.getAttribute(a)) out.push(el.getAttribute(a)); });
              });
              return out;
            }""";

    private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{N}._\\-/:*@'%\"=~^$()\\[\\]?+]+");
    private static final Pattern ENGLISH = Pattern.compile("[A-Za-z]{2,}");

    private KoreanText() {
    }

    /** The English words a reader meets on {@code page}, each with the text it stands in. */
    static Set<String> englishOn(Page page, Set<String> names) {
        Set<String> english = new TreeSet<>();
        for (Object text : (List<?>) page.evaluate(READ_TEXT)) {
            english.addAll(englishWords(String.valueOf(text), names).stream()
                    .map(w -> w + " in \"" + abbreviate(String.valueOf(text)) + "\"").toList());
        }
        return english;
    }

    /** Words of {@code text} in Latin letters that are not names: any token with a digit, dot, slash, hyphen ... is a name. */
    static List<String> englishWords(String text, Set<String> names) {
        List<String> out = new ArrayList<>();
        Matcher m = WORD.matcher(text);
        while (m.find()) {
            String token = m.group().replaceAll("^[\"'(\\[]+|[\"')\\].:?]+$", "");
            String lower = token.toLowerCase(Locale.ROOT);
            if (!ENGLISH.matcher(token).matches() || ALLOWED.contains(lower) || names.contains(lower)) {
                continue;
            }
            out.add(token);
        }
        return out;
    }

    /** The namespaces, services, versions and users of the demo cluster: names, not English. */
    static Set<String> clusterNames(Catalog catalog) {
        Set<String> names = new HashSet<>(List.of("admin", "operator", "viewer"));
        for (String namespace : catalog.namespaces()) {
            names.add(namespace.toLowerCase(Locale.ROOT));
        }
        for (ServiceSummary s : catalog.page(null, null, 0, 1000).rows()) {
            names.add(s.namespace().toLowerCase(Locale.ROOT));
            names.add(s.name().toLowerCase(Locale.ROOT));
            names.add(s.versionLabel().toLowerCase(Locale.ROOT));
            for (VersionSummary v : s.versions()) {
                names.add(v.version().toLowerCase(Locale.ROOT));
            }
        }
        return names;
    }

    static String abbreviate(String text) {
        String one = text.replaceAll("\\s+", " ");
        return one.length() > 90 ? one.substring(0, 90) + "…" : one;
    }
}
