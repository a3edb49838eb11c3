package io.bugmaster.cli;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;

/**
 * The Bugmaster REST API over java.net.http: bearer token, JSON in and out, Sentry's cursor
 * pagination, and errors turned into {@link ApiException}s whose message can be shown as is.
 */
public final class ApiClient {
    static final ObjectMapper JSON = JsonMapper.builder().build();
    private static final int MAX_PAGES = 10_000;

    private final URI base;
    private final String token;
    private final HttpClient http;
    private final Duration timeout;

    public ApiClient(String baseUrl, String token) {
        this(baseUrl, token, Duration.ofSeconds(60));
    }

    ApiClient(String baseUrl, String token, Duration timeout) {
        this.base = parseBase(baseUrl);
        this.token = token == null || token.isBlank() ? null : token.trim();
        this.timeout = timeout;
        this.http = HttpClient.newBuilder()
                .connectTimeout(Duration.ofSeconds(10))
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    /** Checks the server URL: http or https, with a host. Throws IllegalArgumentException otherwise. */
    static URI parseBase(String baseUrl) {
        if (baseUrl == null || baseUrl.isBlank()) {
            throw new IllegalArgumentException("the server URL is empty: pass --url or set BUGMASTER_URL");
        }
        URI uri;
        try {
            uri = URI.create(baseUrl.trim().replaceAll("/+$", ""));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the server URL '" + baseUrl + "' is not a valid URL");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https") || uri.getHost() == null) {
            throw new IllegalArgumentException("the server URL '" + baseUrl + "' must look like http://host:port");
        }
        return uri;
    }

