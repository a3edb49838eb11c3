package io.bugmaster.accounts;

import java.util.Comparator;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * For the digest: records the environments that events name, in the caller's transaction (the
 * digest's one transaction per batch). A project's environment is created by its first event and
 * never changed here afterwards (hiding it is the project settings' business).
 */
@Service
public class EnvironmentsSeen {
    private final JdbcClient db;

    public EnvironmentsSeen(JdbcClient db) {
        this.db = db;
    }

    /** An environment of a project and when an event first named it. */
    public record Seen(long projectId, String name, long firstSeen) {}

    /** Inserts the environments not yet known, in one order (project, name) so that concurrent batches never deadlock. */
    public void record(List<Seen> seen) {
        seen.stream().sorted(Comparator.comparingLong(Seen::projectId).thenComparing(Seen::name)).forEach(s ->
                db.sql("INSERT INTO environments (project_id, name, first_seen) VALUES (?, ?, ?) ON CONFLICT DO NOTHING")
                        .params(s.projectId(), s.name(), s.firstSeen()).update());
    }
}
