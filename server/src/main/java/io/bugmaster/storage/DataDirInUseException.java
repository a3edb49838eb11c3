package io.bugmaster.storage;

import java.nio.file.Path;

/** Another Bugmaster process holds the data dir's lock. */
public class DataDirInUseException extends RuntimeException {
    private final Path dataDir;

    public DataDirInUseException(Path dataDir, Path lockFile) {
        super("another Bugmaster process is using " + dataDir + " (lock file " + lockFile + ")");
        this.dataDir = dataDir;
    }

    public Path dataDir() {
        return dataDir;
    }
}
