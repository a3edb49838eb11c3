package io.bugmaster.notify;

/**
 * A receiver accepted a notification: its HTTP status (null for SMTP), a short note, and the
 * receiver's reference to the message it made ({@code messageRef}), when it gives one (Slack's
 * {@code channel/ts}), so a later change can update the message in place; null otherwise.
 */
public record Delivered(Integer httpStatus, String detail, String messageRef) {

    public Delivered(Integer httpStatus, String detail) {
        this(httpStatus, detail, null);
    }
}
