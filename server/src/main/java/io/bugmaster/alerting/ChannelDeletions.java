package io.bugmaster.alerting;

import io.bugmaster.alerting.AlertRuleDefinition.Action;
import io.bugmaster.alerting.AlertRuleDefinition.ActionKind;
import io.bugmaster.notify.ChannelDeletionListener;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * A deleted channel leaves no rule pointing at nothing: each rule of the organization drops its
 * actions to that channel, and a rule left with no action at all is turned off with a reason the
 * rules list shows, so nobody believes it still alerts.
 */
@Component
class ChannelDeletions implements ChannelDeletionListener {
    private final AlertRuleStore store;
    private final Clock clock;

    ChannelDeletions(AlertRuleStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    @Override
    public List<ChannelUse> usesOf(long orgId, String orgSlug, long channelId) {
        return store.list(orgId).stream().filter(r -> notifies(r, channelId))
                .map(r -> use(r, orgSlug, remaining(r, channelId).isEmpty())).toList();
    }

    @Override
    public List<ChannelUse> channelDeleting(long orgId, String orgSlug, long channelId, String channelName, String actor) {
        List<ChannelUse> changed = new ArrayList<>();
        for (AlertRule rule : store.list(orgId)) {
            if (!notifies(rule, channelId)) {
                continue;
            }
            List<Action> remaining = remaining(rule, channelId);
            AlertRuleDefinition d = rule.definition();
            AlertRuleDefinition without = new AlertRuleDefinition(d.scope(), d.conditions(), d.actionMatch(), d.filters(), d.filterMatch(),
                    remaining, d.environment(), d.frequencyMinutes());
            boolean disable = remaining.isEmpty();
            String reason = disable ? "its only channel “" + channelName + "” was deleted by " + actor : null;
            store.replaceActions(rule.id(), without, reason, clock.instant());
            changed.add(use(rule, orgSlug, disable));
        }
        return changed;
    }

    private static boolean notifies(AlertRule rule, long channelId) {
        return rule.definition().actions().stream().anyMatch(a -> isTo(a, channelId));
    }

    private static List<Action> remaining(AlertRule rule, long channelId) {
        return rule.definition().actions().stream().filter(a -> !isTo(a, channelId)).toList();
    }

    private static boolean isTo(Action action, long channelId) {
        return action.kind() == ActionKind.NOTIFY_CHANNEL && action.channelId() != null && action.channelId() == channelId;
    }

    private static ChannelUse use(AlertRule rule, String orgSlug, boolean disabled) {
        return new ChannelUse(rule.id(), rule.name(), "/orgs/" + orgSlug + "/alerts/" + rule.id(), disabled);
    }
}
