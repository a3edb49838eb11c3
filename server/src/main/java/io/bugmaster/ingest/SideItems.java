package io.bugmaster.ingest;

import io.bugmaster.common.PureLogic;
import java.util.ArrayList;
import java.util.List;

/** Turns the non-event items of an envelope into the rows {@link IngestStore} keeps. */
@PureLogic
final class SideItems {
    private SideItems() {}

    /** @param withAttachments false to leave the attachments out (their event was a duplicate) */
    static IngestStore.SideItems of(ProcessedEnvelope envelope, boolean withAttachments) {
        String eventId = envelope.attachmentEventId();
        List<IngestStore.Attachment> attachments = new ArrayList<>();
        if (eventId != null && withAttachments) {
            for (EnvelopeItem item : envelope.attachments()) {
                attachments.add(new IngestStore.Attachment(eventId, item.filename() == null ? "attachment" : item.filename(),
                        item.contentType(), item.attachmentType(), item.payload()));
            }
        }
        List<IngestStore.SessionCount> sessions = new ArrayList<>();
        for (ItemRecords.SessionUpdate s : envelope.sessions()) {
            if (s.release() == null) {
                continue;
            }
            boolean ended = !"ok".equals(s.status());
            sessions.add(new IngestStore.SessionCount(s.release(), env(s.environment()), s.started(), s.init() ? 1 : 0,
                    ended && ("errored".equals(s.status()) || s.errors() > 0) ? 1 : 0, "crashed".equals(s.status()) ? 1 : 0,
                    "abnormal".equals(s.status()) ? 1 : 0));
        }
        for (ItemRecords.SessionAggregates a : envelope.sessionAggregates()) {
            if (a.release() == null) {
                continue;
            }
            for (ItemRecords.SessionBucket b : a.buckets()) {
                sessions.add(new IngestStore.SessionCount(a.release(), env(a.environment()), b.started(),
                        b.exited() + b.errored() + b.abnormal() + b.crashed(), b.errored(), b.crashed(), b.abnormal()));
            }
        }
        List<IngestStore.Outcome> outcomes = new ArrayList<>();
        for (ItemRecords.ClientReport report : envelope.clientReports()) {
            for (ItemRecords.DiscardedEvents d : report.discarded()) {
                outcomes.add(new IngestStore.Outcome("client_discarded", d.category(), d.reason(), d.quantity()));
            }
        }
        List<IngestStore.UserReport> reports = new ArrayList<>();
        for (ItemRecords.UserReport r : envelope.userReports()) {
            reports.add(new IngestStore.UserReport(r.eventId(), r.name(), r.email(), r.comments()));
        }
        for (ItemRecords.Feedback f : envelope.feedback()) {
            reports.add(new IngestStore.UserReport(f.associatedEventId(), f.name(), f.contactEmail(), f.message()));
        }
        return new IngestStore.SideItems(attachments, sessions, outcomes, reports);
    }

    /** The envelope's check-ins, for the monitors package. */
    static List<io.bugmaster.monitors.cron.SentryCheckIns.CheckIn> checkIns(ProcessedEnvelope envelope) {
        List<io.bugmaster.monitors.cron.SentryCheckIns.CheckIn> out = new ArrayList<>();
        for (ItemRecords.CheckIn c : envelope.checkIns()) {
            out.add(new io.bugmaster.monitors.cron.SentryCheckIns.CheckIn(c.monitorSlug(), c.checkInId(), c.status(), c.duration(),
                    c.release(), env(c.environment()), c.monitorConfig()));
        }
        return out;
    }

    private static String env(String environment) {
        return environment == null || environment.isBlank() ? "production" : environment;
    }
}
