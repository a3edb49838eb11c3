package io.bugmaster.web.api;

import io.bugmaster.common.PureLogic;

/**
 * Which request paths belong to machine clients: everything under {@code /api}, that is the Sentry
 * ingestion endpoints ({@code /api/<project id>/...}) and the REST API ({@code /api/0/...}). Their
 * errors are always JSON {@code {"detail": ...}}, never an HTML page, whatever the request's
 * {@code Accept} says.
 */
@PureLogic
public final class ApiPaths {
    private ApiPaths() {}

    /** @param path the request path without the context path, still percent-encoded; may be null */
    public static boolean isApi(String path) {
        return path != null && (path.equals("/api") || path.startsWith("/api/"));
    }
}
