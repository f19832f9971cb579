package dev.trafficwizard.web;

import org.springframework.web.bind.WebDataBinder;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.InitBinder;

import java.beans.PropertyEditorSupport;

/**
 * Whole numbers in request parameters, path variables and form fields (a revision, a rollback
 * target) bind from ASCII digits only ({@link AsciiNumbers}). A property editor, because a
 * conversion service's refusal would fall back to Spring's default number editor, which reads any
 * Unicode digit ({@code Integer.decode}).
 */
@ControllerAdvice
class AsciiNumberBinding {

    @InitBinder
    void asciiIntegers(WebDataBinder binder) {
        binder.registerCustomEditor(Integer.class, new AsciiInteger());
        binder.registerCustomEditor(int.class, new AsciiInteger());
    }

    private static final class AsciiInteger extends PropertyEditorSupport {

        @Override
        public void setAsText(String text) {
            setValue(text == null || text.isBlank() ? null : AsciiNumbers.parse(text.trim()));
        }

        @Override
        public String getAsText() {
            return getValue() == null ? "" : getValue().toString();
        }
    }
}
