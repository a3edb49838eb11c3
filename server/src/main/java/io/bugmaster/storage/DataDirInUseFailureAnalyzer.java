package io.bugmaster.storage;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Turns a locked data dir into two plain sentences instead of a stack trace at start-up. */
public class DataDirInUseFailureAnalyzer extends AbstractFailureAnalyzer<DataDirInUseException> {
    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, DataDirInUseException cause) {
        return new FailureAnalysis(cause.getMessage() + ". SQLite allows one Bugmaster process per data dir.",
                "Stop the other process, or start this one with BUGMASTER_DATA_DIR pointing to another folder "
                        + "(or use PostgreSQL with BUGMASTER_DATABASE_URL to run several nodes).", cause);
    }
}
