package dev.trafficwizard.web;

import jakarta.servlet.ServletContext;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.stereotype.Component;
import org.thymeleaf.ITemplateEngine;
import org.thymeleaf.context.WebContext;
import org.thymeleaf.web.servlet.JakartaServletWebApplication;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Table rows as HTML, each rendered by its template fragment once per distinct row value and
 * language, then reused. A row's markup is a function of its value (a record: equal values, equal
 * rows) and the language alone, so a changed service has a new value and gets a new rendering;
 * nothing needs invalidating. Rendering the services page's rows through the template engine on
 * every request was most of that page's time (see docs/performance.md); a stored row is appended.
 * <p>
 * The fragment is still rendered by Thymeleaf, so its text is escaped as on any page. At most
 * {@link #MAX_ROWS} renderings are kept; past that the store starts over.
 */
@Component
class RenderedRows {

    static final int MAX_ROWS = 20_000;

    private final ITemplateEngine engine;
    private final JakartaServletWebApplication application;
    private final Map<Key, String> rendered = new ConcurrentHashMap<>();

    private record Key(String fragment, Locale locale, Object row) {
    }

    RenderedRows(ITemplateEngine engine, ServletContext servletContext) {
        this.engine = engine;
        this.application = JakartaServletWebApplication.buildApplication(servletContext);
    }

    /**
     * The rows, one rendering of {@code template :: fragment} each, with the row as variable
     * {@code variable}, joined.
     */
    String html(String template, String fragment, String variable, List<?> rows, Locale locale,
                HttpServletRequest request, HttpServletResponse response) {
        String[] markup = new String[rows.size()];
        String selector = template + " :: " + fragment;
        for (int i = 0; i < markup.length; i++) {
            Object row = rows.get(i);
            Key key = new Key(selector, locale, row);
            String html = rendered.get(key);
            if (html == null) {
                WebContext context = new WebContext(application.buildExchange(request, response), locale,
                        Map.of(variable, row));
                html = engine.process(template, Set.of(fragment), context);
                if (rendered.size() >= MAX_ROWS) {
                    rendered.clear();
                }
                rendered.put(key, html);
            }
            markup[i] = html;
        }
        return String.join("", markup);
    }
}
