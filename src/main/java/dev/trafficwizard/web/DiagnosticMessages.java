package dev.trafficwizard.web;

import dev.trafficwizard.routing.Diagnostic;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Component;

import java.util.List;

/** Resolves diagnostics' message keys from the bundles, in the current request's language. */
@Component
class DiagnosticMessages {

    private final MessageSource messages;

    DiagnosticMessages(MessageSource messages) {
        this.messages = messages;
    }

    List<DiagnosticView> resolve(List<Diagnostic> diagnostics) {
        return diagnostics.stream().map(this::resolve).toList();
    }

    DiagnosticView resolve(Diagnostic d) {
        String message = messages.getMessage(d.messageKey(), d.args().toArray(), d.code(),
                LocaleContextHolder.getLocale());
        return new DiagnosticView(d.code(), d.severity().name(), message, d.path());
    }
}
