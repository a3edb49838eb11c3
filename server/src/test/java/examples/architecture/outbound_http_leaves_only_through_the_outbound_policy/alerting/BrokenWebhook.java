package examples.architecture.outbound_http_leaves_only_through_the_outbound_policy.alerting;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/** Broken: sends to a user-supplied URL without the outbound URL policy. */
public class BrokenWebhook {
    public int post(String url) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url)).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode();
    }
}
