package io.bugmaster.common;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * What a signal or a notification is about, as one reference: {@code issue:42}, later
 * {@code incident:7} or {@code monitor:3}. A type (lower-case word) and an id within it.
 */
@PureLogic
public record Subject(String type, String id) {
    private static final Pattern TYPE = Pattern.compile("[a-z][a-z_]{0,31}");
    private static final int MAX_ID = 200;

    public static final String ISSUE = "issue";

    public Subject {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(id, "id");
        if (!TYPE.matcher(type).matches()) {
            throw new IllegalArgumentException("a subject's type is a lower-case word, got: " + type);
        }
        if (id.isEmpty() || id.length() > MAX_ID) {
            throw new IllegalArgumentException("a subject's id is 1 to " + MAX_ID + " characters, got " + id.length());
        }
    }

    public static Subject of(String type, long id) {
        return new Subject(type, Long.toString(id));
    }

    public static Subject issue(long id) {
        return of(ISSUE, id);
    }

    /** {@code issue:42} back into its parts. */
    public static Subject parse(String reference) {
        int colon = reference == null ? -1 : reference.indexOf(':');
        if (colon <= 0) {
            throw new IllegalArgumentException("not a subject reference (type:id): " + reference);
        }
        return new Subject(reference.substring(0, colon), reference.substring(colon + 1));
    }

    public boolean is(String type) {
        return this.type.equals(type);
    }

    /** The id as a number, for the types whose ids are row ids. */
    public long number() {
        return Long.parseLong(id);
    }

    /** {@code issue:42}. */
    @Override
    public String toString() {
        return type + ":" + id;
    }
}
