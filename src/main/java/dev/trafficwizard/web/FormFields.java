package dev.trafficwizard.web;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.beans.BeanUtils;
import org.springframework.beans.TypeMismatchException;
import org.springframework.http.HttpStatus;
import org.springframework.validation.BindException;
import org.springframework.validation.FieldError;
import org.springframework.web.bind.WebDataBinder;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.InitBinder;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.ModelAndView;

import java.beans.PropertyDescriptor;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * What the page forms may bind: the fields the forms have, and rows only up to
 * {@link FormPlans#MAX_ROWS} (a crafted {@code rules[100000].name} would otherwise make the binder
 * grow a list or fail). A value that cannot be converted (a revision that is not a number) gets a
 * 400 page naming the field instead of a bare error.
 */
@ControllerAdvice(assignableTypes = {RoutingFormController.class, ReviewController.class, ServiceController.class,
        ServicesController.class, HistoryController.class})
class FormFields {

    /** Row lists: they bind only with an index ({@code rules[0].name}), never as a whole. */
    private static final Set<String> ROW_LISTS = Set.of("rules", "hostRoutes", "editor", "policies");
    /** The rules editor's rule fields that are lists: bound with their own index (or, retryOn, as repeated values). */
    private static final Set<String> RULE_LISTS = Set.of("match", "version", "weight", "headerChanges");
    /** Every other property of the two form objects, as the binder names them. */
    private static final Set<String> SIMPLE = Stream.of(RoutingForm.class, SimulationForm.class)
            .flatMap(type -> writable(type).stream()).filter(name -> !ROW_LISTS.contains(name))
            .collect(Collectors.toUnmodifiableSet());
    private static final Pattern ROW = Pattern.compile(
            "(?:rules\\[(\\d{1,3})]\\.(?:" + String.join("|", writable(RoutingForm.MatchRow.class)) + ")"
                    + "|hostRoutes\\[(\\d{1,3})]\\.(?:" + String.join("|", writable(RoutingForm.HostRow.class)) + ")"
                    + "|(?:version|weight)\\[(\\d{1,3})]"
                    + "|editor\\[(\\d{1,3})]\\.(?:" + String.join("|", writable(EditorForm.RuleRow.class).stream()
                    .filter(n -> !RULE_LISTS.contains(n)).toList()) + ")"
                    + "|editor\\[(\\d{1,3})]\\.(?:version|weight)\\[(\\d{1,3})]"
                    + "|editor\\[(\\d{1,3})]\\.match\\[(\\d{1,3})]\\.conds\\[(\\d{1,3})]\\.(?:"
                    + String.join("|", writable(EditorForm.Condition.class)) + ")"
                    + "|editor\\[(\\d{1,3})]\\.headerChanges\\[(\\d{1,3})]\\.(?:"
                    + String.join("|", writable(EditorForm.HeaderRow.class)) + ")"
                    + "|policies\\[(\\d{1,3})]\\.(?:" + String.join("|", writable(PolicyForm.class)) + "))");

    private static List<String> writable(Class<?> type) {
        return Arrays.stream(BeanUtils.getPropertyDescriptors(type)).filter(p -> p.getWriteMethod() != null)
                .map(PropertyDescriptor::getName).toList();
    }

    @InitBinder
    void onlyFormFields(WebDataBinder binder, HttpServletRequest request) {
        Class<?> type = binder.getTarget() != null ? binder.getTarget().getClass()
                : binder.getTargetType() != null ? binder.getTargetType().resolve() : null;
        if (type == RoutingForm.class || type == SimulationForm.class) {
            binder.setAllowedFields(request.getParameterMap().keySet().stream()
                    .map(name -> name.startsWith("_") ? name.substring(1) : name)
                    .filter(FormFields::allowed).distinct().toArray(String[]::new));
        }
    }

    static boolean allowed(String name) {
        if (SIMPLE.contains(name)) {
            return true;
        }
        Matcher row = ROW.matcher(name);
        if (!row.matches()) {
            return false;
        }
        for (int g = 1; g <= row.groupCount(); g++) {
            if (row.group(g) != null && Integer.parseInt(row.group(g)) >= FormPlans.MAX_ROWS) {
                return false;
            }
        }
        return true;
    }

    @ExceptionHandler(BindException.class)
    ModelAndView unbindable(BindException e) {
        return badRequest(e.getFieldErrors().stream().map(FieldError::getField).distinct().toList());
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ModelAndView unconvertible(TypeMismatchException e) {
        return badRequest(List.of(e.getPropertyName() == null ? "?" : e.getPropertyName()));
    }

    private static ModelAndView badRequest(List<String> fields) {
        ModelAndView page = new ModelAndView("error", HttpStatus.BAD_REQUEST);
        page.addObject("status", 400);
        page.addObject("badFields", fields);
        return page;
    }
}
