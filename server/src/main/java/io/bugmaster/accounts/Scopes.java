package io.bugmaster.accounts;

import io.bugmaster.common.PureLogic;
import io.bugmaster.common.InvalidInputException;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/** API token scopes, named as Sentry names them so sentry-cli and Sentry API clients agree. */
@PureLogic
public final class Scopes {
    public static final String ORG_READ = "org:read";
    public static final String ORG_WRITE = "org:write";
    public static final String ORG_ADMIN = "org:admin";
    public static final String MEMBER_READ = "member:read";
    public static final String MEMBER_WRITE = "member:write";
    public static final String MEMBER_ADMIN = "member:admin";
    public static final String TEAM_READ = "team:read";
    public static final String TEAM_WRITE = "team:write";
    public static final String TEAM_ADMIN = "team:admin";
    public static final String PROJECT_READ = "project:read";
    public static final String PROJECT_WRITE = "project:write";
    public static final String PROJECT_ADMIN = "project:admin";
    public static final String PROJECT_RELEASES = "project:releases";
    public static final String EVENT_READ = "event:read";
    public static final String EVENT_WRITE = "event:write";
    public static final String EVENT_ADMIN = "event:admin";
    public static final String ALERTS_READ = "alerts:read";
    public static final String ALERTS_WRITE = "alerts:write";

    public static final Set<String> ALL = Set.copyOf(new TreeSet<>(List.of(
            ORG_READ, ORG_WRITE, ORG_ADMIN, MEMBER_READ, MEMBER_WRITE, MEMBER_ADMIN,
            TEAM_READ, TEAM_WRITE, TEAM_ADMIN, PROJECT_READ, PROJECT_WRITE, PROJECT_ADMIN, PROJECT_RELEASES,
            EVENT_READ, EVENT_WRITE, EVENT_ADMIN, ALERTS_READ, ALERTS_WRITE)));

    private Scopes() {}

    /** Checks a requested scope list; an unknown scope is an error that names it. */
    public static Set<String> validate(String field, Collection<String> requested) {
        if (requested == null || requested.isEmpty()) {
            throw new InvalidInputException(field, "at least one scope is required, from: " + String.join(", ", new TreeSet<>(ALL)));
        }
        Set<String> scopes = new TreeSet<>();
        for (String scope : requested) {
            if (scope == null || !ALL.contains(scope)) {
                throw new InvalidInputException(field, "unknown scope '" + scope + "'; known scopes: " + String.join(", ", new TreeSet<>(ALL)));
            }
            scopes.add(scope);
        }
        return scopes;
    }

    /** Space-separated, sorted: the stored form. */
    public static String join(Collection<String> scopes) {
        return String.join(" ", new TreeSet<>(scopes));
    }

    public static Set<String> split(String stored) {
        if (stored == null || stored.isBlank()) {
            return Set.of();
        }
        return new LinkedHashSet<>(Arrays.asList(stored.trim().split("\\s+")));
    }
}
