package io.bugmaster.common;

/** The request collides with existing state, such as a slug already taken. */
public class ConflictException extends RuntimeException {
    public ConflictException(String message) {
        super(message);
    }
}
