package io.bugmaster.issues;

import io.bugmaster.common.InvalidInputException;
import io.bugmaster.common.PureLogic;
import io.bugmaster.issues.search.SearchParser;
import io.bugmaster.issues.search.SearchSql;
import java.time.Instant;
import java.util.Locale;

/**
 * A saved search of the issue stream, as in Sentry: a query and a sort under a name, either a
 * person's own ({@code ownerUserId} set, visibility {@code owner}) or shared with the whole
 * organization ({@code ownerUserId} null, visibility {@code organization}).
 */
@PureLogic
public record SavedSearch(long id, long orgId, Long ownerUserId, String name, String query, String sort, Instant createdAt) {
    public static final int MAX_NAME = 128;
    public static final String OWNER = "owner";
    public static final String ORGANIZATION = "organization";

    public String visibility() {
        return ownerUserId == null ? ORGANIZATION : OWNER;
    }

    public boolean shared() {
        return ownerUserId == null;
    }

    /** What a caller asks to save, checked field by field; every error names its field and says why. */
    public record Input(String name, String query, String sort, String visibility) {

        public static Input validate(String name, String query, String sort, String visibility) {
            if (name == null || name.isBlank()) {
                throw new InvalidInputException("name", "is required");
            }
            String n = name.strip();
            if (n.length() > MAX_NAME) {
                throw new InvalidInputException("name", "must be at most " + MAX_NAME + " characters, got " + n.length());
            }
            if (n.chars().anyMatch(Character::isISOControl)) {
                throw new InvalidInputException("name", "must not contain control characters");
            }
            if (query == null) {
                throw new InvalidInputException("query", "is required (an empty string means all issues)");
            }
            String q = query.strip();
            // a saved search must run: the same parser as the stream checks it now, with its message
            SearchParser.parse(q);
            String s = sort == null || sort.isBlank() ? "date" : sort.strip().toLowerCase(Locale.ROOT);
            SearchSql.Sort.parse(s);
            String v = visibility == null || visibility.isBlank() ? OWNER : visibility.strip().toLowerCase(Locale.ROOT);
            if (!v.equals(OWNER) && !v.equals(ORGANIZATION)) {
                throw new InvalidInputException("visibility", "unknown visibility '" + visibility
                        + "'; use owner (only you) or organization (everyone in it)");
            }
            return new Input(n, q, s, v);
        }
    }
}
