package dev.trafficwizard.web;

import jakarta.servlet.ServletContext;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.stereotype.Component;
import org.thymeleaf.ITemplateEngine;
import org.thymeleaf.context.WebContext;
import org.thymeleaf.web.servlet.JakartaServletWebApplication;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Table rows as HTML, each rendered by its template fragment once per distinct row value and
 * language, then reused. A row's markup is a function of its value (a record: equal values, equal
 * rows), the language and the context path alone, so a changed service has a new value and gets a
 * new rendering; nothing needs invalidating. Rendering the services page's rows through the
 * template engine on every request was most of that page's time (see docs/performance.md).
 * <p>
 * The fragment is still rendered by Thymeleaf, so its text is escaped as on any page. The
 * {@link #MAX_ROWS} most recently used renderings are kept, for at most {@link #MAX_LANGUAGES}
 * languages: rows in further languages (any {@code ?lang=} is accepted) are rendered, not kept.
 */
@Component
class RenderedRows {

    static final int MAX_ROWS = 20_000;
    static final int MAX_LANGUAGES = 4;

    private final ITemplateEngine engine;
    private final JakartaServletWebApplication application;
    private final Set<Locale> languages = ConcurrentHashMap.newKeySet();
    private final Map<Key, String> rendered = Collections.synchronizedMap(new LinkedHashMap<>(1024, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Key, String> eldest) {
            return size() > MAX_ROWS;
        }
    });

    private record Key(String contextPath, String selector, Locale locale, Object row) {
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
        boolean keep = languages.contains(locale) || languages.size() < MAX_LANGUAGES && languages.add(locale);
        for (int i = 0; i < markup.length; i++) {
            Object row = rows.get(i);
            Key key = new Key(request.getContextPath(), selector, locale, row);
            String html = rendered.get(key);
            if (html == null) {
                WebContext context = new WebContext(application.buildExchange(request, response), locale,
                        Map.of(variable, row));
                html = engine.process(template, Set.of(fragment), context);
                if (keep) {
                    rendered.put(key, html);
                }
            }
            markup[i] = html;
        }
        return String.join("", markup);
    }
}
