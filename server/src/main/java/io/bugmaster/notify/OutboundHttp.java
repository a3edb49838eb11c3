package io.bugmaster.notify;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * The one way notifications leave over HTTP: checks the outbound policy (after resolving the host:
 * every address must pass), POSTs without following redirects, and turns the answer into
 * {@link Delivered} or a permanent or temporary {@link DeliveryException}.
 *
 * <p>Known gap: the JDK client resolves the name again when it connects, so a DNS server that
 * answers differently within that moment (DNS rebinding) could still steer a request elsewhere.
 */
@Component
public class OutboundHttp {
    private static final int MAX_RESPONSE = 64 * 1024;
    private final OutboundPolicy policy;
    private final HttpClient client;
    private final NotifyProperties props;
    private final Clock clock;

    public OutboundHttp(NotifyProperties props, Clock clock) {
        this.policy = props.outboundPolicy();
        this.props = props;
        this.clock = clock;
        this.client = HttpClient.newBuilder()
                .followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(props.notifyTimeout())
                .build();
    }

    public OutboundPolicy policy() {
        return policy;
    }

    /** Empty when {@code url} may receive notifications now, else why not (resolving its host). */
    public Optional<String> refusal(URI url) {
        try {
            return check(url);
        } catch (UnknownHostException e) {
            return Optional.empty(); // not a policy matter: sending reports it as a temporary failure
        }
    }

    private Optional<String> check(URI url) throws UnknownHostException {
        Optional<String> refused = policy.refuseUrl(url);
        if (refused.isPresent() || policy.allowsHost(url.getHost())) {
            return refused;
        }
        List<InetAddress> addresses = OutboundPolicy.isIpLiteral(url.getHost())
                ? List.of(OutboundPolicy.literal(url.getHost()))
                : Arrays.asList(InetAddress.getAllByName(url.getHost()));
        return policy.refuseAddresses(url.getHost(), addresses);
    }

    /** POSTs a JSON body; {@code service} names the receiver in messages ("Slack"). */
    public Delivered postJson(String service, String url, String body, Map<String, String> headers) throws DeliveryException {
        URI uri;
        try {
            uri = URI.create(url);
        } catch (IllegalArgumentException e) {
            throw DeliveryException.permanent("the channel URL is not a valid URL");
        }
        Optional<String> refused;
        try {
            refused = check(uri);
        } catch (UnknownHostException e) {
            throw DeliveryException.temporary("cannot resolve " + uri.getHost() + " (DNS)", e);
        }
        if (refused.isPresent()) {
            throw DeliveryException.permanent(refused.get());
        }
        HttpRequest.Builder request = HttpRequest.newBuilder(uri)
                .timeout(props.notifyTimeout())
                .header("Content-Type", "application/json")
                .header("User-Agent", "Bugmaster")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        headers.forEach(request::header);
        HttpResponse<byte[]> response;
        try {
            response = client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (HttpConnectTimeoutException e) {
            throw DeliveryException.temporary(service + " did not accept a connection within " + props.notifyTimeout().toSeconds() + "s", e);
        } catch (HttpTimeoutException e) {
            throw DeliveryException.temporary(service + " did not answer within " + props.notifyTimeout().toSeconds() + "s", e);
        } catch (ConnectException e) {
            throw DeliveryException.temporary("cannot connect to " + uri.getHost() + (uri.getPort() > 0 ? ":" + uri.getPort() : "")
                    + " (connection refused or unreachable)", e);
        } catch (IOException e) {
            throw DeliveryException.temporary("sending to " + service + " failed: " + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : " " + e.getMessage()), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw DeliveryException.temporary("interrupted while sending to " + service, e);
        }
        byte[] raw = response.body() == null ? new byte[0] : response.body();
        String text = new String(raw, 0, Math.min(raw.length, MAX_RESPONSE), java.nio.charset.StandardCharsets.UTF_8);
        return HttpOutcomes.classify(service, response.statusCode(), text,
                response.headers().firstValue("Retry-After").orElse(null),
                response.headers().firstValue("Location").orElse(null), clock.instant());
    }
}
