package io.bugmaster.ingest;

import io.bugmaster.common.PureLogic;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The credentials of one ingest request: the public key of a project key, the SDK's client string,
 * and where they were found. The secret, timestamp and protocol version are accepted and ignored.
 *
 * <p>Precedence, as SDKs never send two that disagree: {@code X-Sentry-Auth}, then
 * {@code Authorization: Sentry ...}, then the query string, then the envelope header's {@code dsn}.
 *
 * @param projectId the project id, only known when the key came from a DSN (else null); the caller
 *                  checks it against the URL's project id
 */
@PureLogic
public record SentryAuth(String publicKey, String client, Source source, String projectId) {

    public enum Source { X_SENTRY_AUTH, AUTHORIZATION, QUERY_STRING, ENVELOPE_DSN }

    private static final int MAX_KEY_LENGTH = 128;
    private static final int MAX_CLIENT_LENGTH = 200;

    /**
     * Credentials from the request's headers or query string, if any. Call before reading the body
     * to refuse a request early; when empty, the envelope header's {@code dsn} may still carry them.
     *
     * @param xSentryAuth   the {@code X-Sentry-Auth} header, or null
     * @param authorization the {@code Authorization} header, or null (non-Sentry schemes are ignored)
     * @param rawQuery      the raw (still percent-encoded) query string without {@code ?}, or null
     * @throws IngestException 401 when a Sentry auth header is present but malformed
     */
    public static Optional<SentryAuth> fromRequest(String xSentryAuth, String authorization, String rawQuery) {
        if (xSentryAuth != null && !xSentryAuth.isBlank()) {
            return Optional.of(fromHeader(xSentryAuth, Source.X_SENTRY_AUTH, "X-Sentry-Auth"));
        }
        if (authorization != null && startsWithSentryScheme(authorization.strip())) {
            return Optional.of(fromHeader(authorization, Source.AUTHORIZATION, "Authorization"));
        }
        if (rawQuery != null && !rawQuery.isEmpty()) {
            String key = null;
            String client = null;
            for (String pair : rawQuery.split("&")) {
                int eq = pair.indexOf('=');
                String name = decode(eq >= 0 ? pair.substring(0, eq) : pair);
                String value = eq >= 0 ? decode(pair.substring(eq + 1)) : "";
                if (name.equals("sentry_key") && key == null) {
                    key = value.strip();
                } else if (name.equals("sentry_client") && client == null) {
                    client = value.strip();
                }
            }
            if (key != null) {
                return Optional.of(checked(key, client, Source.QUERY_STRING, null, "the sentry_key query parameter"));
            }
        }
        return Optional.empty();
    }

    /** Credentials from the envelope header's {@code dsn}; 401 when it is not a DSN with a key. */
    public static SentryAuth fromEnvelopeDsn(String dsn, String client) {
        Dsn parsed = Dsn.parse(dsn);
        return new SentryAuth(parsed.publicKey(), clip(client), Source.ENVELOPE_DSN, parsed.projectId());
    }

    /**
     * The request's credentials: from headers or query string, else from the envelope's dsn.
     *
     * @param envelopeHeader the parsed envelope header, or null for a {@code /store/} request
     * @throws IngestException 401 saying which places were looked at
     */
    public static SentryAuth require(Optional<SentryAuth> fromRequest, EnvelopeHeader envelopeHeader) {
        if (fromRequest.isPresent()) {
            return fromRequest.get();
        }
        if (envelopeHeader != null && envelopeHeader.dsn() != null) {
            return fromEnvelopeDsn(envelopeHeader.dsn(), envelopeHeader.sdkClient());
        }
        throw IngestException.unauthorized("missing authentication: no sentry_key in the X-Sentry-Auth header, "
                + "the Authorization header, the query string" + (envelopeHeader == null ? "" : " or a dsn in the envelope header"));
    }

    static boolean isPlausibleKey(String key) {
        if (key == null || key.isEmpty() || key.length() > MAX_KEY_LENGTH) {
            return false;
        }
        for (int i = 0; i < key.length(); i++) {
            char c = key.charAt(i);
            boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    private static SentryAuth fromHeader(String header, Source source, String headerName) {
        String value = header.strip();
        if (startsWithSentryScheme(value)) {
            value = value.substring("sentry".length());
        }
        String key = null;
        String client = null;
        List<String> seen = new ArrayList<>();
        for (String part : value.split(",")) {
            String pair = part.strip();
            int eq = pair.indexOf('=');
            if (eq <= 0) {
                continue;
            }
            String name = pair.substring(0, eq).strip().toLowerCase(Locale.ROOT);
            String val = unquote(pair.substring(eq + 1).strip());
            seen.add(name);
            if (name.equals("sentry_key") && key == null) {
                key = val;
            } else if (name.equals("sentry_client") && client == null) {
                client = val;
            }
            // sentry_secret, sentry_timestamp, sentry_version and anything else: ignored.
        }
        if (key == null) {
            throw IngestException.unauthorized("the " + headerName + " header has no sentry_key"
                    + (seen.isEmpty() ? "" : " (found " + String.join(", ", seen.subList(0, Math.min(seen.size(), 6))) + ")"));
        }
        return checked(key, client, source, null, "the sentry_key in the " + headerName + " header");
    }

    private static SentryAuth checked(String key, String client, Source source, String projectId, String where) {
        if (key.isEmpty()) {
            throw IngestException.unauthorized(where + " is empty");
        }
        if (!isPlausibleKey(key)) {
            throw IngestException.unauthorized(where + " is malformed");
        }
        return new SentryAuth(key, clip(client), source, projectId);
    }

    private static boolean startsWithSentryScheme(String value) {
        return value.regionMatches(true, 0, "sentry", 0, 6)
                && (value.length() == 6 || Character.isWhitespace(value.charAt(6)));
    }

    private static String unquote(String value) {
        if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
            return value.substring(1, value.length() - 1);
        }
        return value;
    }

    private static String decode(String value) {
        try {
            return URLDecoder.decode(value, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return value;
        }
    }

    private static String clip(String client) {
        if (client == null || client.isBlank()) {
            return null;
        }
        String value = client.strip().replaceAll("\\p{Cntrl}", "");
        return value.length() > MAX_CLIENT_LENGTH ? value.substring(0, MAX_CLIENT_LENGTH) : value;
    }
}
