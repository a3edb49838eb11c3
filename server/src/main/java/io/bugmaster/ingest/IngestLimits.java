package io.bugmaster.ingest;

import io.bugmaster.common.PureLogic;

/**
 * Size and count limits of one ingest request, Sentry's by default. Every limit is enforced while
 * streaming, so nothing larger than a limit is ever buffered.
 *
 * @param maxCompressedBytes    the request body as sent on the wire (20 MB)
 * @param maxDecompressedBytes  the body after Content-Encoding is undone (100 MB)
 * @param maxEventBytes         one event, transaction or feedback item (1 MB)
 * @param maxCheckInBytes       one check_in item (100 KB)
 * @param maxAttachmentBytes    one attachment item (20 MB)
 * @param maxOtherItemBytes     any other kept item: session, sessions, client_report, user_report (1 MB)
 * @param maxSessionItems       session and sessions items in one envelope (100)
 * @param maxKeptItems          items kept from one envelope; skipped item types do not count (1000)
 * @param maxHeaderLineBytes    one envelope or item header line (64 KB)
 */
@PureLogic
public record IngestLimits(
        long maxCompressedBytes,
        long maxDecompressedBytes,
        int maxEventBytes,
        int maxCheckInBytes,
        int maxAttachmentBytes,
        int maxOtherItemBytes,
        int maxSessionItems,
        int maxKeptItems,
        int maxHeaderLineBytes) {

    public static final int MB = 1024 * 1024;

    public IngestLimits {
        if (maxCompressedBytes <= 0 || maxDecompressedBytes <= 0 || maxEventBytes <= 0 || maxCheckInBytes <= 0
                || maxAttachmentBytes <= 0 || maxOtherItemBytes <= 0 || maxSessionItems < 0 || maxKeptItems <= 0
                || maxHeaderLineBytes <= 0) {
            throw new IllegalArgumentException("ingest limits must be positive");
        }
    }

    public static IngestLimits defaults() {
        return new IngestLimits(20L * MB, 100L * MB, MB, 100 * 1024, 20 * MB, MB, 100, 1000, 64 * 1024);
    }

    public IngestLimits withAttachmentBytes(int bytes) {
        return new IngestLimits(maxCompressedBytes, maxDecompressedBytes, maxEventBytes, maxCheckInBytes, bytes,
                maxOtherItemBytes, maxSessionItems, maxKeptItems, maxHeaderLineBytes);
    }

    /** The largest payload kept for an item of this (known, kept) type. */
    public int maxItemBytes(String type) {
        return switch (type) {
            case ItemTypes.EVENT, ItemTypes.TRANSACTION, ItemTypes.FEEDBACK -> maxEventBytes;
            case ItemTypes.CHECK_IN -> maxCheckInBytes;
            case ItemTypes.ATTACHMENT -> maxAttachmentBytes;
            default -> maxOtherItemBytes;
        };
    }
}
