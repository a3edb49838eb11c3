package io.bugmaster.accounts;

import io.bugmaster.common.PureLogic;
import io.bugmaster.common.InvalidInputException;
import java.text.Normalizer;
import java.util.Locale;
import java.util.regex.Pattern;

/** Input rules for names, slugs and emails, with messages that say what is wrong. */
@PureLogic
public final class Validation {
    public static final int MAX_SLUG = 50;
    public static final int MAX_NAME = 64;
    public static final int MAX_EMAIL = 254;
    private static final Pattern SLUG = Pattern.compile("[a-z0-9][a-z0-9_-]*");
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");

    private Validation() {}

    public static String slug(String field, String value) {
        if (value == null || value.isBlank()) {
            throw new InvalidInputException(field, "is required");
        }
        if (value.length() > MAX_SLUG) {
            throw new InvalidInputException(field, "must be at most " + MAX_SLUG + " characters, got " + value.length());
        }
        if (!SLUG.matcher(value).matches()) {
            throw new InvalidInputException(field,
                    "must contain only lower-case letters, digits, hyphens and underscores, and start with a letter or digit");
        }
        if (value.chars().allMatch(Character::isDigit)) {
            throw new InvalidInputException(field, "must contain at least one letter (an all-digit slug looks like an id)");
        }
        return value;
    }

    public static String name(String field, String value) {
        if (value == null || value.isBlank()) {
            throw new InvalidInputException(field, "is required");
        }
        String trimmed = value.strip();
        if (trimmed.length() > MAX_NAME) {
            throw new InvalidInputException(field, "must be at most " + MAX_NAME + " characters, got " + trimmed.length());
        }
        if (trimmed.chars().anyMatch(Character::isISOControl)) {
            throw new InvalidInputException(field, "must not contain control characters");
        }
        return trimmed;
    }

    public static String email(String field, String value) {
        if (value == null || value.isBlank()) {
            throw new InvalidInputException(field, "is required");
        }
        String trimmed = value.strip().toLowerCase(Locale.ROOT);
        if (trimmed.length() > MAX_EMAIL || !EMAIL.matcher(trimmed).matches()) {
            throw new InvalidInputException(field, "is not a valid email address");
        }
        return trimmed;
    }

    public static String password(String field, String value) {
        if (value == null || value.length() < 8) {
            throw new InvalidInputException(field, "must be at least 8 characters");
        }
        if (value.length() > 128) {
            throw new InvalidInputException(field, "must be at most 128 characters");
        }
        return value;
    }

    /** A slug made from a name, for when the caller gives only a name (as Sentry does). */
    public static String slugify(String name) {
        String ascii = Normalizer.normalize(name, Normalizer.Form.NFKD).replaceAll("\\p{M}", "");
        String slug = ascii.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_-]+", "-").replaceAll("^[-_]+|[-_]+$", "");
        if (slug.length() > MAX_SLUG) {
            slug = slug.substring(0, MAX_SLUG).replaceAll("[-_]+$", "");
        }
        if (slug.isEmpty() || slug.chars().allMatch(Character::isDigit)) {
            slug = "x-" + slug;
        }
        return slug.replaceAll("-$", "");
    }
}
