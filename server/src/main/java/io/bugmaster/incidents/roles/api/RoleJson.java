package io.bugmaster.incidents.roles.api;

import io.bugmaster.accounts.Directory;
import io.bugmaster.incidents.roles.IncidentRole;
import io.bugmaster.incidents.roles.IncidentRoles;
import io.bugmaster.incidents.roles.Responders;
import java.time.Instant;
import java.util.List;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;

/** The JSON of roles, their holders and responders (snake case, ids as strings, times in ISO-8601 UTC). */
final class RoleJson {
    private RoleJson() {}

    record Role(String id, String slug, String name, String description, int position) {
        static Role of(IncidentRole r) {
            return new Role(Long.toString(r.id()), r.slug(), r.name(), r.description(), r.position());
        }
    }

    record User(String id, String name, String email) {
        static User of(Directory.Person p) {
            return p == null ? null : new User(Long.toString(p.id()), p.name(), p.email());
        }
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record Assignment(User user, String assignedAt, User assignedBy, String endedAt, User endedBy) {
        static Assignment of(IncidentRoles.Assignment a) {
            return a == null ? null : new Assignment(User.of(a.user()), text(a.assignedAt()), User.of(a.assignedBy()), text(a.endedAt()),
                    User.of(a.endedBy()));
        }
    }

    /** A role on an incident: its holder (null: nobody) and past holders, newest first. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record Holders(Role role, boolean roleDeleted, Assignment holder, List<Assignment> pastHolders) {
        static Holders of(IncidentRoles.Holders h) {
            return new Holders(h.deleted() ? new Role(Long.toString(h.role().id()), null, h.role().name(), null, h.role().position())
                    : Role.of(h.role()), h.deleted(), Assignment.of(h.holder()), h.past().stream().map(Assignment::of).toList());
        }
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record Responder(String id, User user, User requestedBy, String requestedAt, String through, String message, boolean answered,
            String answeredAt) {
        static Responder of(Responders.Responder r) {
            return new Responder(Long.toString(r.id()), User.of(r.user()), User.of(r.requestedBy()), text(r.requestedAt()), r.through(),
                    r.message(), r.answeredAt() != null, text(r.answeredAt()));
        }
    }

    static String text(Instant at) {
        return at == null ? null : at.toString();
    }

    /** An id a client sent as a number or a string. */
    static String id(Object value) {
        return value == null ? null : value.toString();
    }
}
