package io.bugmaster.common;

/** The object does not exist, or the caller may not know that it exists (other organizations' objects). */
public class NotFoundException extends RuntimeException {
    public NotFoundException(String message) {
        super(message);
    }
}
