package io.bugmaster.inbound;

import static org.assertj.core.api.Assertions.assertThat;

import io.bugmaster.testing.ApiClient;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * Services, integrations and their alerts through the REST API, as a user sets them up: a service
 * per test, an integration of each kind, and the alerts of the service's incidents as
 * {@code dedup_key status} lines, to compare after each event.
 */
final class InboundServices {
    private final ApiClient api;
    private final String token;
    private final String org;

    InboundServices(String baseUrl, String token, String org) {
        this.api = new ApiClient(baseUrl);
        this.token = token;
        this.org = org;
    }

    /** A new service; answers its id. */
    String service(String name) {
        ApiClient.Response created = api.post(token, "/api/0/organizations/" + org + "/services/", ApiClient.json("name", name));
        assertThat(created.status()).as("%s", created).isEqualTo(201);
        return created.json().get("id").asString();
    }

    /** A new integration of the service; answers its key and URL. */
    Integration integration(String serviceId, String type) {
        ApiClient.Response created = api.post(token, "/api/0/organizations/" + org + "/services/" + serviceId + "/integrations/",
                ApiClient.json("type", type));
        assertThat(created.status()).as("%s", created).isEqualTo(201);
        return new Integration(created.json().get("integration_key").asString(), created.json().get("url").asString());
    }

    record Integration(String key, String url) {}

    /** Every alert of the service's incidents, oldest incident first, as {@code "dedup_key status"}. */
    List<String> alerts(String serviceId) {
        List<String> lines = new ArrayList<>();
        for (JsonNode incident : incidents(serviceId)) {
            ApiClient.Response one = api.get(token, "/api/0/organizations/" + org + "/incidents/" + incident.get("incident_number").asLong() + "/");
            assertThat(one.status()).as("%s", one).isEqualTo(200);
            for (JsonNode alert : one.json().get("alerts")) {
                lines.add(alert.get("dedup_key").asString() + " " + alert.get("status").asString());
            }
        }
        return lines;
    }

    /** The service's incidents, oldest first. */
    List<JsonNode> incidents(String serviceId) {
        ApiClient.Response list = api.get(token, "/api/0/organizations/" + org + "/incidents/?service_id=" + serviceId
                + "&statuses=triggered&statuses=acknowledged&statuses=resolved&per_page=100");
        assertThat(list.status()).as("%s", list).isEqualTo(200);
        List<JsonNode> incidents = new ArrayList<>();
        list.json().forEach(incidents::add);
        incidents.sort(java.util.Comparator.comparingLong(i -> i.get("incident_number").asLong()));
        return incidents;
    }
}
