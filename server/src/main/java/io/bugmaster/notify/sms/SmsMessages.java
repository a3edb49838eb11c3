package io.bugmaster.notify.sms;

import io.bugmaster.common.PureLogic;
import io.bugmaster.notify.Notification;
import io.bugmaster.notify.Texts;

/**
 * The text of a page by SMS: short enough for one message (160 characters), and saying how to
 * answer it when it is about an incident ({@code data.incident_number}): "Reply ack 42 or resolve 42".
 */
@PureLogic
public final class SmsMessages {
    static final int MAX = 160;

    private SmsMessages() {}

    public static String body(Notification n) {
        String prefix = switch (n.kind()) {
            case ALERT -> "Bugmaster: ";
            case TEST -> "Bugmaster test: ";
            default -> "Bugmaster: ";
        };
        Object number = n.data().get("incident_number");
        String reply = n.kind() == Notification.Kind.ALERT && number != null && number.toString().matches("[0-9]{1,18}")
                ? " Reply ack " + number + " or resolve " + number
                : "";
        String headline = Texts.oneLine(n.kind() == Notification.Kind.ALERT ? n.bareHeadline() : n.headline());
        if (n.kind() == Notification.Kind.ALERT && number != null && reply.length() > 0) {
            headline = "#" + number + " " + headline;
        }
        int room = MAX - prefix.length() - reply.length() - (reply.isEmpty() ? 0 : 1);
        String text = Texts.truncate(headline, Math.max(room, 20));
        return prefix + text + (reply.isEmpty() ? "" : "." + reply);
    }
}
