package io.bugmaster.common;

/** The caller can see the object but lacks the role or token scope for this action. */
public class ForbiddenException extends RuntimeException {
    public ForbiddenException(String message) {
        super(message);
    }
}
