package io.bugmaster.issues.search;

import static io.bugmaster.storage.InLists.marks;

import io.bugmaster.common.InvalidInputException;
import io.bugmaster.common.PureLogic;
import io.bugmaster.issues.search.SearchQuery.Assigned;
import io.bugmaster.issues.search.SearchQuery.Count;
import io.bugmaster.issues.search.SearchQuery.Has;
import io.bugmaster.issues.search.SearchQuery.Level;
import io.bugmaster.issues.search.SearchQuery.Release;
import io.bugmaster.issues.search.SearchQuery.Status;
import io.bugmaster.issues.search.SearchQuery.Substatus;
import io.bugmaster.issues.search.SearchQuery.Tag;
import io.bugmaster.issues.search.SearchQuery.Term;
import io.bugmaster.issues.search.SearchQuery.Text;
import io.bugmaster.issues.search.SearchQuery.Time;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Turns a {@link SearchQuery} into a SQL condition over {@code issues i}, with every user value a
 * bind parameter: the SQL text is made only of fixed fragments and placeholders. The same SQL runs
 * on SQLite and PostgreSQL (text matching lower-cases both sides; SQLite folds ASCII letters only).
 */
@PureLogic
public final class SearchSql {
    private static final long HOUR = 3_600_000L;

    private SearchSql() {}

    /** A condition and its parameters, in order. */
    public record Where(String sql, List<Object> params) {}

    /** What a query needs from the accounts of the organization it runs in. */
    public interface Assignees {
        long currentUserId();

        List<Long> currentUserTeamIds();

        Optional<Long> memberUserIdByEmail(String email);

        Optional<Long> teamIdBySlug(String slug);
    }

    /** Sentry's sort names: last seen, first seen, events, users; ties go to the newest issue id. */
    public enum Sort {
        DATE("date", "i.last_seen DESC, i.id DESC"),
        NEW("new", "i.first_seen DESC, i.id DESC"),
        FREQ("freq", "i.times_seen DESC, i.id DESC"),
        USER("user", "i.user_count DESC, i.id DESC");

        private final String id;
        private final String orderBy;

        Sort(String id, String orderBy) {
            this.id = id;
            this.orderBy = orderBy;
        }

        public String orderBy() {
            return orderBy;
        }

        public static Sort parse(String value) {
            if (value == null || value.isBlank()) {
                return DATE;
            }
            for (Sort sort : values()) {
                if (sort.id.equals(value.strip())) {
                    return sort;
                }
            }
            throw new InvalidInputException("sort", "unknown sort '" + value + "'; use date, new, freq or user");
        }
    }

    /** The condition for issues of {@code projectIds} that match the query at {@code now}. */
    public static Where build(SearchQuery query, Collection<Long> projectIds, Instant now, Assignees assignees) {
        if (projectIds.isEmpty()) {
            return new Where("1 = 0", List.of());
        }
        List<Object> params = new ArrayList<>(projectIds);
        StringBuilder sql = new StringBuilder("i.project_id IN (").append(marks(projectIds.size())).append(')');
        for (Term term : query.terms()) {
            StringBuilder condition = new StringBuilder();
            condition(term, condition, params, now, assignees);
            sql.append(" AND ");
            if (term.negated()) {
                sql.append("NOT COALESCE((").append(condition).append("), FALSE)");
            } else {
                sql.append('(').append(condition).append(')');
            }
        }
        return new Where(sql.toString(), List.copyOf(params));
    }

