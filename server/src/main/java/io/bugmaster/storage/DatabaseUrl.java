package io.bugmaster.storage;

import io.bugmaster.common.PureLogic;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

/**
 * Turns {@code BUGMASTER_DATABASE_URL} into JDBC settings. Accepts a JDBC URL as is, or the
 * {@code postgres://user:pass@host:port/db?sslmode=...} form that hosting providers hand out.
 */
@PureLogic
public record DatabaseUrl(String jdbcUrl, String username, String password) {

    public static DatabaseUrl parse(String url) {
        if (url == null || url.isBlank()) {
            throw new IllegalArgumentException("database URL is empty");
        }
        String trimmed = url.trim();
        if (trimmed.startsWith("jdbc:")) {
            return new DatabaseUrl(trimmed, null, null);
        }
        if (!trimmed.startsWith("postgres://") && !trimmed.startsWith("postgresql://")) {
            throw new IllegalArgumentException(
                    "database URL must start with jdbc:, postgres:// or postgresql://, got: " + redact(trimmed));
        }
        URI uri;
        try {
            uri = new URI(trimmed);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("database URL is not a valid URL: " + redact(trimmed));
        }
        if (uri.getHost() == null) {
            throw new IllegalArgumentException("database URL has no host: " + redact(trimmed));
        }
        String database = uri.getPath() == null || uri.getPath().length() <= 1 ? "postgres" : uri.getPath().substring(1);
        StringBuilder jdbc = new StringBuilder("jdbc:postgresql://").append(uri.getHost());
        if (uri.getPort() > 0) {
            jdbc.append(':').append(uri.getPort());
        }
        jdbc.append('/').append(database);
        if (uri.getRawQuery() != null) {
            jdbc.append('?').append(uri.getRawQuery());
        }
        String user = null;
        String password = null;
        if (uri.getRawUserInfo() != null) {
            String[] parts = uri.getRawUserInfo().split(":", 2);
            user = decode(parts[0]);
            password = parts.length > 1 ? decode(parts[1]) : null;
        }
        return new DatabaseUrl(jdbc.toString(), user, password);
    }

    /** The URL with any password replaced, safe for logs and error messages. */
    public static String redact(String url) {
        return url.replaceAll("(://[^:/@]+:)[^@]*@", "$1***@").replaceAll("(?i)(password=)[^&]*", "$1***");
    }

    private static String decode(String s) {
        return URLDecoder.decode(s, StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return "DatabaseUrl[" + redact(jdbcUrl) + ", user=" + username + "]";
    }
}
