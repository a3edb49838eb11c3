package io.bugmaster.signals;

import io.bugmaster.storage.Dialect;
import javax.sql.DataSource;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The signals API of another node: on its own connection pool, so it raises in that node's transactions. */
public final class SignalsOfAnotherNode {
    private SignalsOfAnotherNode() {}

    public static Signals on(DataSource pool, Dialect dialect) {
        return new Signals(new SignalStore(JdbcClient.create(pool), pool, dialect));
    }
}
