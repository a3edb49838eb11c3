package io.bugmaster.ingest;

import io.bugmaster.monitors.cron.SentryCheckIns;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.bugmaster.accounts.DsnKeys;
import io.bugmaster.accounts.DsnKeys.KeyInfo;
import io.bugmaster.digest.DigestItem;
import io.bugmaster.digest.Digester;
import io.bugmaster.digest.QueueFullException;
import io.bugmaster.events.EventPayloads;
import io.bugmaster.grouping.FingerprintRules;
import io.bugmaster.grouping.Grouped;
import io.bugmaster.grouping.Grouper;
import io.bugmaster.grouping.GroupingEvent;
import io.bugmaster.grouping.GroupingResult;
import io.bugmaster.grouping.StackTraceRules;
import io.bugmaster.grouping.Strategies;
import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;
import org.springframework.util.unit.DataSize;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The ingest pipeline of one request: authenticate the DSN key, read and parse the body within
 * limits, normalize and scrub, check quotas, group, and hand the events to the digester; answer
 * only when they are committed. Everything else of the envelope (attachments, sessions, feedback,
 * check-ins, client reports) is written after the events.
 *
 * <p>What a request may cost is bounded three ways: {@link IngestMemory} (the bytes all requests hold
 * together), {@link IngestAdmission} (how many are processed at once), each with a share per project,
 * and the per-project attachment storage quota. Items are processed one at a time as they are read,
 * so no request holds more than one parsed item's tree.
 */
@Service
public class IngestService {
    private static final Logger log = LoggerFactory.getLogger(IngestService.class);
    private static final long COMMIT_TIMEOUT_SECONDS = 30;
    /** How long an SDK is told to stop sending attachments once its project's attachment storage is full. */
    private static final long ATTACHMENT_QUOTA_RETRY_SECONDS = 3600;

    private final DsnKeys keys;
    private final QuotaGuard quotas;
    private final Digester digester;
    private final IngestStore store;
    private final SentryCheckIns checkIns;
    private final OutcomeCounter outcomes;
    private final Clock clock;
    private final IngestRequestReader reader = new IngestRequestReader(IngestLimits.defaults());
    private final JsonMapper json = JsonMapper.builder().build();
    private final Cache<String, FingerprintRules> rules = Caffeine.newBuilder().maximumSize(1000).build();
    private final Cache<String, StackTraceRules> stackRules = Caffeine.newBuilder().maximumSize(1000).build();
    private final IngestAdmission admission;
    private final IngestMemory memory;
    private final long admissionWaitMillis;
    private final long attachmentQuotaBytes;

    public IngestService(DsnKeys keys, QuotaGuard quotas, Digester digester, IngestStore store, SentryCheckIns checkIns,
            OutcomeCounter outcomes, Clock clock, @Value("${bugmaster.ingest-concurrency:32}") int concurrency,
            @Value("${bugmaster.ingest-admission-wait:100ms}") Duration admissionWait,
            @Value("${bugmaster.ingest-project-share:75}") int projectSharePercent,
            @Value("${bugmaster.ingest-memory:}") String memoryBudget,
            @Value("${bugmaster.attachment-quota:1GB}") DataSize attachmentQuota) {
        if (projectSharePercent < 1 || projectSharePercent > 100) {
            throw new IllegalArgumentException("BUGMASTER_INGEST_PROJECT_SHARE is a percentage from 1 to 100, got: "
                    + projectSharePercent);
        }
        if (attachmentQuota.isNegative()) {
            throw new IllegalArgumentException("BUGMASTER_ATTACHMENT_QUOTA must not be negative, got: " + attachmentQuota);
        }
        long budget = memoryBudget == null || memoryBudget.isBlank() ? IngestMemory.defaultBudget(Runtime.getRuntime().maxMemory())
                : DataSize.parse(memoryBudget.strip()).toBytes();
        if (budget <= 0) {
            throw new IllegalArgumentException("BUGMASTER_INGEST_MEMORY must be positive, got: " + memoryBudget);
        }
        this.admission = new IngestAdmission(concurrency, Math.max(1, concurrency * projectSharePercent / 100));
        this.memory = new IngestMemory(budget, Math.max(1, budget / 100 * projectSharePercent));
        this.admissionWaitMillis = admissionWait.toMillis();
        this.attachmentQuotaBytes = attachmentQuota.toBytes();
        this.keys = keys;
        this.quotas = quotas;
        this.digester = digester;
        this.store = store;
        this.checkIns = checkIns;
        this.outcomes = outcomes;
        this.clock = clock;
    }

