package io.bugmaster.cli;

/** The command line cannot work as given (a bad URL, no organization); exit code 2. */
final class UsageError extends RuntimeException {
    UsageError(String message) {
        super(message);
    }
}
