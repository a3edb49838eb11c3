package io.bugmaster.web.api;

import java.util.Map;

/** An API error: its HTTP status, the {@code detail} shown to the client, and any extra headers. */
public record ApiError(int status, String detail, Map<String, String> headers) {

    public ApiError(int status, String detail) {
        this(status, detail, Map.of());
    }

    /** The JSON body: {@code {"detail": "..."}}. */
    public record Body(String detail) {}

    public Body body() {
        return new Body(detail);
    }
}
