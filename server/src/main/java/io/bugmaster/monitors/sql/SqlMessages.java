package io.bugmaster.monitors.sql;

import io.bugmaster.common.PureLogic;

/** A database's error as one line for people: the driver's message, its SQL state, clipped. */
@PureLogic
final class SqlMessages {
    static final int MAX = 500;

    private SqlMessages() {}

    static String of(Throwable e) {
        String message = e.getMessage();
        if (message == null || message.isBlank()) {
            message = e.getCause() != null && e.getCause().getMessage() != null ? e.getCause().getMessage() : e.getClass().getSimpleName();
        }
        String line = message.replaceAll("\\s+", " ").strip();
        return line.length() > MAX ? line.substring(0, MAX) + "…" : line;
    }
}
