package io.bugmaster.notify;

/** The independent Standard Webhooks verifier of {@link NotificationTransportsTest}, for tests in other packages. */
public final class NotificationTransportsTestAccess {
    private NotificationTransportsTestAccess() {}

    public static boolean verify(String secret, String id, String timestamp, String body, String header) throws Exception {
        return NotificationTransportsTest.verify(secret, id, timestamp, body, header);
    }
}
