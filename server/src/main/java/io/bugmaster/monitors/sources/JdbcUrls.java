package io.bugmaster.monitors.sources;

import io.bugmaster.common.PureLogic;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The JDBC URLs a data source may have, by kind: {@code jdbc:postgresql://host[:port]/database},
 * {@code jdbc:mysql://host[:port]/database} or {@code jdbc:mariadb://...} (MySQL and MariaDB), and
 * {@code jdbc:sqlite:/absolute/path.db}. One host only (no fail-over lists, no socket paths), and
 * only the few URL parameters listed here: drivers read many more, and some of them load classes,
 * read or write files, or deserialize what the server sends ({@code socketFactory}, {@code loggerFile},
 * {@code sslrootcert}, {@code allowLoadLocalInfile}, {@code autoDeserialize}, ...), which a data
 * source set up by an organization admin must never make this server do.
 */
@PureLogic
public final class JdbcUrls {
    public static final int MAX_URL = 2000;
    /** PostgreSQL: TLS mode and the schema searched first; nothing that names a file or a class. */
    static final Map<String, Set<String>> POSTGRES_PARAMS = Map.of(
            "sslmode", Set.of("disable", "allow", "prefer", "require", "verify-ca", "verify-full"),
            "ssl", Set.of("true", "false"),
            "currentSchema", Set.of(),
            "ApplicationName", Set.of());
    /** MySQL and MariaDB (MariaDB Connector/J's names): TLS mode only. */
    static final Map<String, Set<String>> MYSQL_PARAMS = Map.of(
            "sslMode", Set.of("disable", "trust", "verify-ca", "verify-full"));
    private static final Pattern NETWORK = Pattern.compile(
            "jdbc:(postgresql|mysql|mariadb)://(\\[[0-9A-Fa-f:.]+]|[A-Za-z0-9.-]+)(?::([0-9]{1,5}))?/([^/?#]+)(?:\\?(.*))?");
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_$.-]{1,128}");
    private static final Pattern PARAM_VALUE = Pattern.compile("[A-Za-z0-9_.,-]{0,128}");

    private JdbcUrls() {}

    /**
     * Where a data source connects: a database server ({@code host}, {@code port}, {@code database},
     * the allowed {@code params}) or, for SQLite, a file ({@code file}).
     */
    public record Target(DataSourceKind kind, String host, int port, String database, Map<String, String> params, Path file) {

        /** Whether the driver checks the server's certificate against the host name (then the name is what it connects to). */
        public boolean verifiesHostName() {
            return "verify-full".equals(params.get("sslmode")) || "verify-full".equals(params.get("sslMode"));
        }

        /**
         * The URL the driver is given: {@code address} (the checked address the host resolved to, in
         * URL form) instead of the host, so the connection goes where the outbound policy looked. For
         * MySQL the MariaDB driver's scheme (it speaks to both).
         */
        public String connectUrl(String address) {
            if (kind == DataSourceKind.SQLITE) {
                return "jdbc:sqlite:" + file;
            }
            StringBuilder url = new StringBuilder(kind == DataSourceKind.POSTGRESQL ? "jdbc:postgresql://" : "jdbc:mariadb://")
                    .append(address).append(':').append(port).append('/').append(database);
            String sep = "?";
            for (Map.Entry<String, String> p : params.entrySet()) {
                url.append(sep).append(p.getKey()).append('=').append(p.getValue());
                sep = "&";
            }
            return url.toString();
        }

        /** {@code replica.example.com:5432}, for messages. */
        public String where() {
            return kind == DataSourceKind.SQLITE ? file.toString() : (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
        }
    }

    /**
     * Checks a data source's URL for its kind.
     *
     * @throws IllegalArgumentException what is wrong, in words for the person who typed it
     */
    public static Target parse(DataSourceKind kind, String url) {
        if (url == null || url.isBlank()) {
            throw new IllegalArgumentException("the URL is empty; " + example(kind));
        }
        String u = url.strip();
        if (u.length() > MAX_URL) {
            throw new IllegalArgumentException("the URL is longer than " + MAX_URL + " characters");
        }
        if (u.chars().anyMatch(c -> c < 0x21 || c > 0x7e)) {
            throw new IllegalArgumentException("the URL holds spaces, control or non-ASCII characters; " + example(kind));
        }
        return switch (kind) {
            case SQLITE -> sqlite(u);
            case POSTGRESQL, MYSQL -> network(kind, u);
            case PROMETHEUS -> throw new IllegalArgumentException("a Prometheus data source has an http(s) URL, not a JDBC URL");
        };
    }

    private static Target network(DataSourceKind kind, String url) {
        Matcher m = NETWORK.matcher(url);
        String scheme = m.matches() ? m.group(1) : null;
        boolean schemeFits = scheme != null && (kind == DataSourceKind.POSTGRESQL ? scheme.equals("postgresql") : !scheme.equals("postgresql"));
        if (!schemeFits) {
            throw new IllegalArgumentException("not a " + kind.id() + " JDBC URL with one host and a database; " + example(kind));
        }
        String host = m.group(2).startsWith("[") ? m.group(2).substring(1, m.group(2).length() - 1) : m.group(2);
        int port = m.group(3) == null ? defaultPort(kind) : Integer.parseInt(m.group(3));
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("the port must be a number from 1 to 65535");
        }
        String database = decode(m.group(4));
        if (!NAME.matcher(database).matches()) {
            throw new IllegalArgumentException("the database name '" + clip(database) + "' holds characters other than letters, digits, _ $ . -");
        }
        Map<String, String> params = params(kind, m.group(5));
        return new Target(kind, host.toLowerCase(Locale.ROOT), port, database, params, null);
    }

    private static Map<String, String> params(DataSourceKind kind, String query) {
        Map<String, Set<String>> allowed = kind == DataSourceKind.POSTGRESQL ? POSTGRES_PARAMS : MYSQL_PARAMS;
        Map<String, String> params = new LinkedHashMap<>();
        if (query == null || query.isEmpty()) {
            return params;
        }
        for (String pair : query.split("&", -1)) {
            int eq = pair.indexOf('=');
            String name = decode(eq < 0 ? pair : pair.substring(0, eq));
            String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
            Optional<String> key = allowed.keySet().stream().filter(k -> k.equalsIgnoreCase(name)).findFirst();
            if (key.isEmpty()) {
                throw new IllegalArgumentException("the URL parameter '" + clip(name) + "' is not allowed (allowed: "
                        + String.join(", ", allowed.keySet().stream().sorted().toList()) + "); drivers read many parameters, and some"
                        + " make this server load classes or read and write files, so only these are passed on");
            }
            Set<String> values = allowed.get(key.get());
            if (!PARAM_VALUE.matcher(value).matches() || (!values.isEmpty() && !values.contains(value))) {
                throw new IllegalArgumentException("the URL parameter " + key.get() + " cannot be '" + clip(value) + "'"
                        + (values.isEmpty() ? " (letters, digits, _ . , - only)" : " (one of " + String.join(", ", values.stream().sorted().toList()) + ")"));
            }
            if (params.put(key.get(), value) != null) {
                throw new IllegalArgumentException("the URL parameter " + key.get() + " is given twice");
            }
        }
        return params;
    }

    private static Target sqlite(String url) {
        if (!url.startsWith("jdbc:sqlite:")) {
            throw new IllegalArgumentException("not an SQLite JDBC URL; " + example(DataSourceKind.SQLITE));
        }
        String path = url.substring("jdbc:sqlite:".length());
        if (path.contains("?") || path.contains("#") || path.contains("%")) {
            throw new IllegalArgumentException("an SQLite URL takes no parameters: write jdbc:sqlite: and the file's absolute path");
        }
        if (!path.startsWith("/") || path.startsWith("//")) {
            throw new IllegalArgumentException("an SQLite data source is a file on this server, named by its absolute path; "
                    + example(DataSourceKind.SQLITE));
        }
        Path file = Path.of(path);
        if (!file.normalize().equals(file) || List.of(path.split("/")).contains("..") || List.of(path.split("/")).contains(".")) {
            throw new IllegalArgumentException("write the SQLite file's path without . or .. parts");
        }
        return new Target(DataSourceKind.SQLITE, null, 0, null, Map.of(), file);
    }

    /**
     * Whether an SQLite file may be used: only inside the directory an admin of this server set
     * aside for it ({@code BUGMASTER_SQLITE_SOURCES_DIR}); both paths already resolved (links followed).
     */
    public static Optional<String> refuseSqliteFile(Path realFile, Path realDir) {
        if (realDir == null) {
            return Optional.of("SQLite data sources are off on this server: an admin of the server sets BUGMASTER_SQLITE_SOURCES_DIR"
                    + " to the directory whose database files organizations may query");
        }
        if (!realFile.startsWith(realDir) || realFile.equals(realDir)) {
            return Optional.of("the SQLite file must be inside " + realDir + " (BUGMASTER_SQLITE_SOURCES_DIR)");
        }
        return Optional.empty();
    }

    public static int defaultPort(DataSourceKind kind) {
        return kind == DataSourceKind.POSTGRESQL ? 5432 : 3306;
    }

    private static String example(DataSourceKind kind) {
        return switch (kind) {
            case POSTGRESQL -> "for example jdbc:postgresql://replica.example.com:5432/shop";
            case MYSQL -> "for example jdbc:mysql://replica.example.com:3306/shop (or jdbc:mariadb://...)";
            case SQLITE -> "for example jdbc:sqlite:/var/lib/shop/shop.db";
            case PROMETHEUS -> "for example https://prometheus.example.com";
        };
    }

    private static String decode(String s) {
        try {
            return URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the URL holds a broken %-escape");
        }
    }

    private static String clip(String s) {
        return s.length() > 60 ? s.substring(0, 60) + "…" : s;
    }
}
