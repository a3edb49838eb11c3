package io.bugmaster.notify;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.net.ssl.SSLContext;
import org.apache.hc.client5.http.ConnectTimeoutException;
import org.apache.hc.client5.http.DnsResolver;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.DefaultSchemePortResolver;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.BasicHttpClientConnectionManager;
import org.apache.hc.client5.http.impl.io.ManagedHttpClientConnectionFactory;
import org.apache.hc.client5.http.ssl.DefaultClientTlsStrategy;
import org.apache.hc.client5.http.ssl.TlsSocketStrategy;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.http.config.Lookup;
import org.apache.hc.core5.http.config.RegistryBuilder;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.apache.hc.core5.util.Timeout;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * The one way notifications leave over HTTP: checks the URL against the outbound policy, resolves
 * its host once and checks every address, then connects to exactly those addresses (the HTTP
 * client's DNS step answers with them, so a DNS server that changes its answer between the check
 * and the connection cannot steer the request elsewhere); TLS still verifies the certificate
 * against the host name and sends it as SNI. POSTs without following redirects, reads at most
 * {@value #MAX_RESPONSE} bytes of the answer, and turns it into {@link Delivered} or a permanent or
 * temporary {@link DeliveryException}.
 */
@Component
public class OutboundHttp {
    /** The most of an answer that is read; callers that parse it can tell a cut answer by its length. */
    public static final int MAX_RESPONSE = 64 * 1024;
    /** Cuts off an exchange that outlives its deadline (a receiver that answers a byte at a time). */
    private static final ScheduledExecutorService DEADLINES = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "bugmaster-outbound-deadline");
        thread.setDaemon(true);
        return thread;
    });
    private static final ContentType JSON = ContentType.create("application/json");

    /** Looks up a host name's addresses; tests substitute their own answers. */
    @FunctionalInterface
    interface Resolver {
        List<InetAddress> resolve(String host) throws UnknownHostException;
    }

    private final OutboundPolicy policy;
    private final NotifyProperties props;
    private final Clock clock;
    private final Resolver resolver;
    private final Lookup<TlsSocketStrategy> tls;

    @Autowired
    public OutboundHttp(NotifyProperties props, Clock clock) {
        this(props, clock, host -> List.of(InetAddress.getAllByName(host)), systemTls());
    }

    OutboundHttp(NotifyProperties props, Clock clock, Resolver resolver, SSLContext ssl) {
        this.policy = props.outboundPolicy();
        this.props = props;
        this.clock = clock;
        this.resolver = resolver;
        this.tls = RegistryBuilder.<TlsSocketStrategy>create().register("https", new DefaultClientTlsStrategy(ssl)).build();
    }

    public OutboundPolicy policy() {
        return policy;
    }

    /** Empty when {@code url} may receive notifications now, else why not (resolving its host). */
    public Optional<String> refusal(URI url) {
        try {
            check(url);
            return Optional.empty();
        } catch (Refused e) {
            return Optional.of(e.getMessage());
        } catch (UnknownHostException e) {
            return Optional.empty(); // not a policy matter: sending reports it as a temporary failure
        }
    }

    /** The addresses {@code url} may be sent to: its literal address, or every address its name resolves to. */
    private List<InetAddress> check(URI url) throws Refused, UnknownHostException {
        Optional<String> refused = policy.refuseUrl(url);
        if (refused.isPresent()) {
            throw new Refused(refused.get());
        }
        Optional<InetAddress> literal = OutboundPolicy.literal(url.getHost());
        if (literal.isPresent()) {
            return List.of(literal.get());
        }
        List<InetAddress> addresses = resolver.resolve(url.getHost());
        refused = policy.refuseAddresses(url.getHost(), addresses);
        if (refused.isPresent()) {
            throw new Refused(refused.get());
        }
        return addresses;
    }

    /** POSTs a JSON body; {@code service} names the receiver in messages ("Slack"). */
    public Delivered postJson(String service, String url, String body, Map<String, String> headers) throws DeliveryException {
        return postJson(service, url, body, headers, answer -> null);
    }

    /**
     * POSTs a JSON body; once delivered, {@code messageRef} reads the receiver's reference to the
     * message it made from its answer (capped, as read), or null when it gave none.
     */
    public Delivered postJson(String service, String url, String body, Map<String, String> headers,
            java.util.function.Function<String, String> messageRef) throws DeliveryException {
        return post(service, url, "application/json", body, headers, messageRef);
    }

    /**
     * POSTs a body of the given media type ({@code text/plain; charset=utf-8},
     * {@code application/x-www-form-urlencoded}); otherwise as {@link #postJson}. Header values must
     * be one line: a value with a line break is refused (it would start a header of its own).
     */
    public Delivered post(String service, String url, String contentType, String body, Map<String, String> headers,
            java.util.function.Function<String, String> messageRef) throws DeliveryException {
        Answer answer = exchange(service, url, contentType, body, headers);
        Delivered delivered = HttpOutcomes.classify(service, answer.status(), answer.body(), answer.retryAfter(), answer.location(),
                clock.instant());
        return new Delivered(delivered.httpStatus(), delivered.detail(), messageRef.apply(answer.body()));
    }

    /**
     * A receiver's answer as it came: the HTTP status, the start of the body (at most
     * {@value #MAX_RESPONSE} bytes), and its {@code Retry-After} and {@code Location} headers (or null).
     */
    public record Answer(int status, String body, String retryAfter, String location) {}

    /**
     * POSTs a body and hands back the answer whatever its status, for callers that read the
     * receiver's own error format (Slack's Web API answers 200 with {@code "ok": false}). The
     * policy, the pinned addresses and the deadlines are those of {@link #post}; a refused URL is a
     * permanent failure, a network failure a temporary one.
     */
    public Answer exchange(String service, String url, String contentType, String body, Map<String, String> headers)
            throws DeliveryException {
        for (Map.Entry<String, String> header : headers.entrySet()) {
            if (header.getValue().chars().anyMatch(c -> c == '\r' || c == '\n' || c == 0)) {
                throw DeliveryException.permanent("not sent: header " + header.getKey() + " holds a line break");
            }
        }
        URI uri;
        try {
            uri = URI.create(url);
        } catch (IllegalArgumentException e) {
            throw DeliveryException.permanent("the channel URL is not a valid URL");
        }
        List<InetAddress> addresses;
        try {
            addresses = check(uri);
        } catch (Refused e) {
            throw DeliveryException.permanent(e.getMessage());
        } catch (UnknownHostException e) {
            throw DeliveryException.temporary("cannot resolve " + uri.getHost() + " (DNS)", e);
        }
        HttpPost post = new HttpPost(uri);
        post.setEntity(new ByteArrayEntity(body.getBytes(StandardCharsets.UTF_8),
                contentType.equals("application/json") ? JSON : ContentType.parse(contentType)));
        headers.forEach(post::setHeader);
        Duration timeout = props.notifyTimeout();
        AtomicBoolean cutOff = new AtomicBoolean();
        ScheduledFuture<?> deadline = DEADLINES.schedule(() -> {
            cutOff.set(true);
            post.cancel();
        }, timeout.multipliedBy(2).toMillis(), TimeUnit.MILLISECONDS);
        try (CloseableHttpClient client = client(addresses, timeout)) {
            ClassicHttpResponse response = client.executeOpen(null, post, null);
            try {
                return new Answer(response.getCode(), readCapped(response.getEntity()), header(response, "Retry-After"),
                        header(response, "Location"));
            } finally {
                post.cancel(); // drops the connection: closing the answer instead would read all that is left of it
            }
        } catch (IOException e) {
            throw failure(service, uri, e, cutOff.get());
        } finally {
            deadline.cancel(false);
        }
    }

    private DeliveryException failure(String service, URI uri, IOException e, boolean cutOff) {
        Duration timeout = props.notifyTimeout();
        if (cutOff) {
            return DeliveryException.temporary(service + " did not finish answering within " + timeout.multipliedBy(2).toSeconds() + "s", e);
        }
        if (e instanceof ConnectTimeoutException) {
            return DeliveryException.temporary(service + " did not accept a connection within " + timeout.toSeconds() + "s", e);
        }
        if (e instanceof SocketTimeoutException) {
            return DeliveryException.temporary(service + " did not answer within " + timeout.toSeconds() + "s", e);
        }
        if (e instanceof ConnectException) {
            return DeliveryException.temporary("cannot connect to " + uri.getHost() + (uri.getPort() > 0 ? ":" + uri.getPort() : "")
                    + " (connection refused or unreachable)", e);
        }
        if (e instanceof InterruptedIOException) {
            Thread.currentThread().interrupt();
            return DeliveryException.temporary("interrupted while sending to " + service, e);
        }
        return DeliveryException.temporary("sending to " + service + " failed: " + e.getClass().getSimpleName()
                + (e.getMessage() == null ? "" : " " + e.getMessage()), e);
    }

    /**
     * A client for one request whose DNS step answers with the checked addresses only. Redirects,
     * retries, cookies and decompression are off; the connection is not kept.
     */
    private CloseableHttpClient client(List<InetAddress> addresses, Duration timeout) {
        InetAddress[] pinned = addresses.toArray(new InetAddress[0]);
        DnsResolver checkedOnly = new DnsResolver() {
            @Override
            public InetAddress[] resolve(String host) {
                return pinned.clone(); // this client serves one request to one host: the one that was checked
            }

            @Override
            public String resolveCanonicalHostname(String host) {
                return host;
            }
        };
        BasicHttpClientConnectionManager connections = BasicHttpClientConnectionManager.create(
                DefaultSchemePortResolver.INSTANCE, checkedOnly, tls, ManagedHttpClientConnectionFactory.INSTANCE);
        connections.setConnectionConfig(ConnectionConfig.custom()
                .setConnectTimeout(Timeout.of(timeout))
                .setSocketTimeout(Timeout.of(timeout))
                .build());
        return HttpClients.custom()
                .setConnectionManager(connections)
                .setDefaultRequestConfig(RequestConfig.custom().setResponseTimeout(Timeout.of(timeout)).setRedirectsEnabled(false).build())
                .disableRedirectHandling()
                .disableAutomaticRetries()
                .disableContentCompression()
                .disableCookieManagement()
                .disableAuthCaching()
                .setUserAgent("Bugmaster")
                .build();
    }

    /** The start of the answer; the stream is left open, since closing it would read the rest. */
    private static String readCapped(HttpEntity entity) throws IOException {
        if (entity == null) {
            return "";
        }
        InputStream in = entity.getContent();
        return new String(in.readNBytes(MAX_RESPONSE), StandardCharsets.UTF_8);
    }

    private static String header(ClassicHttpResponse response, String name) {
        Header header = response.getFirstHeader(name);
        return header == null ? null : header.getValue();
    }

    private static SSLContext systemTls() {
        try {
            return SSLContext.getDefault();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("no default TLS context", e);
        }
    }

    /** The outbound policy refused a URL or its addresses; the message says why and how to allow it. */
    private static final class Refused extends Exception {
        Refused(String message) {
            super(message, null, false, false);
        }
    }
}
