package io.bugmaster.incidents.metrics;

import io.bugmaster.accounts.Actor;
import io.bugmaster.incidents.IncidentPanel;
import io.bugmaster.incidents.Incidents;
import org.springframework.stereotype.Component;

/** The incident page's "Response times": its own time to acknowledge and to resolve, and its time in each stage. */
@Component
class ResponseTimesPanel implements IncidentPanel {
    private final IncidentMetricsService metrics;

    ResponseTimesPanel(IncidentMetricsService metrics) {
        this.metrics = metrics;
    }

    @Override
    public int order() {
        return 450;
    }

    @Override
    public String template() {
        return "incidents/panels/response-times";
    }

    @Override
    public Object model(Actor actor, Incidents.View view) {
        return metrics.responseTimes(view.incident());
    }
}
