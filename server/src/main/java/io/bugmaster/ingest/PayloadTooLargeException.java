package io.bugmaster.ingest;

/** 413: a size or count limit was passed; reading stopped there. The detail names what and the limit. */
public class PayloadTooLargeException extends IngestException {
    private final long limit;

    public PayloadTooLargeException(String detail, long limit) {
        super(413, detail);
        this.limit = limit;
    }

    /** The limit that was passed, in bytes (or items, for count limits). */
    public long limit() {
        return limit;
    }
}
