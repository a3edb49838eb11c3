package io.bugmaster.storage;

import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The one way to run a transaction. On SQLite, writers queue on one fair lock in the JVM, so a
 * write transaction never meets another writer and never fails with SQLITE_BUSY; readers run
 * beside it (WAL). On PostgreSQL the lock is not taken.
 */
@Component
public class Transactions {
    private final TransactionTemplate writeTemplate;
    private final TransactionTemplate readTemplate;
    private final ReentrantLock writeLock;

    public Transactions(PlatformTransactionManager transactionManager, Dialect dialect) {
        this.writeTemplate = new TransactionTemplate(transactionManager);
        this.readTemplate = new TransactionTemplate(transactionManager);
        this.readTemplate.setReadOnly(true);
        this.readTemplate.setPropagationBehavior(TransactionDefinition.PROPAGATION_SUPPORTS);
        this.writeLock = dialect.needsSingleWriter() ? new ReentrantLock(true) : null;
    }

    public <T> T write(Supplier<T> work) {
        if (writeLock == null) {
            return writeTemplate.execute(status -> work.get());
        }
        writeLock.lock();
        try {
            return writeTemplate.execute(status -> work.get());
        } finally {
            writeLock.unlock();
        }
    }

    public void write(Runnable work) {
        write(() -> {
            work.run();
            return null;
        });
    }

    /** Several reads that must see one snapshot. A single query needs no transaction. */
    public <T> T read(Supplier<T> work) {
        return readTemplate.execute(status -> work.get());
    }
}
