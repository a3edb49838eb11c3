package io.bugmaster.monitors.sources;

import io.bugmaster.common.ConflictException;
import io.bugmaster.common.InvalidInputException;
import io.bugmaster.notify.SecretBox;
import io.bugmaster.storage.Transactions;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Service;

/**
 * An organization's data sources: kept with their secret encrypted (bound to the organization and
 * the source, so a copied ciphertext opens nowhere else). Validation of the URL (JDBC URL shapes, the
 * outbound policy) and the connection test are the SQL and metric monitors' part; authorization
 * (admins manage, members read) is the caller's.
 */
@Service
public class DataSources {
    private final DataSourceStore store;
    private final SecretBox box;
    private final Transactions tx;
    private final Clock clock;

    DataSources(DataSourceStore store, SecretBox box, Transactions tx, Clock clock) {
        this.store = store;
        this.box = box;
        this.tx = tx;
        this.clock = clock;
    }

    public Optional<DataSource> find(long orgId, long id) {
        return store.find(orgId, id);
    }

    public List<DataSource> list(long orgId) {
        return store.list(orgId);
    }

    /**
     * @param secret the password or token, or null for none
     * @throws ConflictException the name is taken in the organization
     */
    public DataSource create(long orgId, String name, DataSourceKind kind, String url, String username, String secret, Long createdBy) {
        String clean = name(name);
        Instant now = clock.instant();
        return tx.write(() -> {
            if (store.findByName(orgId, clean).isPresent()) {
                throw new ConflictException("a data source named '" + clean + "' exists in this organization");
            }
            long id = store.insert(orgId, clean, kind, url, username, createdBy, now);
            if (secret != null && !secret.isEmpty()) {
                store.setSecret(id, box.encrypt(secret, context(orgId, id)));
            }
            return store.find(orgId, id).orElseThrow();
        });
    }

    /** @param secret a new password or token; null keeps the stored one, "" removes it */
    public DataSource update(DataSource ds, String name, String url, String username, String secret) {
        String clean = name(name);
        Instant now = clock.instant();
        return tx.write(() -> {
            Optional<DataSource> named = store.findByName(ds.orgId(), clean);
            if (named.isPresent() && named.get().id() != ds.id()) {
                throw new ConflictException("a data source named '" + clean + "' exists in this organization");
            }
            store.update(ds.id(), clean, url, username, now);
            if (secret != null) {
                store.setSecret(ds.id(), secret.isEmpty() ? null : box.encrypt(secret, context(ds.orgId(), ds.id())));
            }
            return store.find(ds.orgId(), ds.id()).orElseThrow();
        });
    }

    public boolean delete(DataSource ds) {
        return tx.write(() -> store.delete(ds.orgId(), ds.id()));
    }

    /** The decrypted password or token, for making the connection; empty when none is stored. */
    public Optional<String> secret(DataSource ds) {
        return store.secret(ds.id()).map(s -> box.decrypt(s, context(ds.orgId(), ds.id())));
    }

    /** Records what the last connection test (or a monitor's run) found: null error = it worked. */
    public void checked(DataSource ds, String error) {
        tx.write(() -> store.checked(ds.id(), clock.instant(), error == null ? null : error.length() > 1000 ? error.substring(0, 1000) : error));
    }

    private static String name(String name) {
        String clean = name == null ? "" : name.strip();
        if (clean.isEmpty() || clean.length() > 100) {
            throw new InvalidInputException("name", "a data source's name is 1 to 100 characters");
        }
        return clean;
    }

    private static String context(long orgId, long id) {
        return "data-source:" + orgId + ":" + id;
    }
}
