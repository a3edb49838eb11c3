package io.bugmaster.slack.channels;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ChannelNamesTest {
    @Test
    void aTitleBecomesLowercaseLettersDigitsAndSingleDashes() {
        assertThat(ChannelNames.of(7, "Checkout is DOWN (500s)!", 1)).isEqualTo("inc-7-checkout-is-down-500s");
        assertThat(ChannelNames.of(12, "  Paiements échoués — Zürich  ", 1)).as("accents dropped").isEqualTo("inc-12-paiements-echoues-zurich");
        assertThat(ChannelNames.of(3, "日本語だけ", 1)).as("nothing Slack allows is left").isEqualTo("inc-3");
        assertThat(ChannelNames.of(3, null, 1)).isEqualTo("inc-3");
    }

    @Test
    void aTakenNameGetsANumberAndEveryNameFitsEightyCharacters() {
        assertThat(ChannelNames.of(7, "db down", 2)).isEqualTo("inc-7-db-down-2");
        String longTitle = "the primary database in eu-west-1 refuses connections after the failover of the night ".repeat(3);
        for (int attempt = 1; attempt <= 10; attempt++) {
            String name = ChannelNames.of(123456, longTitle, attempt);
            assertThat(name).hasSizeLessThanOrEqualTo(80).matches("[a-z0-9-]+").doesNotContain("--").doesNotEndWith("-");
            assertThat(name).endsWith(attempt == 1 ? "" : "-" + attempt).startsWith("inc-123456-the-primary-database");
        }
    }
}
