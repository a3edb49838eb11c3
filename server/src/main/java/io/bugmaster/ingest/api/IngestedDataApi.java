package io.bugmaster.ingest.api;

import io.bugmaster.accounts.Actor;
import io.bugmaster.ingest.IngestStore;
import io.bugmaster.ingest.IngestedData;
import io.bugmaster.web.Downloads;
import io.bugmaster.web.api.ApiController;
import io.bugmaster.web.api.PageRequest;
import io.bugmaster.web.api.Paging;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Instant;
import java.util.List;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** Attachments, user feedback, release health and outcomes of a project (Sentry's paths where Sentry has them). */
@ApiController
@RequestMapping("/api/0")
class IngestedDataApi {
    private final IngestedData data;
    private final Paging paging;

    IngestedDataApi(IngestedData data, Paging paging) {
        this.data = data;
        this.paging = paging;
    }

    record AttachmentJson(String id, String eventId, String name, String mimetype, String type, long size, Instant dateCreated) {}

    record FeedbackJson(String id, String eventID, String name, String email, String comments, Instant dateCreated) {}

    @GetMapping({"/projects/{org}/{project}/events/{event}/attachments/", "/projects/{org}/{project}/events/{event}/attachments"})
    List<AttachmentJson> attachments(Actor actor, @PathVariable String org, @PathVariable String project,
            @PathVariable String event) {
        return data.attachments(actor, org, project, event).stream().map(IngestedDataApi::json).toList();
    }

    /**
     * The attachment's bytes, always as a download: its content came from the internet and is never rendered.
     * Sentry's clients ask for the bytes with {@code ?download=1}; here they are the only answer, so it changes nothing.
     */
    @GetMapping({"/projects/{org}/{project}/events/{event}/attachments/{id}/", "/projects/{org}/{project}/events/{event}/attachments/{id}"})
    ResponseEntity<byte[]> attachment(Actor actor, @PathVariable String org, @PathVariable String project,
            @PathVariable String event, @PathVariable String id, @RequestParam(name = "download", required = false) String asked) {
        IngestedData.Download download = data.attachment(actor, org, project, event, id);
        return ResponseEntity.ok()
                .contentType(MediaType.APPLICATION_OCTET_STREAM)
                .header(HttpHeaders.CONTENT_DISPOSITION, Downloads.attachment(download.attachment().name()))
                .header("X-Content-Type-Options", "nosniff")
                .body(download.data());
    }

    @GetMapping({"/projects/{org}/{project}/user-feedback/", "/projects/{org}/{project}/user-feedback"})
    ResponseEntity<List<FeedbackJson>> feedback(Actor actor, HttpServletRequest request, @PathVariable String org,
            @PathVariable String project, PageRequest page) {
        return paging.respond(request, data.userFeedback(actor, org, project, page.offset(), page.perPage()), IngestedDataApi::json);
    }

    @GetMapping({"/projects/{org}/{project}/events/{event}/user-feedback/", "/projects/{org}/{project}/events/{event}/user-feedback"})
    List<FeedbackJson> eventFeedback(Actor actor, @PathVariable String org, @PathVariable String project,
            @PathVariable String event) {
        return data.userFeedbackOfEvent(actor, org, project, event).stream().map(IngestedDataApi::json).toList();
    }

    @GetMapping({"/issues/{id}/user-reports/", "/issues/{id}/user-reports", "/organizations/{org}/issues/{id}/user-reports/",
            "/organizations/{org}/issues/{id}/user-reports"})
    List<FeedbackJson> issueFeedback(Actor actor, @PathVariable(required = false) String org, @PathVariable String id) {
        return data.userFeedbackOfIssue(actor, org, id).stream().map(IngestedDataApi::json).toList();
    }

    @GetMapping({"/projects/{org}/{project}/release-health/", "/projects/{org}/{project}/release-health"})
    List<IngestedData.Health> releaseHealth(Actor actor, @PathVariable String org, @PathVariable String project,
            @RequestParam(required = false) String statsPeriod) {
        return data.releaseHealth(actor, org, project, statsPeriod);
    }

    @GetMapping({"/projects/{org}/{project}/outcomes/", "/projects/{org}/{project}/outcomes"})
    List<IngestStore.OutcomeTotal> outcomes(Actor actor, @PathVariable String org, @PathVariable String project,
            @RequestParam(required = false) String statsPeriod) {
        return data.outcomes(actor, org, project, statsPeriod);
    }

    private static AttachmentJson json(IngestStore.StoredAttachment a) {
        return new AttachmentJson(String.valueOf(a.id()), a.eventId(), a.name(),
                a.contentType() == null ? "application/octet-stream" : a.contentType(),
                a.attachmentType() == null ? "event.attachment" : a.attachmentType(), a.size(), a.createdAt());
    }

    private static FeedbackJson json(IngestStore.StoredUserReport r) {
        return new FeedbackJson(String.valueOf(r.id()), r.eventId(), r.name(), r.email(), r.comments(), r.createdAt());
    }
}
