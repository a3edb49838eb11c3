package io.bugmaster.incidents.roles;

import io.bugmaster.common.InvalidInputException;
import io.bugmaster.common.PureLogic;
import java.text.Normalizer;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/** What a role definition may say, and the roles every organization starts with (seed 003's three). */
@PureLogic
public final class RoleRules {
    public static final int MAX_ROLES = 30;
    static final int MAX_NAME = 64;
    static final int MAX_DESCRIPTION = 500;
    static final int MAX_SLUG = 40;
    private static final Pattern SLUG = Pattern.compile("[a-z0-9][a-z0-9_]{0," + (MAX_SLUG - 1) + "}");

    private RoleRules() {}

    /** A role an organization gets before it defines its own. */
    public record Default(String slug, String name, String description) {}

    public static final List<Default> DEFAULTS = List.of(
            new Default("incident_manager", "Incident manager", "Oversees the incident and communicates with stakeholders."),
            new Default("global_on_call", "Global on-call", "The entry point: takes the page, brings in who is needed and makes sure"
                    + " the incident is resolved."),
            new Default("escalated_squad_member", "Escalated squad member", "Escalated by the global on-call: brings the squad's"
                    + " expertise and helps resolve."));

    /** A role as a client sends it; on an update, what is left out keeps its value. */
    public record Input(String slug, String name, String description, Integer position) {}

    /** A checked role: slug, name, description and position (null: after the others). */
    record Checked(String slug, String name, String description, Integer position) {}

    /** Checks a new role ({@code current} null) or a change to one; the slug defaults to the name's. */
    static Checked check(Input in, IncidentRole current) {
        if (in == null) {
            throw new InvalidInputException(null, "send the role as {\"name\", \"description\"}");
        }
        String name = in.name() == null && current != null ? current.name() : strip(in.name());
        if (name == null || name.isEmpty()) {
            throw new InvalidInputException("name", "is required: what the role is called, e.g. \"Incident manager\"");
        }
        if (name.length() > MAX_NAME) {
            throw new InvalidInputException("name", "is at most " + MAX_NAME + " characters");
        }
        String description = in.description() == null ? (current != null ? current.description() : "") : strip(in.description());
        if (description.length() > MAX_DESCRIPTION) {
            throw new InvalidInputException("description", "is at most " + MAX_DESCRIPTION + " characters");
        }
        String slug = in.slug() == null || in.slug().isBlank() ? (current != null ? current.slug() : slugOf(name)) : in.slug().strip();
        if (!SLUG.matcher(slug).matches()) {
            throw new InvalidInputException("slug", "'" + slug + "' is not a slug: 1 to " + MAX_SLUG
                    + " lower-case letters, digits and underscores, starting with a letter or digit");
        }
        if (slug.chars().allMatch(Character::isDigit)) {
            throw new InvalidInputException("slug", "'" + slug + "' is all digits, which reads as a role id; add a letter");
        }
        if (in.position() != null && (in.position() < 0 || in.position() > 1000)) {
            throw new InvalidInputException("position", "is 0 to 1000");
        }
        return new Checked(slug, name, description, in.position());
    }

    /** "Incident manager" -> {@code incident_manager}; a name with no letter or digit gives {@code role}. */
    static String slugOf(String name) {
        String ascii = Normalizer.normalize(name, Normalizer.Form.NFD).replaceAll("\\p{M}", "").toLowerCase(Locale.ROOT);
        String slug = ascii.replaceAll("[^a-z0-9]+", "_").replaceAll("^_+|_+$", "");
        if (slug.length() > MAX_SLUG) {
            slug = slug.substring(0, MAX_SLUG).replaceAll("_+$", "");
        }
        return slug.isEmpty() || slug.chars().allMatch(Character::isDigit) ? "role" + (slug.isEmpty() ? "" : "_" + slug) : slug;
    }

    private static String strip(String s) {
        return s == null ? null : s.strip();
    }
}
