package io.bugmaster.ingest;

import io.bugmaster.common.PureLogic;
import java.net.URI;
import java.net.URISyntaxException;

/**
 * A parsed DSN {@code scheme://public_key[:secret]@host[:port][/path]/project_id}. The secret is
 * deprecated, never required and dropped here.
 */
@PureLogic
public record Dsn(String scheme, String publicKey, String host, int port, String path, String projectId) {

    /** Parses a DSN or throws 401 saying what is wrong with it. */
    public static Dsn parse(String dsn) {
        if (dsn == null || dsn.isBlank()) {
            throw IngestException.unauthorized("the DSN is empty");
        }
        URI uri;
        try {
            uri = new URI(dsn.strip());
        } catch (URISyntaxException e) {
            throw IngestException.unauthorized("the DSN is not a valid URL");
        }
        if (uri.getScheme() == null || uri.getRawAuthority() == null) {
            throw IngestException.unauthorized("the DSN is not an absolute URL with a host");
        }
        String userInfo = uri.getRawUserInfo();
        if (userInfo == null || userInfo.isEmpty()) {
            throw IngestException.unauthorized("the DSN has no public key (expected scheme://public_key@host/project_id)");
        }
        int colon = userInfo.indexOf(':');
        String key = colon >= 0 ? userInfo.substring(0, colon) : userInfo;
        if (!SentryAuth.isPlausibleKey(key)) {
            throw IngestException.unauthorized("the DSN's public key is malformed");
        }
        String rawPath = uri.getRawPath() == null ? "" : uri.getRawPath();
        while (rawPath.endsWith("/")) {
            rawPath = rawPath.substring(0, rawPath.length() - 1);
        }
        int slash = rawPath.lastIndexOf('/');
        String projectId = slash >= 0 ? rawPath.substring(slash + 1) : rawPath;
        if (projectId.isEmpty() || !projectId.chars().allMatch(Character::isDigit) || projectId.length() > 18) {
            throw IngestException.unauthorized("the DSN has no numeric project id at the end of its path");
        }
        String host = uri.getHost() == null ? "" : uri.getHost();
        return new Dsn(uri.getScheme(), key, host, uri.getPort(), slash > 0 ? rawPath.substring(0, slash) : "", projectId);
    }
}
