package io.bugmaster.monitors;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The signals monitors raise, on subject {@code monitor:<id>}. Body: {@code slug}, {@code name},
 * {@code kind}, {@code project_id}, {@code state}, {@code reason} (missed, timeout, error, condition,
 * query_error), {@code said} (one line: "exit status 3", "Records: 97"), {@code tries} (failing results
 * in a row), {@code still} (true: an update of a monitor already down, not news), and a reference to
 * what it is about, which messages read for the details that do not fit in a signal: {@code check_in}
 * (a {@code check_ins} row id) or {@code result} (a {@code monitor_results} row id).
 */
public final class MonitorSignals {
    private MonitorSignals() {}

    public static final String SUBJECT = "monitor";
    /** Nothing arrived in time: a missed check-in or a run past its max runtime. */
    public static final String DOWN = "monitor.down";
    /** The job failed, the check's condition holds, or the check could not run. */
    public static final String FAILING = "monitor.failing";
    /** Recovered: as many healthy results in a row as the recovery threshold. */
    public static final String UP = "monitor.up";

    static Map<String, Object> body(Monitor m, MonitorStates.Snapshot next, boolean still, String refName, Long refId) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("slug", m.slug());
        body.put("name", clip(m.name(), 200));
        body.put("kind", m.kind().id());
        body.put("project_id", m.projectId());
        body.put("state", next.state().id());
        body.put("reason", next.reason());
        body.put("said", clip(next.lastSaid(), 500));
        body.put("tries", next.failStreak());
        body.put("still", still);
        if (refName != null && refId != null) {
            body.put(refName, refId);
        }
        return body;
    }

    private static String clip(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max - 1) + "…";
    }
}
