package io.bugmaster.web;

import io.bugmaster.common.ConflictException;
import io.bugmaster.common.InvalidInputException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The errors of one submitted form, by field, for showing each message next to its input.
 * Errors about fields the form does not show go to {@link #global()}.
 */
public final class FormErrors {
    public static final FormErrors NONE = new FormErrors(Map.of(), null);

    private static final Map<String, String> LABELS = Map.ofEntries(
            Map.entry("name", "Name"), Map.entry("email", "Email"), Map.entry("password", "Password"),
            Map.entry("organization", "Organization name"), Map.entry("role", "Role"), Map.entry("scopes", "Scopes"),
            Map.entry("platform", "Platform"), Map.entry("team", "Team"), Map.entry("teams", "Teams"),
            Map.entry("slug", "Slug"), Map.entry("rateLimit", "Rate limit"), Map.entry("rateLimit.count", "Event count"),
            Map.entry("rateLimit.window", "Window"), Map.entry("member", "Member"), Map.entry("confirm", "Confirmation"),
            Map.entry("bot_token", "Bot token"), Map.entry("signing_secret", "Signing secret"),
            Map.entry("timeline_reaction", "Timeline reaction"));

    private final Map<String, String> byField;
    private final String global;

    private FormErrors(Map<String, String> byField, String global) {
        this.byField = byField;
        this.global = global;
    }

    /** One field's error. */
    public static FormErrors of(String field, String message) {
        return new FormErrors(Map.of(field, message), null);
    }

    /**
     * The error of a rejected submission: an invalid field is shown next to that field when the form
     * has it, a conflict next to {@code conflictField} (the field whose value collided).
     */
    public static FormErrors from(RuntimeException e, String conflictField, String... formFields) {
        List<String> fields = Arrays.asList(formFields);
        if (e instanceof InvalidInputException invalid && invalid.field() != null) {
            String prefix = invalid.field() + ": ";
            String text = invalid.getMessage().startsWith(prefix) ? invalid.getMessage().substring(prefix.length()) : invalid.getMessage();
            String sentence = capitalize(LABELS.getOrDefault(invalid.field(), invalid.field()) + " " + text);
            String field = fields.contains(invalid.field()) ? invalid.field()
                    : fields.stream().filter(f -> invalid.field().startsWith(f + ".")).findFirst().orElse(null);
            return field == null ? new FormErrors(Map.of(), sentence) : new FormErrors(Map.of(field, sentence), null);
        }
        String sentence = capitalize(e.getMessage());
        if (e instanceof ConflictException && conflictField != null && fields.contains(conflictField)) {
            return new FormErrors(Map.of(conflictField, sentence), null);
        }
        return new FormErrors(Map.of(), sentence);
    }

    public boolean any() {
        return !byField.isEmpty() || global != null;
    }

    public boolean has(String field) {
        return byField.containsKey(field);
    }

    public String get(String field) {
        return byField.get(field);
    }

    public String global() {
        return global;
    }

    public Map<String, String> fields() {
        return new LinkedHashMap<>(byField);
    }

    private static String capitalize(String s) {
        if (s == null || s.isEmpty()) {
            return "Something is wrong with this form.";
        }
        String text = Character.toUpperCase(s.charAt(0)) + s.substring(1);
        return text.endsWith(".") ? text : text + ".";
    }
}
