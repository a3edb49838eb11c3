package io.bugmaster.incidents.postmortems;

import io.bugmaster.BugmasterProperties;
import java.nio.charset.StandardCharsets;
import org.springframework.stereotype.Component;
import org.springframework.web.util.UriUtils;

/** Absolute addresses of the pages postmortems and action items live on, for drafts and reminder emails. */
@Component
class PostmortemLinks {
    private final String base;

    PostmortemLinks(BugmasterProperties props) {
        this.base = props.baseUrlTrimmed();
    }

    String incident(String org, long number) {
        return org(org) + "/incidents/" + number;
    }

    String postmortem(String org, long number) {
        return incident(org, number) + "/postmortem";
    }

    String openActions(String org) {
        return org(org) + "/postmortems/actions";
    }

    private String org(String org) {
        return base + "/orgs/" + UriUtils.encodePathSegment(org, StandardCharsets.UTF_8);
    }
}
