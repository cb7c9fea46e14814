package io.github.sentrygithubbridge.web;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.springframework.util.unit.DataSize;

class SignatureVerifierTest {

    static final Instant NOW = Instant.parse("2026-11-22T10:00:00Z");
    static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    static final byte[] BODY = "The quick brown fox jumps over the lazy dog".getBytes(StandardCharsets.UTF_8);
    // RFC-style HMAC-SHA256 vector: key "key" over the sentence above
    static final String VECTOR = "f7bc83f430538424b13298e6aa6fb143ef4d59a14946175997479dbc2d1a3cd8";

    static SignatureVerifier verifier(String secret) {
        return new SignatureVerifier(new WebhookProperties(secret, DataSize.ofMegabytes(1), Duration.ofMinutes(5)), CLOCK);
    }

    static String now() {
        return Long.toString(NOW.getEpochSecond());
    }

    @Test
    void signsLikeSentryLowercaseHexHmacSha256OfTheExactBytes() {
        assertThat(SignatureVerifier.sign("key", BODY)).isEqualTo(VECTOR);
    }

    @Test
    void acceptsTheKnownVector() {
        assertThatCode(() -> verifier("key").verify(BODY, VECTOR, null, now())).doesNotThrowAnyException();
    }

    @Test
    void acceptsUppercaseHexAndTheLegacyHeader() {
        assertThatCode(() -> verifier("key").verify(BODY, VECTOR.toUpperCase(), null, now())).doesNotThrowAnyException();
        assertThatCode(() -> verifier("key").verify(BODY, null, VECTOR, now())).doesNotThrowAnyException();
    }

    @Test
    void acceptsAnyOfSeveralSecretsWhileRotating() {
        assertThatCode(() -> verifier("new-one, key").verify(BODY, VECTOR, null, now())).doesNotThrowAnyException();
    }

    @Test
    void rejectsAOneByteChangeInTheBody() {
        byte[] changed = BODY.clone();
        changed[0] = 't';
        assertThatThrownBy(() -> verifier("key").verify(changed, VECTOR, null, now()))
                .isInstanceOf(SignatureRejectedException.class).hasMessageContaining("does not match");
    }

    @Test
    void rejectsMissingMalformedAndPrefixedSignatures() {
        assertThatThrownBy(() -> verifier("key").verify(BODY, null, null, now())).hasMessageContaining("missing");
        assertThatThrownBy(() -> verifier("key").verify(BODY, "zz-not-hex", null, now())).isInstanceOf(SignatureRejectedException.class);
        assertThatThrownBy(() -> verifier("key").verify(BODY, "sha256=" + VECTOR, null, now())).isInstanceOf(SignatureRejectedException.class);
    }

    @Test
    void refusesEverythingWithoutASecret() {
        assertThatThrownBy(() -> verifier("").verify(BODY, SignatureVerifier.sign("anything", BODY), null, now()))
                .isInstanceOf(SignatureRejectedException.class).hasMessageContaining("no webhook secret");
        assertThatThrownBy(() -> verifier(null).verify(BODY, VECTOR, null, now())).isInstanceOf(SignatureRejectedException.class);
    }

    @Test
    void refusesAMissingTimestampAndOneOutsideTheSkew() {
        String stale = Long.toString(NOW.minusSeconds(301).getEpochSecond());
        String future = Long.toString(NOW.plusSeconds(301).getEpochSecond());
        String edge = Long.toString(NOW.minusSeconds(299).getEpochSecond());

        assertThatThrownBy(() -> verifier("key").verify(BODY, VECTOR, null, stale)).hasMessageContaining("Sentry-Hook-Timestamp");
        assertThatThrownBy(() -> verifier("key").verify(BODY, VECTOR, null, future)).hasMessageContaining("Sentry-Hook-Timestamp");
        assertThatThrownBy(() -> verifier("key").verify(BODY, VECTOR, null, "yesterday")).hasMessageContaining("not a Unix time");
        assertThatCode(() -> verifier("key").verify(BODY, VECTOR, null, edge)).doesNotThrowAnyException();
        assertThatThrownBy(() -> verifier("key").verify(BODY, VECTOR, null, null)).hasMessageContaining("Sentry-Hook-Timestamp is missing");
        assertThatThrownBy(() -> verifier("key").verify(BODY, VECTOR, null, " ")).hasMessageContaining("Sentry-Hook-Timestamp is missing");
    }

    @Test
    void checksTheSignatureBeforeTheTimestamp() {
        String stale = Long.toString(NOW.minusSeconds(3600).getEpochSecond());
        assertThatThrownBy(() -> verifier("key").verify(BODY, "00", null, stale)).hasMessageContaining("does not match");
    }
}
