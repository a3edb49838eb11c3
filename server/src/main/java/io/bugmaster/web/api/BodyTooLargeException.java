package io.bugmaster.web.api;

import java.io.IOException;

/** Thrown while reading a request body that turned out larger than the API accepts. */
public class BodyTooLargeException extends IOException {
    public BodyTooLargeException(long limit) {
        super("request body is larger than " + limit + " bytes");
    }
}
