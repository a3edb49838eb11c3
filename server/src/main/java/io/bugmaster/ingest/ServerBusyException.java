package io.bugmaster.ingest;

/** 429: the server cannot take this request now (its memory or slots are in use); the client should retry in a second. */
public class ServerBusyException extends IngestException {
    public ServerBusyException(String detail) {
        super(429, detail);
    }
}
