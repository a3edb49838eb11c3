package io.bugmaster.slack.messages;

import io.bugmaster.slack.SlackApi;
import io.bugmaster.slack.calls.SlackCalls;
import io.bugmaster.signals.Signal;
import io.bugmaster.signals.SignalConsumer;
import java.time.Instant;
import java.util.List;
import org.springframework.stereotype.Component;
import tools.jackson.databind.node.ObjectNode;

/**
 * Keeps every Slack message true ({@code slack-messages}): when an issue or an incident changes
 * anywhere (the web, the API, an email link, a click in Slack), each message Bugmaster posted about
 * it gets a {@code chat.update} with its card as it is now and who did what. The updates are queued
 * ({@link SlackCalls}), never made here; a newer update of the same message replaces one still waiting.
 */
@Component
class SlackMessageUpdates implements SignalConsumer {
    private final SlackMessageLog log;
    private final SlackCards cards;
    private final SlackCalls calls;

    SlackMessageUpdates(SlackMessageLog log, SlackCards cards, SlackCalls calls) {
        this.log = log;
        this.cards = cards;
        this.calls = calls;
    }

    @Override
    public String name() {
        return "slack-messages";
    }

    @Override
    public void handle(List<Signal> signals, Instant now) {
        for (Signal signal : signals) {
            boolean issue = signal.subject().is("issue") && ChangeLines.ISSUE_KINDS.contains(signal.kind());
            boolean incident = signal.subject().is("incident") && ChangeLines.INCIDENT_KINDS.contains(signal.kind());
            if (!issue && !incident) {
                continue;
            }
            String subject = signal.subject().type() + ":" + signal.subject().id();
            List<SlackMessageLog.Posted> posted = log.about(signal.orgId(), subject);
            if (posted.isEmpty()) {
                continue;
            }
            long id = signal.subject().number();
            String line = ChangeLines.of(signal);
            SlackCards.Card card = issue ? cards.issue(id, line) : cards.incident(id, line);
            for (SlackMessageLog.Posted message : posted) {
                ObjectNode args = SlackApi.object();
                args.put("channel", message.channel());
                args.put("ts", message.ts());
                args.put("text", card.text());
                args.set("blocks", card.blocks());
                calls.enqueue(signal.orgId(), "chat.update", args, "update:" + message.channel() + ":" + message.ts());
            }
        }
    }
}
