package dev.trafficwizard.web;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.parser.Parser;
import org.jsoup.select.Elements;

import java.util.List;

/**
 * Page assertions read through jsoup: an element by id, its text, the ids present. Fragments
 * (htmx answers, table rows) are parsed as they stand, without the HTML tree builder moving
 * rows out of their missing table.
 */
final class Html {

    private Html() {
    }

    /** The outer HTML of the element with this id; fails when there is none or more than one. */
    static String element(String html, String id) {
        return find(html, id).outerHtml();
    }

    /** The visible text of an HTML snippet: tags dropped, entities decoded, white space collapsed. */
    static String text(String html) {
        Document document = parse(html);
        // a space where each tag stood, as a reader sees separate elements
        document.getAllElements().forEach(e -> e.prependText(" ").appendText(" "));
        return document.text().replaceAll("\\s+", " ").trim();
    }

    /** The text of the element with this id. */
    static String text(String html, String id) {
        return text(element(html, id));
    }

    /** The ids of all elements, in document order. */
    static List<String> ids(String html) {
        return parse(html).select("[id]").eachAttr("id");
    }

    /** The opening tag of the element with this id. */
    static String openingTag(String html, String id) {
        Element element = find(html, id).shallowClone();
        element.empty();
        String outer = element.outerHtml();
        return outer.substring(0, outer.indexOf('>') + 1);
    }

    private static Element find(String html, String id) {
        Elements found = parse(html).select("[id=" + id + "]");
        if (found.isEmpty()) {
            throw new AssertionError("no element with id '" + id + "' in:\n" + html);
        }
        if (found.size() > 1) {
            throw new AssertionError("more than one element with id '" + id + "'");
        }
        return found.first();
    }

    private static Document parse(String html) {
        return Jsoup.parse(html, "", Parser.htmlParser().setTrackErrors(0));
    }
}
