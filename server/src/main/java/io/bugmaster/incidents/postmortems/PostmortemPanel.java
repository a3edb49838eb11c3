package io.bugmaster.incidents.postmortems;

import io.bugmaster.accounts.Actor;
import io.bugmaster.accounts.Directory;
import io.bugmaster.incidents.IncidentPanel;
import io.bugmaster.incidents.Incidents;
import java.util.List;
import org.springframework.stereotype.Component;

/** The incident page's postmortem section: its state and link (or a "Draft postmortem" button) and the action items. */
@Component
class PostmortemPanel implements IncidentPanel {
    private static final int MEMBERS_SHOWN = 500;

    private final Postmortems postmortems;
    private final ActionItems actionItems;
    private final Directory directory;

    PostmortemPanel(Postmortems postmortems, ActionItems actionItems, Directory directory) {
        this.postmortems = postmortems;
        this.actionItems = actionItems;
        this.directory = directory;
    }

    /** {@code postmortem} null when none was drafted; {@code members} whom an action item may be given to. */
    record Model(long number, Postmortem postmortem, List<ActionItems.Row> actionItems, List<Directory.Person> members) {}

    @Override
    public int order() {
        return 500;
    }

    @Override
    public String template() {
        return "incidents/panels/postmortem";
    }

    @Override
    public Object model(Actor actor, Incidents.View view) {
        var i = view.incident();
        return new Model(i.number(), postmortems.ofIncident(i), actionItems.ofIncident(i), directory.joinedMembers(i.orgId(), MEMBERS_SHOWN));
    }
}
