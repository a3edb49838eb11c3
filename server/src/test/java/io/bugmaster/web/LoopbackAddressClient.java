package io.bugmaster.web;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A minimal browser for the login form whose connections leave from a chosen address of
 * 127.0.0.0/8, so that the server sees a different client address per instance (as if each were
 * another machine) while nothing leaves this machine. HTTP/1.0, so that bodies are not chunked.
 */
final class LoopbackAddressClient {
    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");
    private static final Pattern COOKIE = Pattern.compile("(?im)^Set-Cookie:\\s*([^=;\\s]+)=([^;\\r\\n]*)");
    private static final Pattern LOCATION = Pattern.compile("(?im)^Location:\\s*(\\S+)");

    private final InetAddress from;
    private final int port;
    private final Map<String, String> cookies = new LinkedHashMap<>();

    LoopbackAddressClient(String loopbackAddress, int port) throws IOException {
        this.from = InetAddress.getByName(loopbackAddress);
        if (!from.isLoopbackAddress()) {
            throw new IllegalArgumentException("only loopback addresses: " + loopbackAddress);
        }
        this.port = port;
    }

    /** Sets a cookie as an earlier visit would have. */
    void cookie(String name, String value) {
        cookies.put(name, value);
    }

    /** Logs in through the form; returns where the server redirects to. */
    String login(String email, String password) throws IOException {
        Matcher csrf = CSRF.matcher(send("GET", "/login", null));
        if (!csrf.find()) {
            throw new AssertionError("no CSRF token on the login page");
        }
        String form = Map.of("username", email, "password", password, "_csrf", csrf.group(1)).entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        Matcher location = LOCATION.matcher(send("POST", "/login", form));
        return location.find() ? location.group(1) : "";
    }

    private String send(String method, String path, String form) throws IOException {
        try (Socket socket = new Socket()) {
            socket.bind(new InetSocketAddress(from, 0));
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 10_000);
            socket.setSoTimeout(30_000);
            StringBuilder request = new StringBuilder(method + " " + path + " HTTP/1.0\r\nHost: localhost:" + port + "\r\n");
            if (!cookies.isEmpty()) {
                request.append("Cookie: ").append(cookies.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                        .collect(Collectors.joining("; "))).append("\r\n");
            }
            byte[] body = form == null ? new byte[0] : form.getBytes(StandardCharsets.UTF_8);
            if (form != null) {
                request.append("Content-Type: application/x-www-form-urlencoded\r\nContent-Length: ").append(body.length).append("\r\n");
            }
            request.append("\r\n");
            OutputStream out = socket.getOutputStream();
            out.write(request.toString().getBytes(StandardCharsets.US_ASCII));
            out.write(body);
            out.flush();
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream response = new ByteArrayOutputStream();
            in.transferTo(response);
            String text = response.toString(StandardCharsets.UTF_8);
            String head = text.substring(0, Math.max(0, text.indexOf("\r\n\r\n")));
            Matcher cookie = COOKIE.matcher(head);
            while (cookie.find()) {
                cookies.put(cookie.group(1), cookie.group(2));
            }
            return text;
        }
    }
}