    /** What the client is told. {@code retryAfter} and {@code rateLimits} go into headers when set. */
    public record Reply(int status, Map<String, Object> body, String error, Long retryAfter, String rateLimits) {
        static Reply ok(String id) {
            return new Reply(200, id == null ? Map.of() : Map.of("id", id), null, null, null);
        }

        static Reply error(int status, String detail, List<String> causes) {
            return new Reply(status, causes == null || causes.isEmpty() ? Map.of("detail", detail)
                    : Map.of("detail", detail, "causes", causes), detail, null, null);
        }

        static Reply tooMany(long retryAfter, String rateLimits, String detail) {
            return new Reply(429, Map.of("detail", detail), detail, retryAfter, rateLimits);
        }

        static Reply busy(String detail) {
            return tooMany(1, "1::organization:backpressure", detail);
        }

        /** This reply with {@code X-Sentry-Rate-Limits} (on a 200: some items were refused). */
        Reply withRateLimits(String header) {
            return new Reply(status, body, error, retryAfter, header);
        }
    }

    /**
     * The parts of an HTTP request ingestion reads.
     *
     * @param projectId the project id of the URL path (digits)
     * @param body      the body as sent (still encoded)
     * @param memory    what the request may hold, from {@link #memoryFor}: the caller may already have charged
     *                  the body's bytes to it, and closes it after the reply
     */
    public record Request(IngestRequestReader.Endpoint endpoint, String projectId, String xSentryAuth, String authorization,
            String contentEncoding, String rawQuery, String clientIp, InputStream body, RequestMemory memory) {}

    /** The memory a request of this project (from the URL) may hold, shared with all other requests. */
    public RequestMemory memoryFor(String projectId) {
        return memory.open(projectKey(projectId));
    }

    /** Bytes held by all ingest requests now. */
    public long memoryHeld() {
        return memory.held();
    }

    /** Requests being processed now. */
    public int slotsUsed() {
        return admission.used();
    }

    /**
     * Refuses an unknown or disabled key before the body is read, when the request names its key in a
     * header or the query string (a key only in the envelope's header is checked once that is read).
     */
    public Optional<Reply> refuseBeforeBody(String projectId, String xSentryAuth, String authorization, String rawQuery) {
        Optional<SentryAuth> early;
        try {
            early = SentryAuth.fromRequest(xSentryAuth, authorization, rawQuery);
        } catch (IngestException e) {
            return Optional.of(Reply.error(e.status(), e.detail(), e.causes()));
        }
        return early.map(auth -> checkKey(auth.publicKey(), projectId).reply());
    }

