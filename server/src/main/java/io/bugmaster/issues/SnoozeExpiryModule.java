package io.bugmaster.issues;

import io.bugmaster.engine.EngineModule;
import java.time.Instant;
import org.springframework.stereotype.Component;

/** Engine step: ignored issues whose time ran out, or that saw enough events or users within their window, wake up. */
@Component
public class SnoozeExpiryModule implements EngineModule {
    private final IssueWakeups wakeups;

    public SnoozeExpiryModule(IssueWakeups wakeups) {
        this.wakeups = wakeups;
    }

    @Override
    public String name() {
        return "issue-snooze-expiry";
    }

    @Override
    public void run(Instant now) {
        wakeups.expireSnoozes(now);
    }
}
