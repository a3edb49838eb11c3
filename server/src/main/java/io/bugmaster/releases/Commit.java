package io.bugmaster.releases;

import java.time.Instant;

/** A commit ({@code key} is its SHA); message and author are null when only the SHA is known. */
public record Commit(long id, String key, String message, String authorName, String authorEmail, Instant timestamp,
        Instant createdAt, Repository repository) {

    public Author author() {
        return authorName == null && authorEmail == null ? null : new Author(authorName, authorEmail);
    }

    public record Author(String name, String email) {}
}
