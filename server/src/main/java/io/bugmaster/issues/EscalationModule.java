package io.bugmaster.issues;

import io.bugmaster.engine.EngineModule;
import java.time.Instant;
import org.springframework.stereotype.Component;

/** Engine step: issues archived until escalating that escalate (see {@link EscalationDetector}) become unresolved. */
@Component
public class EscalationModule implements EngineModule {
    private final IssueWakeups wakeups;

    public EscalationModule(IssueWakeups wakeups) {
        this.wakeups = wakeups;
    }

    @Override
    public String name() {
        return "issue-escalation";
    }

    @Override
    public void run(Instant now) {
        wakeups.detectEscalations(now);
    }
}
