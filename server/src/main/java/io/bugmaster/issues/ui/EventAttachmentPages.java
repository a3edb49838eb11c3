package io.bugmaster.issues.ui;

import io.bugmaster.accounts.Actor;
import io.bugmaster.issues.IngestedExtras;
import io.bugmaster.web.Downloads;
import io.bugmaster.web.UiController;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

/** An event's attachment from the issue page, always as a download: its bytes came from the internet and are never rendered. */
@UiController
class EventAttachmentPages {
    private final EventExtras extras;

    EventAttachmentPages(EventExtras extras) {
        this.extras = extras;
    }

    @GetMapping("/orgs/{org}/issues/{id}/events/{eventId}/attachments/{attachmentId}")
    ResponseEntity<byte[]> download(Actor actor, @PathVariable String org, @PathVariable String id, @PathVariable String eventId,
            @PathVariable String attachmentId) {
        IngestedExtras.Download download = extras.attachment(actor, org, id, eventId, attachmentId);
        String name = download.name();
        return ResponseEntity.ok()
                .contentType(MediaType.APPLICATION_OCTET_STREAM)
                .header(HttpHeaders.CONTENT_DISPOSITION, Downloads.attachment(name))
                .header("X-Content-Type-Options", "nosniff")
                .header("Content-Security-Policy", "sandbox; default-src 'none'")
                .header(HttpHeaders.CACHE_CONTROL, "private, no-store")
                .body(download.data());
    }
}
