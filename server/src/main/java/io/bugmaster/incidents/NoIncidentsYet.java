package io.bugmaster.incidents;

import java.util.Optional;
import org.springframework.stereotype.Service;

/** Placeholder until services and incidents are stored: no integration key exists and no incident has a number. Replaced by the incidents store. */
@Service
class NoIncidentsYet implements AlertIntake, IncidentCommands {
    @Override
    public Optional<Integration> integrationByKey(String integrationKey) {
        return Optional.empty();
    }

    @Override
    public Outcome apply(Integration integration, InboundAlert alert) {
        throw new IllegalStateException("no integration exists yet");
    }

    @Override
    public void recordChange(Integration integration, InboundChange change) {
        throw new IllegalStateException("no integration exists yet");
    }

    @Override
    public IncidentCommands.Result acknowledge(long orgId, long incidentNumber, long userId, String via) {
        return IncidentCommands.Result.NOT_FOUND;
    }

    @Override
    public IncidentCommands.Result resolve(long orgId, long incidentNumber, long userId, String via) {
        return IncidentCommands.Result.NOT_FOUND;
    }
}
