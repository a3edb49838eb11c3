package io.bugmaster.monitors.sources;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * Which SQLite files data sources may open: only regular files inside
 * {@code BUGMASTER_SQLITE_SOURCES_DIR}, checked by their path as written before the file system is
 * asked anything (so nothing about other files is told), and again once links are followed.
 */
@Component
public class SqliteSourceFiles {
    private final Path dir;

    public SqliteSourceFiles(SqlSourceProperties props) {
        this.dir = props.sqliteSourcesDir();
    }

    /** Empty when {@code file} may be opened; otherwise why not. */
    public Optional<String> refuse(Path file) {
        Optional<String> lexical = JdbcUrls.refuseSqliteFile(file, dir == null ? null : dir.normalize());
        if (lexical.isPresent()) {
            return lexical;
        }
        try {
            Path realDir = dir.toRealPath();
            Path real = file.toRealPath();
            Optional<String> refused = JdbcUrls.refuseSqliteFile(real, realDir);
            if (refused.isPresent()) {
                return refused;
            }
            return Files.isRegularFile(real) ? Optional.empty() : Optional.of(file + " is not a regular file");
        } catch (IOException e) {
            return Optional.of("cannot open " + file + ": no such file or not readable by Bugmaster");
        }
    }
}
