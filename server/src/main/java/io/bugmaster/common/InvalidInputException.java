package io.bugmaster.common;

/** A client's input is wrong; the message names the field and says why, and is safe to show. */
public class InvalidInputException extends RuntimeException {
    private final String field;

    public InvalidInputException(String field, String message) {
        super(field == null ? message : field + ": " + message);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
