package dev.trafficwizard.web;

import dev.trafficwizard.routing.Diagnostic;
import dev.trafficwizard.routing.DiagnosticCode;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.resource.NoResourceFoundException;

import java.util.List;

/**
 * An address no page or endpoint answers (for instance a service name containing a slash): the API
 * answers with its JSON diagnostics naming the URL, pages with the error page.
 */
@ControllerAdvice
@Order(Ordered.LOWEST_PRECEDENCE)
class UnknownAddresses {

    private final DiagnosticMessages messages;

    UnknownAddresses(DiagnosticMessages messages) {
        this.messages = messages;
    }

    @ExceptionHandler(NoResourceFoundException.class)
    Object notFound(HttpServletRequest request) {
        if (request.getRequestURI().startsWith("/api/")) {
            return ResponseEntity.status(HttpStatus.NOT_FOUND).contentType(MediaType.APPLICATION_JSON)
                    .body(ApiResponses.ErrorResponse.of(messages.resolve(
                            List.of(Diagnostic.error(DiagnosticCode.NOT_FOUND, "url")))));
        }
        ModelAndView page = new ModelAndView("error", HttpStatus.NOT_FOUND);
        page.addObject("status", 404);
        page.addObject("error", "Not Found");
        return page;
    }
}
