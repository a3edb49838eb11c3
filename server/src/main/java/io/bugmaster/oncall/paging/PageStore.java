package io.bugmaster.oncall.paging;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** pages and page_steps: who was paged about what, and the rules of each page still to send. */
@Repository
class PageStore {
    static final String PENDING = "pending";
    static final String SENT = "sent";
    static final String STOPPED = "stopped";

    private final JdbcClient db;

    PageStore(JdbcClient db) {
        this.db = db;
    }

    /** Stores a page; empty when a page with this key exists already (the same step handled again). */
    Optional<Long> insertPage(long orgId, long userId, String subject, String pageKey, String urgency, String notification, Instant now) {
        return db.sql("""
                INSERT INTO pages (org_id, user_id, subject, page_key, urgency, notification, started_at) VALUES (?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (page_key) DO NOTHING RETURNING id""")
                .params(orgId, userId, subject, pageKey, urgency, notification, now.toEpochMilli()).query(Long.class).optional();
    }

    void insertStep(long pageId, long contactMethodId, int delayMinutes, Instant dueAt) {
        db.sql("""
                INSERT INTO page_steps (page_id, contact_method_id, delay_minutes, due_at, state) VALUES (?, ?, ?, ?, ?)
                ON CONFLICT (page_id, contact_method_id, delay_minutes) DO NOTHING""")
                .params(pageId, contactMethodId, delayMinutes, dueAt.toEpochMilli(), PENDING).update();
    }

    /** A step that is due, with what its page needs to send it. */
    record DueStep(long id, long orgId, String pageKey, long contactMethodId, int delayMinutes, String notification) {}

    List<DueStep> due(Instant now, int limit) {
        return db.sql("""
                SELECT s.id, p.org_id, p.page_key, s.contact_method_id, s.delay_minutes, p.notification
                FROM page_steps s JOIN pages p ON p.id = s.page_id
                WHERE s.state = ? AND s.due_at <= ? AND p.stopped_at IS NULL
                ORDER BY s.due_at, s.id LIMIT ?""")
                .params(PENDING, now.toEpochMilli(), limit)
                .query((rs, n) -> new DueStep(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getLong(4), rs.getInt(5), rs.getString(6)))
                .list();
    }

    /** Takes a due step for sending; false when another node took it or its page was stopped meanwhile. */
    boolean claim(long stepId) {
        return db.sql("""
                UPDATE page_steps SET state = ? WHERE id = ? AND state = ?
                AND page_id IN (SELECT id FROM pages WHERE stopped_at IS NULL)""")
                .params(SENT, stepId, PENDING).update() == 1;
    }

    /** A page as its deliveries are read: whom it paged, under which key, since when. */
    record PageRow(long id, long userId, String pageKey, Instant startedAt) {}

    /** The organization's pages about a subject, oldest first, at most {@code limit}. */
    List<PageRow> pagesAbout(long orgId, String subject, int limit) {
        return db.sql("SELECT id, user_id, page_key, started_at FROM pages WHERE org_id = ? AND subject = ? ORDER BY id LIMIT ?")
                .params(orgId, subject, limit)
                .query((rs, n) -> new PageRow(rs.getLong(1), rs.getLong(2), rs.getString(3), Instant.ofEpochMilli(rs.getLong(4)))).list();
    }

    /** A later rule of a page that was not queued: still waiting ({@link #PENDING}) or {@link #STOPPED}. */
    record StepRow(long id, long pageId, long contactMethodId, Instant dueAt, String state) {}

    /** The steps of these pages that were not sent (sent ones are in the delivery queue), by due time. */
    List<StepRow> unsentSteps(List<Long> pageIds) {
        if (pageIds.isEmpty()) {
            return List.of();
        }
        List<Object> params = new java.util.ArrayList<>(pageIds);
        params.add(SENT);
        return db.sql("SELECT id, page_id, contact_method_id, due_at, state FROM page_steps WHERE page_id IN ("
                        + String.join(", ", java.util.Collections.nCopies(pageIds.size(), "?")) + ") AND state <> ? ORDER BY due_at, id")
                .params(params)
                .query((rs, n) -> new StepRow(rs.getLong(1), rs.getLong(2), rs.getLong(3), Instant.ofEpochMilli(rs.getLong(4)),
                        rs.getString(5)))
                .list();
    }

    /** Stops the pages about a subject and their steps not sent yet; returns the keys of the pages it stopped. */
    List<String> stop(long orgId, String subject, Instant now) {
        List<String> keys = db.sql("SELECT page_key FROM pages WHERE org_id = ? AND subject = ? AND stopped_at IS NULL ORDER BY id")
                .params(orgId, subject).query(String.class).list();
        db.sql("""
                UPDATE page_steps SET state = ? WHERE state = ?
                AND page_id IN (SELECT id FROM pages WHERE org_id = ? AND subject = ? AND stopped_at IS NULL)""")
                .params(STOPPED, PENDING, orgId, subject).update();
        db.sql("UPDATE pages SET stopped_at = ? WHERE org_id = ? AND subject = ? AND stopped_at IS NULL")
                .params(now.toEpochMilli(), orgId, subject).update();
        return keys;
    }
}
