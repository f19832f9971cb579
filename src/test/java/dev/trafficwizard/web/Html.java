package dev.trafficwizard.web;

import org.springframework.web.util.HtmlUtils;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Just enough HTML reading for page assertions: an element by id, its text, the ids present. */
final class Html {

    private static final Set<String> VOID = Set.of("input", "meta", "link", "img", "br", "hr");
    private static final Pattern TAG = Pattern.compile("<(/?)([a-zA-Z][a-zA-Z0-9-]*)\\b[^>]*?(/?)>");
    private static final Pattern ID = Pattern.compile("\\bid=\"([^\"]+)\"");

    private Html() {
    }

    /** The outer HTML of the element with this id; fails when there is none or more than one. */
    static String element(String html, String id) {
        Matcher idMatch = Pattern.compile("\\bid=\"" + Pattern.quote(id) + "\"").matcher(html);
        if (!idMatch.find()) {
            throw new AssertionError("no element with id '" + id + "' in:\n" + html);
        }
        int idAt = idMatch.start();
        if (idMatch.find()) {
            throw new AssertionError("more than one element with id '" + id + "'");
        }
        int start = html.lastIndexOf('<', idAt);
        Matcher tag = TAG.matcher(html);
        if (!tag.find(start) || tag.start() != start) {
            throw new AssertionError("cannot read the tag of '" + id + "'");
        }
        String name = tag.group(2).toLowerCase(Locale.ROOT);
        if (VOID.contains(name) || !tag.group(3).isEmpty()) {
            return tag.group();
        }
        int depth = 0;
        tag = TAG.matcher(html);
        tag.region(start, html.length());
        while (tag.find()) {
            if (!tag.group(2).equalsIgnoreCase(name) || !tag.group(3).isEmpty()) {
                continue;
            }
            depth += tag.group(1).isEmpty() ? 1 : -1;
            if (depth == 0) {
                return html.substring(start, tag.end());
            }
        }
        throw new AssertionError("element '" + id + "' is not closed");
    }

    /** The visible text of an HTML snippet: tags dropped, entities decoded, white space collapsed. */
    static String text(String html) {
        return HtmlUtils.htmlUnescape(html.replaceAll("<[^>]*>", " ")).replaceAll("\\s+", " ").trim();
    }

    /** The text of the element with this id. */
    static String text(String html, String id) {
        return text(element(html, id));
    }

    /** The ids of all elements, in document order. */
    static List<String> ids(String html) {
        List<String> ids = new ArrayList<>();
        Matcher m = ID.matcher(html);
        while (m.find()) {
            ids.add(m.group(1));
        }
        return ids;
    }

    /** The opening tag of the element with this id. */
    static String openingTag(String html, String id) {
        String element = element(html, id);
        return element.substring(0, element.indexOf('>') + 1);
    }
}
