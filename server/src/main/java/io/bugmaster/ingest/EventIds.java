package io.bugmaster.ingest;

import io.bugmaster.common.PureLogic;
import java.util.Locale;
import java.util.UUID;

/** Event ids: 32 hex digits, or a 36-character UUID with dashes, stored as 32 lower-case hex. */
@PureLogic
public final class EventIds {
    private EventIds() {}

    /** The id as 32 lower-case hex digits, or null when it is neither accepted form. */
    public static String normalize(String id) {
        if (id == null) {
            return null;
        }
        String value = id.strip();
        if (value.length() == 36) {
            if (value.charAt(8) != '-' || value.charAt(13) != '-' || value.charAt(18) != '-' || value.charAt(23) != '-') {
                return null;
            }
            value = value.substring(0, 8) + value.substring(9, 13) + value.substring(14, 18)
                    + value.substring(19, 23) + value.substring(24);
        }
        if (value.length() != 32) {
            return null;
        }
        for (int i = 0; i < 32; i++) {
            if (Character.digit(value.charAt(i), 16) < 0) {
                return null;
            }
        }
        return value.toLowerCase(Locale.ROOT);
    }

    /** A new random (version 4) id in the stored form. */
    public static String random() {
        return UUID.randomUUID().toString().replace("-", "");
    }
}
