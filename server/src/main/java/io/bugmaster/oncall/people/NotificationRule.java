package io.bugmaster.oncall.people;

import io.bugmaster.common.PureLogic;
import io.bugmaster.oncall.Urgency;
import java.util.Comparator;
import java.util.List;

/**
 * "After {@code delayMinutes}, by this contact method", for pages of one urgency. {@code id} is 0
 * for the default rules of a person who has set none.
 */
@PureLogic
public record NotificationRule(long id, long userId, Urgency urgency, long contactMethodId, int delayMinutes) {
    /** A rule waits at most a day: later than that a page is long handled, or escalated. */
    public static final int MAX_DELAY_MINUTES = 24 * 60;

    /**
     * The rules a page follows: the person's own rules for the urgency; without any (for either
     * urgency), every email method of theirs at once.
     */
    public static List<NotificationRule> effective(long userId, Urgency urgency, List<NotificationRule> own, List<ContactMethod> methods) {
        if (!own.isEmpty()) {
            return own.stream().filter(r -> r.urgency() == urgency)
                    .sorted(Comparator.comparingInt(NotificationRule::delayMinutes).thenComparingLong(NotificationRule::contactMethodId))
                    .toList();
        }
        return methods.stream().filter(m -> m.kind() == ContactMethod.Kind.EMAIL)
                .map(m -> new NotificationRule(0, userId, urgency, m.id(), 0)).toList();
    }
}
