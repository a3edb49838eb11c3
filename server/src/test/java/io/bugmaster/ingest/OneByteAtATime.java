package io.bugmaster.ingest;

import java.io.InputStream;

/** A stream that hands out one byte per read call, like a slow chunked upload. */
final class OneByteAtATime extends InputStream {
    private final byte[] bytes;
    private int pos;

    OneByteAtATime(byte[] bytes) {
        this.bytes = bytes;
    }

    @Override
    public int read() {
        return pos < bytes.length ? bytes[pos++] & 0xff : -1;
    }

    @Override
    public int read(byte[] b, int off, int len) {
        if (len == 0) {
            return 0;
        }
        if (pos >= bytes.length) {
            return -1;
        }
        b[off] = bytes[pos++];
        return 1;
    }
}
