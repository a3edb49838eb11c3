package io.bugmaster.accounts;

import io.bugmaster.common.PureLogic;
import static io.bugmaster.accounts.Scopes.*;

import io.bugmaster.common.InvalidInputException;
import java.util.Locale;
import java.util.Set;

/** An organization member's role and the scopes it grants (Sentry's role definitions, plus a viewer). */
@PureLogic
public enum Role {
    VIEWER("Viewer", Set.of(ORG_READ, MEMBER_READ, TEAM_READ, PROJECT_READ, EVENT_READ, ALERTS_READ)),
    MEMBER("Member", Set.of(ORG_READ, MEMBER_READ, TEAM_READ, PROJECT_READ, PROJECT_RELEASES,
            EVENT_READ, EVENT_WRITE, EVENT_ADMIN, ALERTS_READ, ALERTS_WRITE)),
    ADMIN("Admin", Set.of(ORG_READ, ORG_WRITE, MEMBER_READ, MEMBER_WRITE, MEMBER_ADMIN, TEAM_READ, TEAM_WRITE, TEAM_ADMIN,
            PROJECT_READ, PROJECT_WRITE, PROJECT_ADMIN, PROJECT_RELEASES,
            EVENT_READ, EVENT_WRITE, EVENT_ADMIN, ALERTS_READ, ALERTS_WRITE)),
    OWNER("Owner", Scopes.ALL);

    private final String title;
    private final Set<String> scopes;

    Role(String title, Set<String> scopes) {
        this.title = title;
        this.scopes = scopes;
    }

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public String title() {
        return title;
    }

    public Set<String> scopes() {
        return scopes;
    }

    public boolean atLeast(Role other) {
        return compareTo(other) >= 0;
    }

    public static Role parse(String field, String value) {
        if (value != null) {
            for (Role role : values()) {
                if (role.id().equals(value.trim().toLowerCase(Locale.ROOT))) {
                    return role;
                }
            }
        }
        throw new InvalidInputException(field, "unknown role '" + value + "'; use owner, admin, member or viewer");
    }
}
