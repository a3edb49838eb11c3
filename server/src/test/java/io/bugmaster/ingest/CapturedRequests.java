package io.bugmaster.ingest;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPOutputStream;

/** Splits the capture files of shared/fixtures into requests: request line, headers and decoded body. */
final class CapturedRequests {
    private static final Pattern MARKER = Pattern.compile("-- raw bytes: (\\d+), decoded bytes: (\\d+) --\n");

    record Request(String file, String name, boolean truncated, String path, String rawQuery, Map<String, String> headers,
                   byte[] decodedBody) {
        String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }

        /** The body as it went over the wire: re-compressed when the capture says it was. */
        byte[] wireBody() {
            String encoding = header("content-encoding");
            if (encoding == null || !encoding.equalsIgnoreCase("gzip")) {
                return decodedBody;
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
                gzip.write(decodedBody);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
            return out.toByteArray();
        }

        @Override
        public String toString() {
            return file + " " + name;
        }
    }

    private CapturedRequests() {}

    static Path fixtures() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("shared/fixtures");
            if (Files.isDirectory(candidate)) {
                return candidate;
            }
        }
        Path fallback = Path.of("/work/shared/fixtures");
        if (Files.isDirectory(fallback)) {
            return fallback;
        }
        throw new IllegalStateException("shared/fixtures not found above " + Path.of("").toAbsolutePath());
    }

    static List<Request> all() throws IOException {
        List<Request> requests = new ArrayList<>();
        try (var files = Files.list(fixtures())) {
            for (Path file : files.filter(f -> f.toString().endsWith(".txt")).sorted().toList()) {
                requests.addAll(parse(file.getFileName().toString(), Files.readAllBytes(file)));
            }
        }
        return requests;
    }

    static List<Request> parse(String file, byte[] content) {
        String text = new String(content, StandardCharsets.ISO_8859_1); // byte offsets = char offsets
        List<Request> requests = new ArrayList<>();
        int at = text.indexOf("######## request ");
        while (at >= 0) {
            int next = text.indexOf("\n######## request ", at + 1);
            int lineEnd = text.indexOf('\n', at);
            String name = text.substring(at + "######## ".length(), lineEnd).strip();
            Matcher marker = MARKER.matcher(text);
            if (!marker.find(lineEnd) || (next >= 0 && marker.start() > next)) {
                throw new IllegalStateException("no body marker for " + name);
            }
            String[] headLines = text.substring(lineEnd + 1, marker.start()).strip().split("\n");
            String[] requestLine = headLines[0].split(" ");
            String target = requestLine[1];
            int q = target.indexOf('?');
            Map<String, String> headers = new TreeMap<>();
            for (int i = 1; i < headLines.length; i++) {
                int colon = headLines[i].indexOf(':');
                if (colon > 0) {
                    headers.put(headLines[i].substring(0, colon).strip().toLowerCase(Locale.ROOT), headLines[i].substring(colon + 1).strip());
                }
            }
            int decoded = Integer.parseInt(marker.group(2));
            int start = marker.end();
            int available = (next >= 0 ? next + 1 : content.length) - start;
            boolean truncated = name.contains("truncated");
            byte[] body = Arrays.copyOfRange(content, start, start + Math.min(decoded, available));
            if (decoded > available) {
                // Cut captures (006), and two node captures a few bytes short of their declared size:
                // the body is what the file holds, less the newline the file puts between requests.
                int end = body.length;
                while (end > 0 && body[end - 1] == '\n') {
                    end--;
                }
                body = Arrays.copyOf(body, end);
            }
            requests.add(new Request(file, name, truncated, q >= 0 ? target.substring(0, q) : target,
                    q >= 0 ? target.substring(q + 1) : null, headers, body));
            at = next >= 0 ? next + 1 : -1;
        }
        return requests;
    }
}
