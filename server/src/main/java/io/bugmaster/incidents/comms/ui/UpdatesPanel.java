package io.bugmaster.incidents.comms.ui;

import io.bugmaster.accounts.Actor;
import io.bugmaster.incidents.IncidentPanel;
import io.bugmaster.incidents.Incidents;
import io.bugmaster.incidents.comms.IncidentComms;
import org.springframework.stereotype.Component;

/** The incident page's communication panel (order 100): situation room, status updates, where they go, subscribers. */
@Component
class UpdatesPanel implements IncidentPanel {
    private final IncidentComms comms;

    UpdatesPanel(IncidentComms comms) {
        this.comms = comms;
    }

    /** The panel and its paths: the incident's page ({@code self}) and the incident settings page. */
    record Model(IncidentComms.Panel p, String self, String settings) {}

    @Override
    public int order() {
        return 100;
    }

    @Override
    public String template() {
        return "incidents/panels/updates";
    }

    @Override
    public Object model(Actor actor, Incidents.View view) {
        IncidentComms.Panel panel = comms.panel(actor, view.incident());
        String org = panel.orgSlug();
        return new Model(panel, "/orgs/" + org + "/incidents/" + view.incident().number(), "/orgs/" + org + "/settings/incidents");
    }
}
