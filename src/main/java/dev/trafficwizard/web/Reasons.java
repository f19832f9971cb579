package dev.trafficwizard.web;

import dev.trafficwizard.istio.Reason;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Component;

/** The simulator's reasons in the reader's language ({@code @reasons.text(reason)} in simulator.html). */
@Component("reasons")
public class Reasons {

    private final MessageSource messages;

    Reasons(MessageSource messages) {
        this.messages = messages;
    }

    public String text(Reason reason) {
        return reason.render((key, args) -> messages.getMessage(key, args, LocaleContextHolder.getLocale()));
    }
}
