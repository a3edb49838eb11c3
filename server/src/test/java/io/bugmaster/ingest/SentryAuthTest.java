package io.bugmaster.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class SentryAuthTest {
    private static final String KEY = "0123456789abcdef0123456789abcdef";

    @Test
    void xSentryAuthWithAndWithoutSpacesIgnoringSecretTimestampAndVersion() {
        for (String header : new String[] {
                "Sentry sentry_version=7,sentry_client=sentry.java/8.62.0,sentry_key=" + KEY,
                "Sentry sentry_version=7, sentry_timestamp=1700000000, sentry_key=" + KEY + ", sentry_secret=s3, sentry_client=sentry.java/8.62.0",
                "sentry   sentry_key=" + KEY + " ,sentry_client=sentry.java/8.62.0"}) {
            SentryAuth auth = SentryAuth.fromRequest(header, null, null).orElseThrow();
            assertThat(auth.publicKey()).as(header).isEqualTo(KEY);
            assertThat(auth.client()).isEqualTo("sentry.java/8.62.0");
            assertThat(auth.source()).isEqualTo(SentryAuth.Source.X_SENTRY_AUTH);
            assertThat(auth.projectId()).isNull();
        }
    }

    @Test
    void authorizationHeaderWithTheSentryScheme() {
        SentryAuth auth = SentryAuth.fromRequest(null, "Sentry sentry_key=" + KEY + ", sentry_version=7", null).orElseThrow();
        assertThat(auth.source()).isEqualTo(SentryAuth.Source.AUTHORIZATION);
        assertThat(auth.publicKey()).isEqualTo(KEY);
        assertThat(auth.client()).isNull();
    }

    @Test
    void bearerAuthorizationIsNotSentryAuth() {
        assertThat(SentryAuth.fromRequest(null, "Bearer abc", null)).isEmpty();
    }

    @Test
    void queryStringDecoded() {
        SentryAuth auth = SentryAuth.fromRequest(null, null,
                "sentry_version=7&sentry_key=" + KEY + "&sentry_client=sentry.javascript.node%2F11.11.0").orElseThrow();
        assertThat(auth.source()).isEqualTo(SentryAuth.Source.QUERY_STRING);
        assertThat(auth.client()).isEqualTo("sentry.javascript.node/11.11.0");
    }

    @Test
    void headerWinsOverQueryString() {
        SentryAuth auth = SentryAuth.fromRequest("Sentry sentry_key=aaaa", null, "sentry_key=bbbb").orElseThrow();
        assertThat(auth.publicKey()).isEqualTo("aaaa");
    }

    @Test
    void envelopeDsnGivesKeyAndProjectAndIgnoresSecret() {
        SentryAuth auth = SentryAuth.fromEnvelopeDsn("https://" + KEY + ":secret@o1.example.com:9000/sub/path/42", "sentry.python/2.0");
        assertThat(auth.publicKey()).isEqualTo(KEY);
        assertThat(auth.projectId()).isEqualTo("42");
        assertThat(auth.source()).isEqualTo(SentryAuth.Source.ENVELOPE_DSN);
        Dsn dsn = Dsn.parse("http://" + KEY + "@127.0.0.1:9100/42");
        assertThat(dsn.host()).isEqualTo("127.0.0.1");
        assertThat(dsn.port()).isEqualTo(9100);
        assertThat(dsn.path()).isEmpty();
    }

    @Test
    void requireFallsBackToTheEnvelopeDsn() {
        EnvelopeHeader header = new EnvelopeHeader(null, "http://" + KEY + "@h/7", null, "sentry.go", "1.0", IngestJson.NODES.objectNode());
        SentryAuth auth = SentryAuth.require(Optional.empty(), header);
        assertThat(auth.projectId()).isEqualTo("7");
        assertThat(auth.client()).isEqualTo("sentry.go/1.0");
    }

    @Test
    void errorsSayWhatIsMissing() {
        assertThatThrownBy(() -> SentryAuth.require(Optional.empty(), EnvelopeHeader.ofEventId(null)))
                .isInstanceOfSatisfying(IngestException.class, e -> {
                    assertThat(e.status()).isEqualTo(401);
                    assertThat(e.detail()).contains("X-Sentry-Auth", "query string", "dsn");
                });
        assertThatThrownBy(() -> SentryAuth.fromRequest("Sentry sentry_version=7, sentry_client=x", null, null))
                .isInstanceOfSatisfying(IngestException.class, e -> {
                    assertThat(e.status()).isEqualTo(401);
                    assertThat(e.detail()).contains("X-Sentry-Auth header has no sentry_key");
                });
        assertThatThrownBy(() -> SentryAuth.fromRequest(null, null, "sentry_key="))
                .isInstanceOf(IngestException.class).hasMessageContaining("empty");
        assertThatThrownBy(() -> SentryAuth.fromRequest(null, null, "sentry_key=%3Cscript%3E"))
                .isInstanceOf(IngestException.class).hasMessageContaining("malformed");
        assertThatThrownBy(() -> Dsn.parse("https://o1.example.com/42")).hasMessageContaining("no public key");
        assertThatThrownBy(() -> Dsn.parse("https://" + KEY + "@o1.example.com/")).hasMessageContaining("project id");
        assertThatThrownBy(() -> Dsn.parse("not a url")).isInstanceOf(IngestException.class);
    }
}
