package dev.trafficwizard.web;

import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A diagnostic's field path in words for the pages ({@code rules[1].match[0].headers.x-a} is
 * "Rule 2 · header"), where a message is shown away from its field: the list of reasons an apply
 * was refused. The API keeps the path itself.
 */
@Component("fieldLabels")
public class FieldLabels {

    private static final Pattern RULE = Pattern.compile("rules\\[(\\d+)](.*)");
    /** The first of these found in the rest of a rule's path names the part of the rule. */
    private static final List<Map.Entry<String, String>> RULE_PARTS = List.of(
            Map.entry(".mirror", "field.rule.mirror"), Map.entry(".fault", "field.rule.fault"),
            Map.entry(".timeout", "field.rule.timeout"), Map.entry(".retries", "field.rule.retries"),
            Map.entry("].headers.request", "field.rule.headerChanges"),
            Map.entry("].headers.response", "field.rule.headerChanges"),
            Map.entry(".withoutHeaders", "field.rule.withoutHeader"), Map.entry(".port", "field.rule.port"),
            Map.entry(".sourceLabels", "field.rule.sourceLabel"),
            Map.entry(".weight", "field.rule.weight"), Map.entry(".headers", "field.rule.header"),
            Map.entry(".uri", "field.rule.uri"), Map.entry(".authority", "field.rule.host"),
            Map.entry(".method", "field.rule.method"), Map.entry(".queryParams", "field.rule.query"),
            Map.entry(".route", "field.rule.versions"));
    private static final List<String> SECTIONS = List.of("gateway", "hosts", "rules", "stickySession", "trafficPolicy",
            "versionPolicies", "baseVersion",
            "service", "namespace", "revision", "body");

    private final MessageSource messages;

    FieldLabels(MessageSource messages) {
        this.messages = messages;
    }

    public String of(String path) {
        if (path == null || path.isEmpty()) {
            return "";
        }
        Matcher rule = RULE.matcher(path);
        if (rule.matches()) {
            String label = message("field.rule", Integer.parseInt(rule.group(1)) + 1);
            return RULE_PARTS.stream().filter(p -> rule.group(2).contains(p.getKey())).findFirst()
                    .map(p -> label + " · " + message(p.getValue())).orElse(label);
        }
        return SECTIONS.stream().filter(s -> path.equals(s) || path.startsWith(s + ".") || path.startsWith(s + "["))
                .findFirst().map(s -> message("field." + s)).orElse(path);
    }

    private String message(String key, Object... args) {
        return messages.getMessage(key, args, LocaleContextHolder.getLocale());
    }
}
