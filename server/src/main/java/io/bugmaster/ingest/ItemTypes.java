package io.bugmaster.ingest;

import java.util.Set;

/**
 * Envelope item types. The kept ones are parsed and handed to the digest; every other type (known
 * to Sentry such as span, log, profile, replay_*, or unknown) is skipped without buffering and
 * only counted, never rejected.
 */
public final class ItemTypes {
    public static final String EVENT = "event";
    public static final String TRANSACTION = "transaction";
    public static final String ATTACHMENT = "attachment";
    public static final String SESSION = "session";
    public static final String SESSIONS = "sessions";
    public static final String CLIENT_REPORT = "client_report";
    public static final String CHECK_IN = "check_in";
    public static final String USER_REPORT = "user_report";
    public static final String FEEDBACK = "feedback";

    public static final Set<String> KEPT = Set.of(
            EVENT, TRANSACTION, ATTACHMENT, SESSION, SESSIONS, CLIENT_REPORT, CHECK_IN, USER_REPORT, FEEDBACK);

    /** Items whose payload must be a JSON object; invalid JSON rejects the envelope with 400, as Sentry does. */
    public static final Set<String> EVENT_LIKE = Set.of(EVENT, TRANSACTION, FEEDBACK);

    private ItemTypes() {}

    public static boolean isKept(String type) {
        return KEPT.contains(type);
    }
}
