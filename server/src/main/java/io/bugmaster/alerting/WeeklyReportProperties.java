package io.bugmaster.alerting;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code BUGMASTER_WEEKLY_REPORT}: when the weekly report goes out, a weekday and a UTC time
 * ({@code MON 08:00}, the default), or {@code off}. Checked at start.
 */
@ConfigurationProperties(prefix = "bugmaster")
public record WeeklyReportProperties(@DefaultValue("MON 08:00") String weeklyReport) {
    public WeeklyReportProperties {
        WeeklyReports.Schedule.parse(weeklyReport); // fails the start with the setting's name when it is wrong
    }
}
