package dev.trafficwizard.web;

import dev.trafficwizard.istio.ServiceRoutes;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Component;

import java.util.Locale;

/** Routing diagrams in the current request's language (the words come from the message bundles). */
@Component
class Diagrams {

    private final MessageSource messages;

    Diagrams(MessageSource messages) {
        this.messages = messages;
    }

    /** The SVG of a service's routes; null without routes. */
    String svg(ServiceRoutes routes, String idPrefix) {
        return routes == null ? null : RoutingDiagram.svg(routes, labels(), idPrefix);
    }

    RoutingDiagram.Labels labels() {
        Locale locale = LocaleContextHolder.getLocale();
        return new RoutingDiagram.Labels(text("mesh", locale), text("via", locale), text("allRequests", locale),
                text("allOther", locale), text("roundRobin", locale), text("notFound", locale),
                text("neverReached", locale), text("delegated", locale),
                n -> messages.getMessage("diagram.readyPods", new Object[] {n}, locale),
                n -> messages.getMessage("diagram.rule", new Object[] {n}, locale),
                host -> messages.getMessage("diagram.title", new Object[] {host}, locale),
                text("mirror", locale), text("mirrorIgnored", locale));
    }

    private String text(String key, Locale locale) {
        return messages.getMessage("diagram." + key, null, locale);
    }
}
