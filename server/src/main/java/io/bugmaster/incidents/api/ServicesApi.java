package io.bugmaster.incidents.api;

import io.bugmaster.accounts.Actor;
import io.bugmaster.incidents.IntegrationInfo;
import io.bugmaster.incidents.ServiceDefinition;
import io.bugmaster.incidents.ServiceRules;
import io.bugmaster.incidents.Services;
import io.bugmaster.web.api.ApiController;
import io.bugmaster.web.api.PageRequest;
import io.bugmaster.web.api.Paging;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;

/**
 * Services and their integrations, with PagerDuty's field names. A PUT changes the fields it names.
 * Creating an integration answers its key and the URL to send to, once.
 */
@ApiController
@RequestMapping("/api/0/organizations/{org}/services")
class ServicesApi {
    private final Services services;
    private final Paging paging;

    ServicesApi(Services services, Paging paging) {
        this.services = services;
        this.paging = paging;
    }

    record Ref(String id) {}

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record ServiceJson(String id, String name, String description, Ref team, Ref escalationPolicy, String runbook, String urgency,
            Map<String, Object> supportHours, Integer acknowledgementTimeout, Integer autoResolveTimeout, Map<String, Object> alertGrouping,
            String createdAt, String updatedAt, List<String> projectIds) {
        static ServiceJson of(ServiceDefinition s) {
            return new ServiceJson(Long.toString(s.id()), s.name(), s.description(), s.teamId() == null ? null : new Ref(s.teamId().toString()),
                    s.escalationPolicyId() == null ? null : new Ref(s.escalationPolicyId().toString()), s.runbook(), s.urgencyRule().id(),
                    ServiceRules.supportHoursJson(s.supportHours()), s.acknowledgementTimeout(), s.autoResolveTimeout(),
                    ServiceRules.groupingJson(s.grouping()), s.createdAt().toString(), s.updatedAt().toString(),
                    s.projectIds().stream().map(String::valueOf).toList());
        }
    }

    /** An integration; {@code integration_key} only in the answer that made or rotated it. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record IntegrationJson(String id, String type, String name, Ref service, String keyHint, String integrationKey, String url,
            String createdAt) {
        static IntegrationJson of(IntegrationInfo i, String key, String url) {
            return new IntegrationJson(Long.toString(i.id()), i.type(), i.name(), new Ref(Long.toString(i.serviceId())), i.keyHint(), key, url,
                    i.createdAt().toString());
        }
    }

    record NewIntegration(String type, String name) {}

    @GetMapping({"/", ""})
    ResponseEntity<List<ServiceJson>> list(Actor actor, HttpServletRequest request, @PathVariable String org, PageRequest page) {
        return paging.respond(request, services.list(actor, org, page.offset(), page.perPage()), ServiceJson::of);
    }

    @PostMapping({"/", ""})
    ResponseEntity<ServiceJson> create(Actor actor, @PathVariable String org, @RequestBody Map<String, Object> body) {
        return ResponseEntity.status(HttpStatus.CREATED).body(ServiceJson.of(services.create(actor, org, body)));
    }

    @GetMapping({"/{id}/", "/{id}"})
    ServiceJson get(Actor actor, @PathVariable String org, @PathVariable String id) {
        return ServiceJson.of(services.get(actor, org, id));
    }

    @PutMapping({"/{id}/", "/{id}"})
    ServiceJson update(Actor actor, @PathVariable String org, @PathVariable String id, @RequestBody Map<String, Object> body) {
        return ServiceJson.of(services.update(actor, org, id, body));
    }

    @DeleteMapping({"/{id}/", "/{id}"})
    ResponseEntity<Void> delete(Actor actor, @PathVariable String org, @PathVariable String id) {
        services.delete(actor, org, id);
        return ResponseEntity.noContent().build();
    }

    @GetMapping({"/{id}/integrations/", "/{id}/integrations"})
    List<IntegrationJson> integrations(Actor actor, @PathVariable String org, @PathVariable String id) {
        return services.integrations(actor, org, id).stream().map(i -> IntegrationJson.of(i, null, null)).toList();
    }

    @PostMapping({"/{id}/integrations/", "/{id}/integrations"})
    ResponseEntity<IntegrationJson> createIntegration(Actor actor, @PathVariable String org, @PathVariable String id,
            @RequestBody NewIntegration body) {
        Services.IssuedKey k = services.createIntegration(actor, org, id, body.type(), body.name());
        return ResponseEntity.status(HttpStatus.CREATED).body(IntegrationJson.of(k.integration(), k.integrationKey(), k.url()));
    }

    /** A new key for the integration; the old one stops working at once. */
    @PostMapping({"/{id}/integrations/{integration}/rotate/", "/{id}/integrations/{integration}/rotate"})
    IntegrationJson rotate(Actor actor, @PathVariable String org, @PathVariable String id, @PathVariable String integration) {
        Services.IssuedKey k = services.rotateIntegration(actor, org, id, integration);
        return IntegrationJson.of(k.integration(), k.integrationKey(), k.url());
    }

    @DeleteMapping({"/{id}/integrations/{integration}/", "/{id}/integrations/{integration}"})
    ResponseEntity<Void> deleteIntegration(Actor actor, @PathVariable String org, @PathVariable String id, @PathVariable String integration) {
        services.deleteIntegration(actor, org, id, integration);
        return ResponseEntity.noContent().build();
    }
}
