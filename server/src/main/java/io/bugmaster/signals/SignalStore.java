package io.bugmaster.signals;

import io.bugmaster.common.Subject;
import io.bugmaster.storage.Dialect;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * signals and signal_cursors. Consumers read signals in (tx_id, id) order from their cursor, and
 * only signals that are settled: on PostgreSQL a signal's id is taken when it is inserted but seen
 * when its transaction commits, so a transaction that is still open may yet commit a signal with
 * a smaller id than one already read. tx_id (the writing transaction's id, 0 on SQLite, where
 * transactions commit one at a time in id order) orders them, and a signal is read only once every
 * transaction older than its own has ended ({@link Dialect#settled}), so a cursor never passes a
 * signal that is still to come.
 */
@Repository
class SignalStore {
    private final JdbcClient db;
    private final JdbcTemplate jdbc;
    private final Dialect dialect;

    SignalStore(JdbcClient db, DataSource dataSource, Dialect dialect) {
        this.db = db;
        this.jdbc = new JdbcTemplate(dataSource);
        this.dialect = dialect;
    }

    /** Where a consumer is: the last signal it is past, in (tx_id, id) order. */
    record Cursor(long txId, long signalId) {
        static final Cursor START = new Cursor(0, 0);

        boolean isBefore(Cursor other) {
            return txId < other.txId || (txId == other.txId && signalId < other.signalId);
        }
    }

    /** A signal as read, with its place in the order. */
    record Row(Signal signal, Cursor position) {}

    /** Inserts rows of (org_id, subject, kind, body, created_at) in the caller's transaction, as one batch (a digest batch can raise many). */
    void insert(List<Object[]> rows) {
        jdbc.batchUpdate("INSERT INTO signals (org_id, subject, kind, body, created_at) VALUES (?, ?, ?, ?, ?)", rows);
    }

    /** Up to {@code limit} settled signals after {@code after}, in order. */
    List<Row> after(Cursor after, int limit) {
        return db.sql("""
                SELECT id, org_id, subject, kind, body, created_at, tx_id FROM signals
                WHERE (tx_id > ? OR (tx_id = ? AND id > ?)) AND %s
                ORDER BY tx_id, id LIMIT ?""".formatted(dialect.settled("tx_id")))
                .params(after.txId(), after.txId(), after.signalId(), limit)
                .query((rs, n) -> new Row(new Signal(rs.getLong(1), rs.getLong(2), Subject.parse(rs.getString(3)), rs.getString(4),
                        rs.getString(5), Instant.ofEpochMilli(rs.getLong(6))), new Cursor(rs.getLong(7), rs.getLong(1))))
                .list();
    }

    /** The last settled signal, or the start when there is none: where a new consumer begins. */
    Cursor head() {
        return db.sql("SELECT tx_id, id FROM signals WHERE %s ORDER BY tx_id DESC, id DESC LIMIT 1".formatted(dialect.settled("tx_id")))
                .query((rs, n) -> new Cursor(rs.getLong(1), rs.getLong(2))).optional().orElse(Cursor.START);
    }

    // --- cursors ---

    record CursorRow(String consumer, Cursor position) {}

    Optional<Cursor> cursor(String consumer) {
        return db.sql("SELECT tx_id, signal_id FROM signal_cursors WHERE consumer = ?").param(consumer)
                .query((rs, n) -> new Cursor(rs.getLong(1), rs.getLong(2))).optional();
    }

    List<CursorRow> cursors() {
        return db.sql("SELECT consumer, tx_id, signal_id FROM signal_cursors ORDER BY consumer")
                .query((rs, n) -> new CursorRow(rs.getString(1), new Cursor(rs.getLong(2), rs.getLong(3)))).list();
    }

    /** Creates a consumer's cursor unless it has one; true when this call created it. */
    boolean createCursor(String consumer, Cursor at, Instant now) {
        return db.sql("""
                INSERT INTO signal_cursors (consumer, tx_id, signal_id, updated_at) VALUES (?, ?, ?, ?)
                ON CONFLICT (consumer) DO NOTHING""")
                .params(consumer, at.txId(), at.signalId(), now.toEpochMilli()).update() == 1;
    }

    /**
     * Moves a cursor from {@code from} to {@code to}; false when it is no longer at {@code from}
     * (another node handled these signals first), and the caller rolls back what it did.
     */
    boolean advance(String consumer, Cursor from, Cursor to, Instant now) {
        return db.sql("""
                UPDATE signal_cursors SET tx_id = ?, signal_id = ?, updated_at = ?
                WHERE consumer = ? AND tx_id = ? AND signal_id = ?""")
                .params(to.txId(), to.signalId(), now.toEpochMilli(), consumer, from.txId(), from.signalId()).update() == 1;
    }

    // --- readers of the history, retention ---

    /** The distinct subjects of one kind raised in an organization in [from, to). */
    List<String> subjects(long orgId, String kind, Instant from, Instant to) {
        return db.sql("SELECT DISTINCT subject FROM signals WHERE org_id = ? AND kind = ? AND created_at >= ? AND created_at < ?")
                .params(orgId, kind, from.toEpochMilli(), to.toEpochMilli()).query(String.class).list();
    }

    /** Each subject of one kind raised in an organization in [from, to], with the first time it was. */
    Map<String, Instant> firstRaised(long orgId, String kind, Instant from, Instant to) {
        Map<String, Instant> out = new java.util.LinkedHashMap<>();
        db.sql("""
                SELECT subject, MIN(created_at) AS first_at FROM signals WHERE org_id = ? AND kind = ? AND created_at >= ? AND created_at <= ?
                GROUP BY subject ORDER BY first_at""")
                .params(orgId, kind, from.toEpochMilli(), to.toEpochMilli())
                .query((rs, n) -> out.put(rs.getString("subject"), Instant.ofEpochMilli(rs.getLong("first_at")))).list();
        return out;
    }

    /**
     * Deletes up to {@code limit} signals made before {@code before} that are at or before
     * {@code everyonePast} (the cursor of the consumer furthest behind); returns how many.
     */
    int deleteBefore(Instant before, Cursor everyonePast, int limit) {
        return db.sql("""
                DELETE FROM signals WHERE id IN (
                    SELECT id FROM signals WHERE created_at < ? AND (tx_id < ? OR (tx_id = ? AND id <= ?)) LIMIT ?)""")
                .params(before.toEpochMilli(), everyonePast.txId(), everyonePast.txId(), everyonePast.signalId(), limit).update();
    }
}
