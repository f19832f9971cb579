package dev.trafficwizard.web;

import org.springframework.stereotype.Component;
import org.springframework.web.util.HtmlUtils;

import java.util.List;

/**
 * The {@code <option>} elements of a long select list (the services page's namespace filter: one
 * per namespace, 300 and more on a big cluster) as escaped HTML. Written here instead of by a
 * Thymeleaf loop, which evaluated three expressions per option on every request; the escaped
 * list is kept (by this bean) until the values change, and a request only marks its selected option.
 */
@Component
class OptionsHtml {

    /** The last list written, with its markup (nothing selected). */
    private volatile Written last = new Written(List.of(), "");

    private record Written(List<String> values, String html) {
    }

    /** One option per value, its text the value itself; {@code selected} (may be null) marked selected. */
    String of(List<String> values, String selected) {
        Written written = last;
        if (!written.values().equals(values)) {
            written = new Written(List.copyOf(values), write(values));
            last = written;
        }
        if (selected == null || !values.contains(selected)) {
            return written.html();
        }
        String option = option(selected);
        int at = written.html().indexOf(option) + option.length() - 1;
        return written.html().substring(0, at) + " selected=\"selected\"" + written.html().substring(at);
    }

    private static String write(List<String> values) {
        StringBuilder html = new StringBuilder(values.size() * 48);
        for (String value : values) {
            html.append(option(value)).append(HtmlUtils.htmlEscape(value)).append("</option>");
        }
        return html.toString();
    }

    /** The opening tag of a value's option. */
    private static String option(String value) {
        return "<option value=\"" + HtmlUtils.htmlEscape(value) + "\">";
    }
}
