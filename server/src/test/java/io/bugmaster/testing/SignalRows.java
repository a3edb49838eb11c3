package io.bugmaster.testing;

import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * What tests of other features read of the signals table and the alerting consumer's cursor:
 * which signals an issue raised, which the alert rules have not handled yet, and a way to play a
 * crash that lost alerting's progress (its cursor moved back).
 */
public final class SignalRows {
    private static final String AFTER_ALERTING = "(s.tx_id > c.tx_id OR (s.tx_id = c.tx_id AND s.id > c.signal_id))";

    private SignalRows() {}

    /** The kinds of the signals raised about an issue, in the order consumers read them. */
    public static List<String> kinds(JdbcClient db, long issueId) {
        return db.sql("SELECT kind FROM signals WHERE subject = ? ORDER BY tx_id, id").param("issue:" + issueId)
                .query(String.class).list();
    }

    /** How many signals of an organization the alert rules have not handled yet. */
    public static long notYetAlerted(JdbcClient db, long orgId) {
        return db.sql("SELECT COUNT(*) FROM signals s JOIN signal_cursors c ON c.consumer = 'alerting' WHERE s.org_id = ? AND "
                + AFTER_ALERTING).param(orgId).query(Long.class).single();
    }

    /**
     * Moves alerting's cursor back to just before the organization's first signal of the given kind
     * (any kind when null), as if a node died after its work but before its progress was recorded.
     */
    public static void rewindAlerting(JdbcClient db, long orgId, String kind) {
        var query = kind == null
                ? db.sql("SELECT tx_id, id FROM signals WHERE org_id = ? ORDER BY tx_id, id LIMIT 1").param(orgId)
                : db.sql("SELECT tx_id, id FROM signals WHERE org_id = ? AND kind = ? ORDER BY tx_id, id LIMIT 1").params(orgId, kind);
        long[] first = query.query((rs, n) -> new long[] {rs.getLong(1), rs.getLong(2)}).single();
        db.sql("UPDATE signal_cursors SET tx_id = ?, signal_id = ? WHERE consumer = 'alerting'").params(first[0], first[1] - 1).update();
    }
}
