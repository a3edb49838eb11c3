package io.bugmaster.oncall.paging;

import io.bugmaster.notify.Notification;
import io.bugmaster.notify.NotificationJson;
import io.bugmaster.notify.NotificationQueue;
import io.bugmaster.notify.QueuedNotification;
import io.bugmaster.notify.Recipient;
import io.bugmaster.oncall.Pager;
import io.bugmaster.oncall.people.ContactMethods;
import io.bugmaster.oncall.people.NotificationRule;
import io.bugmaster.storage.Transactions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * The pager: a page is stored once per key with the person's notification; the rules due at once
 * are queued for delivery in the same transaction, each contact method under its own idempotency
 * key ({@code <pageKey>:m<method>}), and the later ones wait as page steps that {@link PageStepsModule}
 * sends when due, unless the subject was stopped first. Stopping also skips what is still waiting
 * for a retry (an SMS the provider refused for a moment must not wake anyone after the acknowledgement).
 */
@Service
class RulePager implements Pager {
    private static final Logger log = LoggerFactory.getLogger(RulePager.class);

    private final PageStore store;
    private final ContactMethods people;
    private final NotificationQueue queue;
    private final Transactions tx;
    private final Clock clock;

    RulePager(PageStore store, ContactMethods people, NotificationQueue queue, Transactions tx, Clock clock) {
        this.store = store;
        this.people = people;
        this.queue = queue;
        this.tx = tx;
        this.clock = clock;
    }

    @Override
    public void page(PageRequest request) {
        List<NotificationRule> plan = people.plan(request.userId(), request.urgency());
        Notification notification = withUrgency(request.notification(), request);
        Instant now = clock.instant();
        tx.write(() -> {
            var pageId = store.insertPage(request.orgId(), request.userId(), request.subject(), request.pageKey(),
                    request.urgency().name(), NotificationJson.write(notification), now);
            if (pageId.isEmpty()) {
                return; // this step was paged already
            }
            if (plan.isEmpty()) {
                log.warn("Page {} reaches nobody: user {} has no contact method turned on", request.pageKey(), request.userId());
            }
            for (NotificationRule rule : plan) {
                if (rule.delayMinutes() == 0) {
                    queue.enqueue(request.orgId(), Recipient.contactMethod(rule.contactMethodId()),
                            notification.withIdempotencyKey(key(request.pageKey(), rule.contactMethodId(), 0)));
                } else {
                    store.insertStep(pageId.get(), rule.contactMethodId(), rule.delayMinutes(),
                            now.plus(Duration.ofMinutes(rule.delayMinutes())));
                }
            }
        });
    }

    static final String STOPPED = "not sent: the page was stopped (its incident was acknowledged or resolved)";

    /** Stops the pages: their later rules are not sent, nor what is still waiting for a retry. */
    @Override
    public void stop(long orgId, String subject) {
        tx.write(() -> {
            for (String pageKey : store.stop(orgId, subject, clock.instant())) {
                queue.skipPending(orgId, pageKey + ":m", STOPPED);
            }
        });
    }

    static final int PAGES_READ = 100;
    static final int MESSAGES_PER_PAGE = 20;

    @Override
    public List<Delivery> deliveries(long orgId, String subject) {
        List<PageStore.PageRow> pages = tx.read(() -> store.pagesAbout(orgId, subject, PAGES_READ));
        record Found(String key, long userId, long methodId, String status, Instant at, String detail) {}
        List<Found> found = new ArrayList<>();
        for (PageStore.PageRow page : pages) {
            for (NotificationQueue.Sent sent : queue.sent(orgId, page.pageKey() + ":m", page.startedAt(), MESSAGES_PER_PAGE)) {
                if (sent.contactMethodId() != null) {
                    Instant at = sent.lastAttemptAt() != null && sent.state() != QueuedNotification.State.SKIPPED ? sent.lastAttemptAt()
                            : sent.queuedAt();
                    found.add(new Found(sent.idempotencyKey(), page.userId(), sent.contactMethodId(), sent.state().id(), at, sent.lastError()));
                }
            }
        }
        Map<Long, Long> userOfPage = new java.util.HashMap<>();
        pages.forEach(p -> userOfPage.put(p.id(), p.userId()));
        for (PageStore.StepRow step : tx.read(() -> store.unsentSteps(List.copyOf(userOfPage.keySet())))) {
            boolean waiting = step.state().equals(PageStore.PENDING);
            found.add(new Found("step:" + step.id(), userOfPage.get(step.pageId()), step.contactMethodId(), waiting ? "scheduled" : "skipped",
                    step.dueAt(), waiting ? null : STOPPED));
        }
        Map<Long, ContactMethods.Shown> methods = people.shown(found.stream().map(Found::methodId).toList());
        List<Delivery> out = new ArrayList<>();
        for (Found f : found) {
            ContactMethods.Shown m = methods.get(f.methodId());
            out.add(new Delivery(f.key(), f.userId(), f.methodId(), m == null || m.kind() == null ? null : m.kind().title(),
                    m == null ? null : m.name(), f.status(), f.at(), f.detail()));
        }
        out.sort(java.util.Comparator.comparing(Delivery::at));
        return out;
    }

    /** One message per page, contact method and rule delay: {@code <pageKey>:m12}, {@code <pageKey>:m12:after5}. */
    static String key(String pageKey, long contactMethodId, int delayMinutes) {
        return pageKey + ":m" + contactMethodId + (delayMinutes == 0 ? "" : ":after" + delayMinutes);
    }

    /** The page's urgency in the notification's data ({@code urgency}), which push uses for its priority, unless it says already. */
    private static Notification withUrgency(Notification n, PageRequest request) {
        if (n.data().containsKey("urgency")) {
            return n;
        }
        Map<String, Object> data = new LinkedHashMap<>(n.data());
        data.put("urgency", request.urgency().name().toLowerCase(Locale.ROOT));
        return n.withData(data);
    }
}
