package io.bugmaster.monitors.sources;

import java.util.Optional;

/**
 * Tries a data source's connection ("Test connection" on the settings page, and before saving): a
 * Spring bean per kind of connection (the SQL databases, Prometheus). Must end within a few seconds
 * on its own, and never connect where the outbound policy refuses.
 */
public interface DataSourceProbe {

    boolean handles(DataSourceKind kind);

    /**
     * @param secret the decrypted password or token, or null
     * @return empty when it worked; otherwise what went wrong, in words for the person who set it up
     *         ("could not connect to 10.0.0.5:5432: the outbound policy refuses private addresses")
     */
    Optional<String> probe(DataSource source, String secret);
}
