package io.bugmaster.storage;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Keeps a second Bugmaster process off the same SQLite data dir: SQLite is a one-node database,
 * and two engines on one file would both run every module.
 */
public final class InstanceLock implements AutoCloseable {
    private final FileChannel channel;
    private final FileLock lock;

    private InstanceLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    /** For PostgreSQL, where nodes coordinate through advisory locks instead. */
    public static InstanceLock none() {
        return new InstanceLock(null, null);
    }

    public static InstanceLock acquire(Path dataDir) {
        Path file = dataDir.resolve("bugmaster.lock");
        try {
            FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock lock;
            try {
                lock = channel.tryLock();
            } catch (OverlappingFileLockException e) {
                lock = null;
            }
            if (lock == null) {
                channel.close();
                throw new DataDirInUseException(dataDir, file);
            }
            return new InstanceLock(channel, lock);
        } catch (IOException e) {
            throw new IllegalStateException("cannot lock the data dir " + dataDir + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void close() throws IOException {
        if (channel != null) {
            lock.release();
            channel.close();
        }
    }
}
