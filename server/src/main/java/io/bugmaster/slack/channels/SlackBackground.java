package io.bugmaster.slack.channels;

import jakarta.annotation.PreDestroy;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Work that follows an answer to Slack and calls Slack back (an incident's channel, a pinned
 * message's text): Slack wants its answer within three seconds, so it runs here, after it. One
 * thread, so work runs in the order Slack's requests came (two pins: two notes in that order), and a bounded
 * queue: when full, the work is refused and the caller says so.
 */
@Component
public class SlackBackground {
    static final int QUEUE = 200;
    private static final Logger log = LoggerFactory.getLogger(SlackBackground.class);

    private final AtomicInteger threads = new AtomicInteger();
    private final ThreadPoolExecutor executor = new ThreadPoolExecutor(1, 1, 60, TimeUnit.SECONDS, new ArrayBlockingQueue<>(QUEUE), r -> {
        Thread t = new Thread(r, "slack-background-" + threads.incrementAndGet());
        t.setDaemon(true);
        return t;
    });

    /** Runs {@code work} soon; false when too much is waiting already (nothing runs). */
    public boolean submit(String what, Runnable work) {
        try {
            executor.execute(() -> {
                try {
                    work.run();
                } catch (RuntimeException e) {
                    log.warn("Slack work '{}' failed", what, e);
                }
            });
            return true;
        } catch (RejectedExecutionException e) {
            log.warn("Slack work '{}' refused: {} tasks are waiting", what, QUEUE);
            return false;
        }
    }

    @PreDestroy
    void stop() {
        executor.shutdownNow();
    }
}
