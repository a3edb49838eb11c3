package io.bugmaster.notify;

/** A receiver accepted a notification: its HTTP status (null for SMTP) and a short note. */
public record Delivered(Integer httpStatus, String detail) {}
