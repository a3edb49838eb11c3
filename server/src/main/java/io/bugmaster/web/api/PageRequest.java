package io.bugmaster.web.api;

/** Which page of a list the client asked for: an offset (from the cursor) and a page size. */
public record PageRequest(int offset, int perPage) {}
