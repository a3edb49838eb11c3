package io.bugmaster.oncall.notices;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * On-call notices ({@code BUGMASTER_HANDOFF_NOTICE_LEAD}, {@code BUGMASTER_GAP_WARNING_HORIZON});
 * documented in docs/configuration.md. Checked at start.
 *
 * @param handoffNoticeLead how long before a shift starts its person is told; {@code 0} sends no handoff notices
 * @param gapWarningHorizon how far ahead a gap (nobody on call) is looked for and warned about; {@code 0} warns of none
 */
@ConfigurationProperties(prefix = "bugmaster")
public record NoticeProperties(@DefaultValue("1h") Duration handoffNoticeLead, @DefaultValue("14d") Duration gapWarningHorizon) {
    public NoticeProperties {
        if (handoffNoticeLead.isNegative() || handoffNoticeLead.compareTo(Duration.ofDays(7)) > 0) {
            throw new IllegalArgumentException("BUGMASTER_HANDOFF_NOTICE_LEAD must be between 0 (off) and 7d, got " + handoffNoticeLead);
        }
        if (gapWarningHorizon.isNegative() || gapWarningHorizon.compareTo(Duration.ofDays(90)) > 0) {
            throw new IllegalArgumentException("BUGMASTER_GAP_WARNING_HORIZON must be between 0 (off) and 90d, got " + gapWarningHorizon);
        }
    }
}