    /**
     * An API path from segments, each percent-encoded, with Sentry's trailing slash:
     * {@code path("projects", "acme", "web app", "keys")} is {@code /api/0/projects/acme/web%20app/keys/}.
     */
    public static String path(String... segments) {
        StringBuilder path = new StringBuilder("/api/0/");
        for (String segment : segments) {
            path.append(URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20")).append('/');
        }
        return path.toString();
    }

    public JsonNode get(String path) {
        return send("GET", resolve(path), null).json();
    }

    public JsonNode post(String path, JsonNode body) {
        return send("POST", resolve(path), body).json();
    }

    public JsonNode put(String path, JsonNode body) {
        return send("PUT", resolve(path), body).json();
    }

    /** GETs a list and every following page (Link: rel="next"; results="true"), as one array. */
    public ArrayNode getAll(String path) {
        ArrayNode all = JSON.createArrayNode();
        Set<URI> seen = new HashSet<>();
        URI next = resolve(path);
        for (int page = 0; next != null && page < MAX_PAGES && seen.add(next); page++) {
            Reply reply = send("GET", next, null);
            JsonNode body = reply.json();
            if (!body.isArray()) {
                throw new ApiException(reply.status, "expected a JSON list from GET " + next.getPath() + ", got: " + abbreviate(body.toString()));
            }
            body.values().forEach(all::add);
            Optional<String> link = LinkHeader.next(reply.response.headers().allValues("Link"));
            next = link.map(url -> resolveLink(reply.uri, url)).orElse(null);
        }
        return all;
    }

    URI resolve(String path) {
        String prefix = base.getRawPath() == null ? "" : base.getRawPath();
        return base.resolve(prefix + path);
    }

    private static URI resolveLink(URI current, String link) {
        try {
            return current.resolve(link);
        } catch (IllegalArgumentException e) {
            throw new ApiException(0, "the server sent a pagination link that is not a URL: " + link);
        }
    }

    private record Reply(URI uri, int status, HttpResponse<String> response) {
        JsonNode json() {
            String body = response.body();
            if (body == null || body.isBlank()) {
                return JSON.createObjectNode();
            }
            try {
                return JSON.readTree(body);
            } catch (JacksonException e) {
                throw new ApiException(status, "the server at " + uri.getScheme() + "://" + uri.getAuthority()
                        + " did not answer " + uri.getPath() + " with JSON (is --url pointing at Bugmaster?)");
            }
        }
    }

    private Reply send(String method, URI uri, JsonNode body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri)
                .timeout(timeout)
                .header("Accept", "application/json")
                .header("User-Agent", "bugmaster-cli");
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        if (body != null) {
            request.header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body), StandardCharsets.UTF_8));
        } else {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        }
        HttpResponse<String> response;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (ConnectException | HttpConnectTimeoutException e) {
            throw new ApiException("cannot reach Bugmaster at " + origin() + " (" + describe(e)
                    + "). Is the server running (./bugmaster serve), and is --url or BUGMASTER_URL right?", e);
        } catch (HttpTimeoutException e) {
            throw new ApiException("Bugmaster at " + origin() + " did not answer " + method + " " + uri.getPath()
                    + " within " + timeout.toSeconds() + "s", e);
        } catch (IOException e) {
            throw new ApiException("cannot talk to Bugmaster at " + origin() + ": " + describe(e), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ApiException("interrupted while waiting for " + origin(), e);
        }
        Reply reply = new Reply(uri, response.statusCode(), response);
        if (response.statusCode() >= 400) {
            throw new ApiException(response.statusCode(), errorMessage(method, uri, response.statusCode(), response.body()));
        }
        if (response.statusCode() >= 300) {
            String location = response.headers().firstValue("Location").orElse("?");
            throw new ApiException(response.statusCode(), method + " " + uri.getPath() + " was redirected to " + location
                    + " (HTTP " + response.statusCode() + "); is --url the address Bugmaster serves the API on?");
        }
        return reply;
    }

    /**
     * What to tell the user about an error reply: the server's {@code detail} when it sent one
     * (Sentry's error shape), else the status and what was asked.
     */
    String errorMessage(String method, URI uri, int status, String body) {
        String detail = detail(body);
        StringBuilder message = new StringBuilder();
        if (detail != null) {
            message.append(detail).append(" (HTTP ").append(status).append(')');
        } else {
            message.append(method).append(' ').append(uri.getPath()).append(" failed with HTTP ").append(status);
            if (status == 404) {
                message.append(": not found on ").append(origin())
                        .append(" (does this server have the Bugmaster REST API, and do the organization and names exist?)");
            }
        }
        if (status == 401 && token == null) {
            message.append(". No API token was given: pass --token or set BUGMASTER_TOKEN");
        }
        return message.toString();
    }

    /** The {@code detail} of a {@code {"detail": ...}} body, or field errors of a {@code {"field": ["..."]}} body. */
    static String detail(String body) {
        if (body == null || body.isBlank()) {
            return null;
        }
        JsonNode json;
        try {
            json = JSON.readTree(body);
        } catch (JacksonException e) {
            return null;
        }
        if (json == null || !json.isObject()) {
            return null;
        }
        JsonNode detail = json.path("detail");
        if (detail.isString() && !detail.asString().isBlank()) {
            return detail.asString();
        }
        if (detail.isObject() && detail.path("message").isString()) {
            return detail.path("message").asString();
        }
        StringBuilder fields = new StringBuilder();
        for (var field : json.properties()) {
            JsonNode value = field.getValue();
            if (value.isArray() && !value.isEmpty() && value.get(0).isString()) {
                if (fields.length() > 0) {
                    fields.append("; ");
                }
                fields.append(field.getKey()).append(": ").append(Column.text(json, field.getKey()));
            }
        }
        return fields.length() > 0 ? fields.toString() : null;
    }

    private String origin() {
        return base.toString();
    }

    private static String describe(Exception e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof java.nio.channels.UnresolvedAddressException || cause instanceof java.net.UnknownHostException) {
                return "unknown host";
            }
        }
        if (e instanceof ConnectException) {
            return "connection refused";
        }
        if (e instanceof HttpConnectTimeoutException) {
            return "connection timed out";
        }
        String message = e.getMessage();
        return message == null || message.isBlank() ? e.getClass().getSimpleName() : message;
    }

    private static String abbreviate(String text) {
        return text.length() <= 200 ? text : text.substring(0, 200) + "...";
    }
}
