package dev.trafficwizard.web;

import dev.trafficwizard.analysis.Finding;
import dev.trafficwizard.routing.Diagnostic;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Component;

import java.util.List;

/**
 * Resolves the message keys of diagnostics (of plans) and findings (of the live checks and pastes)
 * from the bundles, in the current request's language: the one resolver of pages and the API.
 */
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

    List<FindingView> resolveFindings(List<Finding> findings) {
        return findings.stream().map(this::resolve).toList();
    }

    FindingView resolve(Finding f) {
        String message = messages.getMessage(f.messageKey(), f.args().toArray(), f.code(),
                LocaleContextHolder.getLocale());
        return new FindingView(f.code(), f.istioCode(), f.severity().name(), message,
                new FindingView.ObjectView(f.object().kind(), f.object().namespace(), f.object().name()), f.path(), null);
    }
}
