package io.bugmaster.web;

import io.bugmaster.BugmasterProperties;
import org.springframework.stereotype.Component;
import org.springframework.web.util.UriUtils;

/**
 * Bugmaster's pages as absolute addresses on {@code BUGMASTER_BASE_URL}: the one place that builds
 * the links people open from a message (alerts, emails, webhooks, reports) or an API answer
 * ({@code permalink}). Each names a page that exists, without a trailing slash (the UI's routes
 * have none, and a trailing slash is a 404).
 */
@Component
public class Links {
    private final String base;

    public Links(BugmasterProperties props) {
        this.base = props.baseUrlTrimmed();
    }

    /** An issue's page. */
    public String issue(String org, long issueId) {
        return org(org) + "/issues/" + issueId;
    }

    /** An incident's page, by its number in the organization. */
    public String incident(String org, long number) {
        return org(org) + "/incidents/" + number;
    }

    /** A monitor's page, by its slug (the pages of issue 13 serve it). */
    public String monitor(String org, String slug) {
        return org(org) + "/monitors/" + UriUtils.encodePathSegment(slug, java.nio.charset.StandardCharsets.UTF_8);
    }

    /** The organization's monitors. */
    public String monitors(String org) {
        return org(org) + "/monitors";
    }

    /** The organization's issue stream. */
    public String issues(String org) {
        return org(org) + "/issues";
    }

    /** The organization's inbox: new and regressed issues nobody reviewed. */
    public String inbox(String org) {
        return org(org) + "/inbox";
    }

    /** A notification channel's page: its settings and recent deliveries. */
    public String notificationChannel(String org, long channelId) {
        return org(org) + "/settings/notifications/" + channelId;
    }

    /** An action link's page ("Resolve" in a message): it shows what the link does, and its button does it. */
    public String action(String token) {
        return base + "/actions/" + token;
    }

    /** An iCalendar feed's secret address (a calendar app subscribes to it). */
    public String calendarFeed(String token) {
        return base + "/calendar/" + token + ".ics";
    }

    /** A schedule's page. */
    public String schedule(String org, long scheduleId) {
        return org(org) + "/schedules/" + scheduleId;
    }

    private String org(String org) {
        return base + "/orgs/" + UriUtils.encodePathSegment(org, java.nio.charset.StandardCharsets.UTF_8);
    }
}
