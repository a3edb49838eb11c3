package io.bugmaster.ingest;

/** Makes client-supplied text safe to quote in an error detail: printable, short. */
final class JsonSafe {
    private JsonSafe() {}

    static String clip(String value, int max) {
        if (value == null) {
            return "";
        }
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < value.length() && out.length() < max; i++) {
            char c = value.charAt(i);
            out.append(c < 0x20 || c == 0x7f ? '?' : c);
        }
        return value.length() > max ? out + "..." : out.toString();
    }
}
