package io.bugmaster.web.api;

import java.io.IOException;

/** Thrown while reading a request body that is still arriving past its deadline (a slow or stalled sender). */
public class BodyTimeoutException extends IOException {
    public BodyTimeoutException(java.time.Duration timeout) {
        super("request body did not arrive within " + timeout.toSeconds() + " s");
    }
}
