package io.bugmaster.web;

import java.nio.charset.StandardCharsets;
import org.springframework.http.ContentDisposition;

/**
 * The {@code Content-Disposition} of a download whose file name came from outside (an SDK names the
 * attachments it sends). The name is cut to a length that fits in a header, keeping its extension,
 * so a 60 KB name cannot overflow the answer's headers; non-ASCII and quotes are encoded (RFC 6266).
 */
public final class Downloads {
    static final int MAX_NAME = 200;
    private static final int MAX_EXTENSION = 16;

    private Downloads() {}

    public static String attachment(String filename) {
        return ContentDisposition.attachment().filename(shorten(filename), StandardCharsets.UTF_8).build().toString();
    }

    static String shorten(String filename) {
        String name = filename == null ? "" : filename.strip();
        if (name.isEmpty()) {
            return "attachment";
        }
        if (name.codePointCount(0, name.length()) <= MAX_NAME) {
            return name;
        }
        int dot = name.lastIndexOf('.');
        String extension = dot > 0 && name.length() - dot <= MAX_EXTENSION ? name.substring(dot) : "";
        String stem = name.substring(0, name.length() - extension.length());
        int keep = MAX_NAME - extension.length() - 1;
        return stem.substring(0, stem.offsetByCodePoints(0, Math.min(keep, stem.codePointCount(0, stem.length())))) + "…" + extension;
    }
}
