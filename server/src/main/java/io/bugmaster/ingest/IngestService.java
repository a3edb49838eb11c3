package io.bugmaster.ingest;

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
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The ingest pipeline of one request: authenticate the DSN key, read and parse the body within
 * limits, normalize and scrub, check quotas, group, and hand the events to the digester; answer
 * only when they are committed. Everything else of the envelope (attachments, sessions, feedback,
 * check-ins, client reports) is written after the events.
 */
@Service
public class IngestService {
    private static final Logger log = LoggerFactory.getLogger(IngestService.class);
    private static final long COMMIT_TIMEOUT_SECONDS = 30;

    private final DsnKeys keys;
    private final QuotaGuard quotas;
    private final Digester digester;
    private final IngestStore store;
    private final OutcomeCounter outcomes;
    private final Clock clock;
    private final IngestRequestReader reader = new IngestRequestReader(IngestLimits.defaults());
    private final JsonMapper json = JsonMapper.builder().build();
    private final Cache<String, FingerprintRules> rules = Caffeine.newBuilder().maximumSize(1000).build();
    private final Cache<String, StackTraceRules> stackRules = Caffeine.newBuilder().maximumSize(1000).build();
    private final Semaphore admission;
    private final long admissionWaitMillis;

    public IngestService(DsnKeys keys, QuotaGuard quotas, Digester digester, IngestStore store, OutcomeCounter outcomes,
            Clock clock, @Value("${bugmaster.ingest-concurrency:32}") int concurrency,
            @Value("${bugmaster.ingest-admission-wait:100ms}") Duration admissionWait) {
        this.admission = new Semaphore(concurrency);
        this.admissionWaitMillis = admissionWait.toMillis();
        this.keys = keys;
        this.quotas = quotas;
        this.digester = digester;
        this.store = store;
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
    }

    /** The parts of an HTTP request ingestion reads. */
    public record Request(IngestRequestReader.Endpoint endpoint, String projectId, String xSentryAuth, String authorization,
            String contentEncoding, String rawQuery, String clientIp, InputStream body) {}

    public Reply accept(Request request) throws IOException {
        Instant received = clock.instant();
        // refuse an unknown or disabled key before reading the body, when the request says which key
        Optional<SentryAuth> early;
        try {
            early = SentryAuth.fromRequest(request.xSentryAuth(), request.authorization(), request.rawQuery());
        } catch (IngestException e) {
            return Reply.error(e.status(), e.detail(), e.causes());
        }
        if (early.isPresent()) {
            Reply refused = checkKey(early.get().publicKey(), request.projectId()).reply();
            if (refused != null) {
                return refused;
            }
        }
        // Back-pressure: only so many requests are parsed and waiting for their commit at once. The
        // others are told to retry at once, instead of piling up in the server's connection queue
        // until the SDKs time out.
        boolean admitted;
        try {
            admitted = admission.tryAcquire(admissionWaitMillis, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            admitted = false;
        }
        if (!admitted) {
            return Reply.tooMany(1, "1::organization:backpressure", "the server is busy; retry in 1 s");
        }
        try {
            return admitted(request, received);
        } finally {
            admission.release();
        }
    }

    private Reply admitted(Request request, Instant received) throws IOException {
        IngestRequestReader.Result result = reader.read(request.endpoint(), request.projectId(), request.xSentryAuth(),
                request.authorization(), request.contentEncoding(), request.rawQuery(), request.body());
        if (result instanceof IngestRequestReader.Rejected rejected) {
            return Reply.error(rejected.status(), rejected.detail(), rejected.causes());
        }
        IngestRequestReader.Parsed parsed = (IngestRequestReader.Parsed) result;
        KeyCheck check = checkKey(parsed.auth().publicKey(), request.projectId());
        if (check.reply() != null) {
            return check.reply();
        }
        KeyInfo key = check.key();
        ScrubbingSettings scrubbing = ScrubbingSettings.of(key.scrubData(), lines(key.scrubFields()), lines(key.safeFields()));
        ProcessedEnvelope envelope = EnvelopeProcessor.process(parsed.envelope(), received, request.clientIp(), scrubbing);
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
        try {
            digester.submit(items).get(COMMIT_TIMEOUT_SECONDS, TimeUnit.SECONDS);
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
        store.write(key.projectId(), SideItems.of(envelope), received);
        return Reply.ok(envelope.responseId());
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
