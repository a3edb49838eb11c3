package io.bugmaster.accounts;

import io.bugmaster.common.InvalidInputException;
import io.bugmaster.common.PureLogic;
import io.bugmaster.grouping.FingerprintRules;
import io.bugmaster.grouping.StackTraceRules;
import java.util.List;

/**
 * What a project tells ingestion: event quotas (per minute, hour and month; null is no quota),
 * data scrubbing (on by default, with extra sensitive and safe field names), server-side
 * fingerprint rules and stack trace rules (Sentry's {@code groupingEnhancements}: which frames are
 * in-app). Blank rules are stored as null.
 */
@PureLogic
public record ProjectSettings(Integer quotaPerMinute, Integer quotaPerHour, Integer quotaPerMonth, boolean dataScrubber,
        List<String> sensitiveFields, List<String> safeFields, String fingerprintingRules, String groupingEnhancements) {
    static final int MAX_FIELDS = 100;
    static final int MAX_FIELD_LENGTH = 100;
    static final int MAX_RULES_LENGTH = 20_000;

    public ProjectSettings {
        quota("quotas.perMinute", quotaPerMinute);
        quota("quotas.perHour", quotaPerHour);
        quota("quotas.perMonth", quotaPerMonth);
        sensitiveFields = fields("sensitiveFields", sensitiveFields);
        safeFields = fields("safeFields", safeFields);
        fingerprintingRules = rules("fingerprintingRules", fingerprintingRules, FingerprintRules::parse);
        groupingEnhancements = rules("groupingEnhancements", groupingEnhancements, StackTraceRules::parse);
    }

    public static final ProjectSettings DEFAULTS = new ProjectSettings(null, null, null, true, List.of(), List.of(), null, null);

    /** The rules text, or null when blank; refused with every bad line when it does not parse. */
    private static String rules(String field, String text, java.util.function.Consumer<String> parser) {
        if (text == null || text.isBlank()) {
            return null;
        }
        if (text.length() > MAX_RULES_LENGTH) {
            throw new InvalidInputException(field, "must be at most " + MAX_RULES_LENGTH + " characters");
        }
        try {
            parser.accept(text);
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(field, e.getMessage());
        }
        return text;
    }

    private static void quota(String field, Integer value) {
        if (value != null && (value < 1 || value > 1_000_000_000)) {
            throw new InvalidInputException(field, "must be between 1 and 1000000000, or null for no quota");
        }
    }

    private static List<String> fields(String field, List<String> values) {
        if (values == null) {
            return List.of();
        }
        if (values.size() > MAX_FIELDS) {
            throw new InvalidInputException(field, "at most " + MAX_FIELDS + " names");
        }
        for (String value : values) {
            if (value == null || value.isBlank() || value.length() > MAX_FIELD_LENGTH || value.contains("\n") || value.contains(",")) {
                throw new InvalidInputException(field, "each name must be 1 to " + MAX_FIELD_LENGTH
                        + " characters, without commas or line breaks");
            }
        }
        return values.stream().map(String::strip).distinct().toList();
    }
}
