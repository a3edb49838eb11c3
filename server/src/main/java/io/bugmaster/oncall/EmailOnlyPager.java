package io.bugmaster.oncall;

import io.bugmaster.accounts.Directory;
import io.bugmaster.notify.NotificationQueue;
import io.bugmaster.notify.Recipient;
import org.springframework.stereotype.Service;

/** Placeholder until contact methods exist: a page is one email to the member's address. Replaced by notification rules. */
@Service
class EmailOnlyPager implements Pager {
    private final Directory directory;
    private final NotificationQueue queue;

    EmailOnlyPager(Directory directory, NotificationQueue queue) {
        this.directory = directory;
        this.queue = queue;
    }

    @Override
    public void page(PageRequest request) {
        directory.memberEmail(request.orgId(), request.userId()).ifPresent(email -> queue.enqueue(request.orgId(),
                Recipient.email(email), request.notification().withIdempotencyKey(request.pageKey() + ":email")));
    }

    @Override
    public void stop(long orgId, String subject) {
        // one email at once: nothing is pending
    }
}
