package io.bugmaster.incidents.timeline.ui;

import io.bugmaster.accounts.Actor;
import io.bugmaster.accounts.OrgAccess;
import io.bugmaster.accounts.OrganizationService;
import io.bugmaster.accounts.Scopes;
import io.bugmaster.incidents.Incident;
import io.bugmaster.incidents.IncidentPanel;
import io.bugmaster.incidents.IncidentTimeline;
import io.bugmaster.incidents.Incidents;
import io.bugmaster.incidents.TimelineEntry;
import io.bugmaster.incidents.timeline.TimelineNotes;
import java.util.List;
import org.springframework.stereotype.Component;

/** The timeline on the incident's page: pinned entries first, then everything oldest first, with the note form and pin buttons. */
@Component
class TimelinePanel implements IncidentPanel {
    private final OrganizationService organizations;
    private final IncidentTimeline timeline;

    TimelinePanel(OrganizationService organizations, IncidentTimeline timeline) {
        this.organizations = organizations;
        this.timeline = timeline;
    }

    /**
     * An entry as shown: whether the viewer may change it (their note, or any note for an admin), and its link when it is safe
     * to follow (another feature's entry may carry what a person or an SDK wrote).
     */
    record Row(TimelineEntry entry, boolean editable, String href) {}

    /** An http(s) address or a path on this server; null for anything else ({@code javascript:}, {@code //elsewhere}). */
    static String href(String link) {
        if (link == null) {
            return null;
        }
        String stripped = link.strip();
        return io.bugmaster.common.WebAddresses.isHttpOrLocalPath(stripped) ? stripped : null;
    }

    /** {@code self}: the incident's page, whose {@code /timeline/...} forms change it. */
    record Model(String self, List<Row> pinned, List<Row> entries, boolean mayWrite) {}

    @Override
    public int order() {
        return 400;
    }

    @Override
    public String template() {
        return "incidents/panels/timeline";
    }

    @Override
    public Object model(Actor actor, Incidents.View view) {
        Incident i = view.incident();
        OrgAccess access = organizations.access(actor, i.orgId()).require(Scopes.EVENT_READ);
        List<Row> rows = timeline.of(i).stream().map(e -> new Row(e, TimelineNotes.mayChange(e, actor, access), href(e.link()))).toList();
        return new Model("/orgs/" + access.org().slug() + "/incidents/" + i.number(), rows.stream().filter(r -> r.entry().pinned()).toList(),
                rows, access.has(Scopes.EVENT_WRITE));
    }
}
