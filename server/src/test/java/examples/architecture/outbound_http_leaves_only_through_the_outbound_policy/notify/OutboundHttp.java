package examples.architecture.outbound_http_leaves_only_through_the_outbound_policy.notify;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/** Allowed: the one class that sends HTTP (after its policy check, left out here). */
public class OutboundHttp {
    public int post(String url) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url)).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode();
    }
}
