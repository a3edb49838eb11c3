package io.bugmaster.monitors.sources.api;

import io.bugmaster.accounts.Actor;
import io.bugmaster.monitors.sources.DataSource;
import io.bugmaster.monitors.sources.DataSourceAdmin;
import io.bugmaster.web.api.ApiController;
import java.time.Instant;
import java.util.List;
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
 * An organization's data sources (the databases SQL monitors query, the Prometheus servers metric
 * monitors ask). The password is never returned: {@code has_password} says whether one is stored.
 */
@ApiController
@RequestMapping("/api/0/organizations/{org}/data-sources")
class DataSourcesApi {
    private final DataSourceAdmin sources;

    DataSourcesApi(DataSourceAdmin sources) {
        this.sources = sources;
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record DataSourceJson(String id, String name, String kind, String url, String username, boolean hasPassword, Instant checkedAt,
            String checkError, Instant dateCreated, Instant dateUpdated) {
        static DataSourceJson of(DataSource ds) {
            return new DataSourceJson(Long.toString(ds.id()), ds.name(), ds.kind().id(), ds.url(), ds.username(), ds.hasSecret(),
                    ds.checkedAt(), ds.checkError(), ds.createdAt(), ds.updatedAt());
        }
    }

    @GetMapping({"/", ""})
    List<DataSourceJson> list(Actor actor, @PathVariable String org) {
        return sources.list(actor, org).stream().map(DataSourceJson::of).toList();
    }

    @PostMapping({"/", ""})
    ResponseEntity<DataSourceJson> create(Actor actor, @PathVariable String org, @RequestBody DataSourceAdmin.NewDataSource body) {
        return ResponseEntity.status(HttpStatus.CREATED).body(DataSourceJson.of(sources.create(actor, org, body)));
    }

    @GetMapping({"/{id}/", "/{id}"})
    DataSourceJson get(Actor actor, @PathVariable String org, @PathVariable String id) {
        return DataSourceJson.of(sources.get(actor, org, id));
    }

    @PutMapping({"/{id}/", "/{id}"})
    DataSourceJson update(Actor actor, @PathVariable String org, @PathVariable String id, @RequestBody DataSourceAdmin.DataSourceChange body) {
        return DataSourceJson.of(sources.update(actor, org, id, body));
    }

    /** 204; 409 while a monitor uses it. */
    @DeleteMapping({"/{id}/", "/{id}"})
    ResponseEntity<Void> delete(Actor actor, @PathVariable String org, @PathVariable String id) {
        sources.delete(actor, org, id);
        return ResponseEntity.noContent().build();
    }

    /** Tries the connection now: 200 with {@code {"ok": true}} or {@code {"ok": false, "error": "..."}}. */
    @PostMapping({"/{id}/test/", "/{id}/test"})
    DataSourceAdmin.TestResult test(Actor actor, @PathVariable String org, @PathVariable String id) {
        return sources.test(actor, org, id);
    }
}
