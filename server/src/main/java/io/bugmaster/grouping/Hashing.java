package io.bugmaster.grouping;

import io.bugmaster.common.PureLogic;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * The hash of a grouping: MD5 over the contributing components, each written as its type and its
 * values, every string length-prefixed so that no two different component lists share an input.
 * Hints and non-contributing components never change the hash, and neither does the strategy name:
 * a later strategy that produces the same components for an event yields the same hash.
 */
@PureLogic
public final class Hashing {

    private Hashing() {}

    public static String hash(List<Component> components) {
        MessageDigest md5;
        try {
            md5 = MessageDigest.getInstance("MD5");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has MD5", e);
        }
        for (Component component : components) {
            if (!component.contributes()) {
                continue;
            }
            put(md5, component.type());
            put(md5, Integer.toString(component.values().size()));
            for (String value : component.values()) {
                put(md5, value == null ? "" : value);
            }
        }
        return HexFormat.of().formatHex(md5.digest());
    }

    private static void put(MessageDigest md5, String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        md5.update((bytes.length + ":").getBytes(StandardCharsets.US_ASCII));
        md5.update(bytes);
    }
}