    private static void condition(Term term, StringBuilder sql, List<Object> params, Instant now, Assignees assignees) {
        if (term instanceof Status s) {
            sql.append("i.status = ?");
            params.add(s.status());
        } else if (term instanceof Substatus s) {
            sql.append("i.status = 'unresolved' AND i.substatus = ?");
            params.add(s.substatus());
        } else if (term instanceof Assigned a) {
            assigned(a, sql, params, assignees);
        } else if (term instanceof SearchQuery.AssignedAny any) {
            for (int n = 0; n < any.anyOf().size(); n++) {
                sql.append(n == 0 ? "(" : " OR (");
                assigned(any.anyOf().get(n), sql, params, assignees);
                sql.append(')');
            }
        } else if (term instanceof Tag t) {
            sql.append("EXISTS (SELECT 1 FROM issue_tags t WHERE t.issue_id = i.id AND t.key = ? AND ");
            params.add(t.key());
            match("t.value", t.value(), sql, params);
            sql.append(')');
        } else if (term instanceof SearchQuery.TagIn t) {
            sql.append("EXISTS (SELECT 1 FROM issue_tags t WHERE t.issue_id = i.id AND t.key = ? AND t.value IN (")
                    .append(marks(t.values().size())).append("))");
            params.add(t.key());
            params.addAll(t.values());
        } else if (term instanceof Has h) {
            sql.append("EXISTS (SELECT 1 FROM issue_tags t WHERE t.issue_id = i.id AND t.key = ?)");
            params.add(h.key());
        } else if (term instanceof Release r) {
            // an uncorrelated IN, evaluated once (issue_tags_key_value): under the OR, a correlated EXISTS was probed once
            // per issue of the organization (the release page at 10,000 issues). A plain tag term keeps its EXISTS: there
            // the per-issue probe is the faster plan on SQLite (1 against 13 ms for a value most issues have)
            sql.append("i.first_release = ? OR i.last_release = ? OR i.id IN (SELECT t.issue_id FROM issue_tags t "
                    + "WHERE t.key = 'release' AND t.value = ?)");
            params.add(r.version());
            params.add(r.version());
            params.add(r.version());
        } else if (term instanceof SearchQuery.FirstRelease r) {
            sql.append("i.first_release = ?");
            params.add(r.version());
        } else if (term instanceof Level l) {
            sql.append("i.level = ?");
            params.add(l.level());
        } else if (term instanceof Time t) {
            time(t, sql, params, now);
        } else if (term instanceof SearchQuery.SeenBetween b) {
            // the issue's first and last event bound where its hours can be; the hourly counts say whether one is inside
            long from = Math.floorDiv(b.start().toEpochMilli(), HOUR) * HOUR;
            long to = Math.floorDiv(b.end().toEpochMilli() - 1, HOUR) * HOUR + HOUR;
            sql.append("i.last_seen >= ? AND i.first_seen < ? AND EXISTS (SELECT 1 FROM issue_hourly h WHERE h.issue_id = i.id "
                    + "AND h.hour >= ? AND h.hour < ?)");
            params.add(from);
            params.add(to);
            params.add(from);
            params.add(to);
        } else if (term instanceof Count c) {
            sql.append(c.field() == SearchQuery.CountField.TIMES_SEEN ? "i.times_seen " : "i.user_count ")
                    .append(c.op().sql()).append(" ?");
            params.add(c.value());
        } else if (term instanceof Text t) {
            String like = "%" + escapeLike(t.text().toLowerCase(Locale.ROOT)) + "%";
            sql.append("LOWER(i.title) LIKE ? ESCAPE '\\' OR LOWER(COALESCE(i.culprit, '')) LIKE ? ESCAPE '\\'");
            params.add(like);
            params.add(like);
        } else {
            throw new IllegalArgumentException("unknown search term " + term);
        }
    }

    private static void assigned(Assigned a, StringBuilder sql, List<Object> params, Assignees assignees) {
        switch (a.kind()) {
            case ANYONE -> sql.append("i.assignee_user_id IS NOT NULL OR i.assignee_team_id IS NOT NULL");
            case NOBODY -> sql.append("i.assignee_user_id IS NULL AND i.assignee_team_id IS NULL");
            case ME -> {
                sql.append("i.assignee_user_id = ?");
                params.add(assignees.currentUserId());
            }
            case MY_TEAMS -> {
                List<Long> teams = assignees.currentUserTeamIds();
                if (teams.isEmpty()) {
                    sql.append("1 = 0");
                } else {
                    sql.append("i.assignee_team_id IN (").append(marks(teams.size())).append(')');
                    params.addAll(teams);
                }
            }
            case TEAM -> {
                Optional<Long> team = assignees.teamIdBySlug(a.value());
                if (team.isEmpty()) {
                    throw new InvalidInputException("query", "'assigned:#" + a.value() + "': no team '" + a.value()
                            + "' in this organization");
                }
                sql.append("i.assignee_team_id = ?");
                params.add(team.get());
            }
            case EMAIL -> {
                Optional<Long> user = assignees.memberUserIdByEmail(a.value());
                if (user.isEmpty()) {
                    // nobody of that address can be assigned here, so nothing matches
                    sql.append("1 = 0");
                } else {
                    sql.append("i.assignee_user_id = ?");
                    params.add(user.get());
                }
            }
        }
    }

    private static void time(Time t, StringBuilder sql, List<Object> params, Instant now) {
        String column = t.field() == SearchQuery.TimeField.FIRST_SEEN ? "i.first_seen" : "i.last_seen";
        if (t.ago() != null) {
            sql.append(column).append(' ').append(t.op().sql()).append(" ?");
            params.add(now.minus(t.ago()).toEpochMilli());
        } else if (t.op() == SearchQuery.Op.EQ) {
            sql.append(column).append(" >= ? AND ").append(column).append(" < ?");
            params.add(t.at().toEpochMilli());
            params.add(t.at().plus(1, ChronoUnit.DAYS).toEpochMilli());
        } else {
            sql.append(column).append(' ').append(t.op().sql()).append(" ?");
            params.add(t.at().toEpochMilli());
        }
    }

    /** Equality, or LIKE when the value has a {@code *} wildcard. */
    private static void match(String column, String value, StringBuilder sql, List<Object> params) {
        if (value.indexOf('*') < 0) {
            sql.append(column).append(" = ?");
            params.add(value);
            return;
        }
        sql.append(column).append(" LIKE ? ESCAPE '\\'");
        params.add(escapeLike(value).replace("*", "%"));
    }

    static String escapeLike(String value) {
        return value.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }
}