    public Reply accept(Request request) throws IOException {
        Instant received = clock.instant();
        Optional<Reply> refused = refuseBeforeBody(request.projectId(), request.xSentryAuth(), request.authorization(),
                request.rawQuery());
        if (refused.isPresent()) {
            return refused.get();
        }
        // Back-pressure: only so many requests are parsed and waiting for their commit at once, and one
        // project only its share of them. The others are told to retry at once, instead of piling up in
        // the server's connection queue until the SDKs time out.
        long project = projectKey(request.projectId());
        boolean admitted;
        try {
            admitted = admission.tryAcquire(project, admissionWaitMillis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            admitted = false;
        }
        if (!admitted) {
            return Reply.busy("the server is busy; retry in 1 s");
        }
        try {
            return admitted(request, received);
        } catch (Refused e) {
            return e.reply;
        } finally {
            admission.release(project);
        }
    }

    /** A request refused while it is read, with the reply to give. */
    private static final class Refused extends RuntimeException {
        final Reply reply;

        Refused(Reply reply) {
            super(reply.error(), null, false, false);
            this.reply = reply;
        }
    }

    /** Receives the envelope as it is read: checks the key at the header, then processes each item at once. */
    private final class Reading implements IngestRequestReader.Listener {
        private final Request request;
        private final Instant received;
        KeyInfo key;
        EnvelopeProcessor.Accumulator accumulator;

        Reading(Request request, Instant received) {
            this.request = request;
            this.received = received;
        }

        @Override
        public void begin(SentryAuth auth, EnvelopeHeader header) {
            KeyCheck check = checkKey(auth.publicKey(), request.projectId());
            if (check.reply() != null) {
                throw new Refused(check.reply());
            }
            key = check.key();
            ScrubbingSettings scrubbing = ScrubbingSettings.of(key.scrubData(), lines(key.scrubFields()), lines(key.safeFields()));
            accumulator = new EnvelopeProcessor.Accumulator(header, received, request.clientIp(), scrubbing, request.memory());
        }

        @Override
        public void item(EnvelopeItem item) {
            accumulator.add(item);
        }
    }

    private Reply admitted(Request request, Instant received) throws IOException {
        Reading reading = new Reading(request, received);
        IngestRequestReader.Result result = reader.read(request.endpoint(), request.projectId(), request.xSentryAuth(),
                request.authorization(), request.contentEncoding(), request.rawQuery(), request.body(), request.memory(), reading);
        if (result instanceof IngestRequestReader.Rejected rejected) {
            return rejected.status() == 429 ? Reply.busy(rejected.detail())
                    : Reply.error(rejected.status(), rejected.detail(), rejected.causes());
        }
        KeyInfo key = reading.key;
        ProcessedEnvelope envelope = reading.accumulator.finish(((IngestRequestReader.Streamed) result).skippedTypes());
        countSkipped(key.projectId(), envelope);

        int eventCount = envelope.events().size() + envelope.transactions().size();
        Optional<QuotaGuard.Refusal> refusal = quotas.admit(key, eventCount);
        if (refusal.isPresent()) {
            outcomes.add(key.projectId(), "rate_limited", "error", refusal.get().reason(), eventCount);
            return Reply.tooMany(refusal.get().retryAfterSeconds(), refusal.get().header(),
                    "rate limit exceeded (" + refusal.get().reason() + "); retry in " + refusal.get().retryAfterSeconds() + " s");
        }
        List<DigestItem> items = new ArrayList<>(eventCount);
        FingerprintRules projectRules = rulesOf(key);
        for (NormalizedEvent event : envelope.events()) {
            items.add(toDigestItem(key, event, projectRules));
        }
        for (NormalizedEvent transaction : envelope.transactions()) {
            items.add(toTransaction(key, transaction));
        }
        List<DigestItem> written;
        try {
            written = digester.submit(items).get(COMMIT_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (QueueFullException e) {
            outcomes.add(key.projectId(), "rate_limited", "error", "backpressure", eventCount);
            return Reply.tooMany(e.retryAfterSeconds(), e.retryAfterSeconds() + "::organization:backpressure", e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Reply.error(503, "the server is shutting down; send the event again", List.of());
        } catch (ExecutionException | TimeoutException e) {
            log.error("events of project {} were not stored", key.projectId(), e);
            return Reply.error(503, "the event could not be stored; send it again later", List.of());
        }
        // A duplicate event is dropped with its attachments: sending an event id again must not store them again.
        boolean keepAttachments = items.isEmpty() || written.size() == items.size();
        IngestStore.Written stored = store.write(key.projectId(), SideItems.of(envelope, keepAttachments), received,
                attachmentQuotaBytes);
        checkIns.record(key.projectId(), SideItems.checkIns(envelope), received);
        Reply ok = Reply.ok(envelope.responseId());
        if (stored.refusedAttachmentBytes() == 0) {
            return ok;
        }
        outcomes.add(key.projectId(), "rate_limited", "attachment", "attachment_quota", stored.refusedAttachmentBytes());
        String limits = ATTACHMENT_QUOTA_RETRY_SECONDS + ":attachment:project:attachment_quota";
        if (envelope.responseId() != null) {
            // the event is stored; the SDK is told to stop sending attachments for a while (as Relay does)
            return ok.withRateLimits(limits);
        }
        return Reply.tooMany(ATTACHMENT_QUOTA_RETRY_SECONDS, limits, "the attachment storage quota of this project ("
                + attachmentQuotaBytes / (1024 * 1024) + " MB) is used up: attachments are not stored (BUGMASTER_ATTACHMENT_QUOTA)");
    }

    /** The URL's project id as a number (the path only matches digits); too long to be a project: -1. */
    private static long projectKey(String projectId) {
        try {
            return Long.parseLong(projectId);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private record KeyCheck(KeyInfo key, Reply reply) {}

    private KeyCheck checkKey(String publicKey, String projectId) {
        Optional<KeyInfo> key = keys.find(publicKey);
        if (key.isEmpty()) {
            return new KeyCheck(null, Reply.error(401, "unknown DSN key: check the DSN the SDK is configured with", List.of()));
        }
        if (!String.valueOf(key.get().projectId()).equals(projectId)) {
            return new KeyCheck(null, Reply.error(403, "this DSN key belongs to another project than " + projectId, List.of()));
        }
        if (!key.get().active()) {
            return new KeyCheck(null, Reply.error(403, "this DSN key is disabled: enable it or use another key of the project",
                    List.of()));
        }
        return new KeyCheck(key.get(), null);
    }

    private DigestItem toDigestItem(KeyInfo key, NormalizedEvent sent, FingerprintRules projectRules) {
        // in-app frames are decided before grouping, so grouping, ownership and the issue page agree
        InAppMarking.Marked marked = InAppMarking.mark(sent, stackRulesOf(key));
        NormalizedEvent event = marked.event();
        GroupingEvent groupingEvent = EventMapping.groupingEvent(event);
        Grouped grouped = Grouper.group(groupingEvent, projectRules);
        LinkedHashSet<String> hashes = new LinkedHashSet<>();
        hashes.add(grouped.result().hash());
        if (Strategies.all().size() > 1) {
            Grouper.allStrategies(groupingEvent, projectRules).forEach(r -> hashes.add(r.hash()));
        }
        if (marked.withoutBuiltIns() != null) {
            hashes.add(Grouper.group(EventMapping.groupingEvent(marked.withoutBuiltIns()), projectRules).result().hash());
        }
        var summary = grouped.summary();
        ObjectNode metadata = json.createObjectNode();
        putIfNotNull(metadata, "type", summary.type());
        putIfNotNull(metadata, "value", summary.value());
        putIfNotNull(metadata, "filename", summary.filename());
        putIfNotNull(metadata, "function", summary.function());
        ObjectNode payload = (ObjectNode) event.payload();
        payload.put("title", summary.title());
        putIfNotNull(payload, "culprit", summary.culprit());
        payload.set("metadata", metadata);
        payload.set("_grouping", explanation(grouped.result()));
        DigestItem.EventType type = event.exceptions().isEmpty() ? DigestItem.EventType.DEFAULT : DigestItem.EventType.ERROR;
        return new DigestItem(key.orgId(), key.projectId(), event.eventId(), type, event.timestamp(), event.received(),
                event.level(), event.platform(), event.release(), event.environment(), summary.title(), summary.culprit(),
                json.writeValueAsString(metadata), grouped.result().strategy(), List.copyOf(hashes), EventMapping.tags(event),
                EventMapping.userKey(event), EventPayloads.compress(json.writeValueAsBytes(payload)));
    }

    private DigestItem toTransaction(KeyInfo key, NormalizedEvent event) {
        String title = event.transaction() == null ? "<unnamed transaction>" : event.transaction();
        return new DigestItem(key.orgId(), key.projectId(), event.eventId(), DigestItem.EventType.TRANSACTION, event.timestamp(),
                event.received(), event.level(), event.platform(), event.release(), event.environment(), title, null, "{}",
                Strategies.current().name(), List.of(), EventMapping.tags(event), EventMapping.userKey(event),
                EventPayloads.compress(json.writeValueAsBytes(event.payload())));
    }

    private ObjectNode explanation(GroupingResult result) {
        ObjectNode node = json.createObjectNode();
        node.put("strategy", result.strategy());
        node.put("hash", result.hash());
        node.put("variant", result.variant());
        ArrayNode components = node.putArray("components");
        result.components().forEach(c -> {
            ObjectNode component = components.addObject();
            component.put("type", c.type());
            component.put("contributes", c.contributes());
            ArrayNode values = component.putArray("values");
            c.values().forEach(values::add);
            putIfNotNull(component, "hint", c.hint());
        });
        return node;
    }

    private FingerprintRules rulesOf(KeyInfo key) {
        String text = key.fingerprintRules();
        if (text == null || text.isBlank()) {
            return null;
        }
        return rules.get(text, t -> {
            try {
                return FingerprintRules.parse(t);
            } catch (IllegalArgumentException e) {
                // saved rules are checked when saved; rules that no longer parse are skipped, not fatal to ingestion
                log.warn("fingerprint rules of project {} do not parse: {}", key.projectId(), e.getMessage());
                return FingerprintRules.none();
            }
        });
    }

    private StackTraceRules stackRulesOf(KeyInfo key) {
        String text = key.stackTraceRules();
        if (text == null || text.isBlank()) {
            return StackTraceRules.none();
        }
        return stackRules.get(text, t -> {
            try {
                return StackTraceRules.parse(t);
            } catch (IllegalArgumentException e) {
                // saved rules are checked when saved; rules that no longer parse are skipped, not fatal to ingestion
                log.warn("stack trace rules of project {} do not parse: {}", key.projectId(), e.getMessage());
                return StackTraceRules.none();
            }
        });
    }

    private void countSkipped(long projectId, ProcessedEnvelope envelope) {
        envelope.skippedTypes().forEach((type, n) -> outcomes.add(projectId, "skipped", type, "unsupported_item", n));
        envelope.dropped().forEach((reason, n) -> outcomes.add(projectId, "invalid", "item", reason, n));
    }

    private static void putIfNotNull(ObjectNode node, String field, String value) {
        if (value != null) {
            node.put(field, value);
        }
    }

    private static List<String> lines(String text) {
        return text == null || text.isBlank() ? List.of()
                : Arrays.stream(text.split("[\\n,]")).map(String::strip).filter(s -> !s.isEmpty()).toList();
    }
}
