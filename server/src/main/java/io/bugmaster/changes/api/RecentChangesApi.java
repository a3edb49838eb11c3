package io.bugmaster.changes.api;

import io.bugmaster.BugmasterProperties;
import io.bugmaster.accounts.Actor;
import io.bugmaster.changes.ChangeWindow;
import io.bugmaster.changes.RecentChanges;
import io.bugmaster.common.InvalidInputException;
import io.bugmaster.web.api.ApiController;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;

/** {@code GET .../incidents/{number}/recent-changes/?hours=6}: what changed around the incident, newest first, and the suspects. */
@ApiController
@RequestMapping("/api/0/organizations/{org}/incidents/{number}/recent-changes")
class RecentChangesApi {
    private final RecentChanges recent;
    private final String baseUrl;

    RecentChangesApi(RecentChanges recent, BugmasterProperties props) {
        this.recent = recent;
        this.baseUrl = props.baseUrlTrimmed();
    }

    record LinkJson(String href, String text) {}

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record RowJson(String id, String at, String when, String kind, String kindLabel, String what, String who, String environment,
            List<LinkJson> links, List<ChangeWindow.CommitRef> commits) {}

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record SuspectJson(String issueId, String shortId, String title, String how, String at, String when, String link) {}

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record WindowJson(String from, String to, String incidentAt, int hours, List<RowJson> changes, List<SuspectJson> suspects,
            List<ChangeWindow.Hint> answers) {}

    @GetMapping({"/", ""})
    WindowJson get(Actor actor, @PathVariable String org, @PathVariable String number, @RequestParam(required = false) String hours) {
        ChangeWindow w = recent.forIncident(actor, org, number, hours(hours));
        return new WindowJson(w.from().toString(), w.to().toString(), w.incidentAt().toString(), w.hours(),
                w.rows().stream().map(r -> new RowJson(r.id(), r.at().toString(), r.when(), r.kind(), r.kindLabel(), r.what(), r.who(),
                        r.environment(), r.links().stream().map(l -> new LinkJson(absolute(l.href()), l.text())).toList(), r.commits())).toList(),
                w.suspects().stream().map(s -> new SuspectJson(Long.toString(s.issueId()), s.shortId(), s.title(), s.how(), s.at().toString(),
                        s.when(), absolute(s.link()))).toList(),
                w.hints());
    }

    /** Links to Bugmaster's own pages are paths in the window; an API client gets them whole. */
    private String absolute(String href) {
        return href.startsWith("/") ? baseUrl + href : href;
    }

    private static Integer hours(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return Integer.valueOf(text.strip());
        } catch (NumberFormatException e) {
            throw new InvalidInputException("hours", "how many hours before the incident to look, 1 to " + ChangeWindow.MAX_HOURS
                    + "; got '" + text.strip() + "'");
        }
    }
}
