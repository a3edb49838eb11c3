package io.bugmaster.monitors;

import java.time.Instant;

/**
 * Runs one kind of check (sql, metric, volume): a Spring bean per kind. Called on a worker thread of
 * {@code monitor-checks}, never on the engine's loop; it must end on its own (statement timeout, HTTP
 * timeout) and report a failure to run as {@link CheckResult.Outcome#ERROR} rather than throw.
 */
public interface CheckRunner {

    MonitorKind kind();

    CheckResult run(Monitor monitor, Instant now);
}
