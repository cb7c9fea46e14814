package io.github.sentrygithubbridge.github;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ConnectException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.apache.camel.Exchange;
import org.apache.camel.http.base.HttpOperationFailedException;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.Test;

class GitHubRetryPolicyTest {

    static final Instant NOW = Instant.parse("2026-11-22T10:00:00Z");
    static final GitHubProperties GITHUB = new GitHubProperties("t", "o/r", "https://api.github.com", "agent:builder",
            Duration.ofSeconds(1), 20, 3, Duration.ofSeconds(1), Duration.ofSeconds(5), Duration.ofSeconds(30), null, null, null);
    // the metrics and the store are not used by the rules tested here
    final GitHubRetryPolicy policy = new GitHubRetryPolicy(Clock.fixed(NOW, ZoneOffset.UTC), null, null, GITHUB, store(Duration.ofMinutes(2)));

    static io.github.sentrygithubbridge.state.StoreProperties store(Duration lease) {
        return new io.github.sentrygithubbridge.state.StoreProperties("embedded", java.nio.file.Path.of("unused"), null, null, null, "a", lease);
    }

    @Test
    void aMomentsFailureOfAnUpdateIsRedeliveredTwiceNeverACreation() {
        long leasedAt = System.currentTimeMillis();
        assertThat(policy.redeliverNow(failed(502, Map.of(), ""), "comment", null, leasedAt)).isTrue();
        assertThat(policy.redeliverNow(new IOException("reset"), "close", 2, leasedAt)).isTrue();
        assertThat(policy.redeliverNow(failed(502, Map.of(), ""), "comment", 3, leasedAt)).as("the default 2 redeliveries are spent").isFalse();
        assertThat(policy.redeliverNow(failed(502, Map.of(), ""), "create", 1, leasedAt)).as("a creation is looked for first").isFalse();
        assertThat(policy.redeliverNow(failed(429, Map.of("Retry-After", "30"), ""), "comment", 1, leasedAt)).as("waits in the store").isFalse();
        assertThat(policy.redeliverNow(failed(422, Map.of(), ""), "comment", 1, leasedAt)).isFalse();
    }

    @Test
    void noRedeliveryOutlastsTheLeaseOnTheWrite() {
        // a 30 s timeout and a 1 s wait in a 30 s lease: another replica could take the write over meanwhile
        GitHubRetryPolicy shortLease = new GitHubRetryPolicy(Clock.fixed(NOW, ZoneOffset.UTC), null, null, GITHUB, store(Duration.ofSeconds(30)));
        assertThat(shortLease.redeliverNow(failed(502, Map.of(), ""), "comment", 1, System.currentTimeMillis())).isFalse();
        assertThat(policy.redeliverNow(failed(502, Map.of(), ""), "comment", 1, System.currentTimeMillis() - 100_000)).isFalse();
    }

    static HttpOperationFailedException failed(int status, Map<String, String> headers, String body) {
        return new HttpOperationFailedException("https://api.github.com/repos/o/r/issues", status, "status", null, headers, body);
    }

    @Test
    void retriesServerErrorsTooManyRequestsAndConnectionErrors() {
        assertThat(policy.isRetryable(failed(500, Map.of(), ""))).isTrue();
        assertThat(policy.isRetryable(failed(502, Map.of(), ""))).isTrue();
        assertThat(policy.isRetryable(failed(429, Map.of(), ""))).isTrue();
        assertThat(policy.isRetryable(new ConnectException("refused"))).isTrue();
        assertThat(policy.isRetryable(new IOException("reset"))).isTrue();
    }

    @Test
    void retriesA403OnlyWhenItIsARateLimit() {
        assertThat(policy.isRetryable(failed(403, Map.of("Retry-After", "30"), ""))).isTrue();
        assertThat(policy.isRetryable(failed(403, Map.of("x-ratelimit-remaining", "0"), ""))).isTrue();
        assertThat(policy.isRetryable(failed(403, Map.of(), "{\"message\":\"You have exceeded a secondary rate limit\"}"))).isTrue();
        assertThat(policy.isRetryable(failed(403, Map.of("x-ratelimit-remaining", "4999"), "{\"message\":\"Resource not accessible by integration\"}"))).isFalse();
    }

    @Test
    void neverRetriesOtherClientErrors() {
        for (int status : new int[] {400, 401, 404, 410, 422}) {
            assertThat(policy.isRetryable(failed(status, Map.of(), ""))).as("status %d", status).isFalse();
        }
        assertThat(policy.isRetryable(new IllegalStateException("bug"))).isFalse();
    }

    @Test
    void waitsForRetryAfterFirst() {
        assertThat(policy.waitAskedFor(failed(403, Map.of("retry-after", "7", "x-ratelimit-remaining", "0",
                "x-ratelimit-reset", Long.toString(NOW.getEpochSecond() + 100)), ""))).isEqualTo(Duration.ofSeconds(7));
    }

    @Test
    void waitsUntilTheResetWhenNoRequestsRemain() {
        assertThat(policy.waitAskedFor(failed(403, Map.of("X-RateLimit-Remaining", "0",
                "X-RateLimit-Reset", Long.toString(NOW.getEpochSecond() + 120)), ""))).isEqualTo(Duration.ofSeconds(120));
    }

    @Test
    void waitsAMinuteForASecondaryLimitThatNamesNoTime() {
        assertThat(policy.waitAskedFor(failed(429, Map.of(), ""))).isEqualTo(Duration.ofMinutes(1));
    }

    @Test
    void leavesServerErrorsToTheBackoffAndCapsAbsurdWaits() {
        assertThat(policy.waitAskedFor(failed(502, Map.of(), ""))).isNull();
        assertThat(policy.waitAskedFor(failed(429, Map.of("Retry-After", "86400"), ""))).isEqualTo(Duration.ofHours(1));
    }

    @Test
    void doublesTheBackoffFromTheFirstDelayUpToTheCap() {
        assertThat(policy.backoff(1)).isEqualTo(Duration.ofSeconds(1));
        assertThat(policy.backoff(2)).isEqualTo(Duration.ofSeconds(2));
        assertThat(policy.backoff(3)).isEqualTo(Duration.ofSeconds(4));
        assertThat(policy.backoff(4)).isEqualTo(Duration.ofSeconds(5));
        assertThat(policy.backoff(40)).isEqualTo(Duration.ofSeconds(5));
    }

    @Test
    void retriesUntilTheWriteWasSentOneTimeMoreThanMaxRetries() {
        assertThat(policy.shouldRetry(failed(502, Map.of(), ""), 3)).isTrue();
        assertThat(policy.shouldRetry(failed(502, Map.of(), ""), 4)).isFalse();
        assertThat(policy.shouldRetry(failed(422, Map.of(), ""), 1)).isFalse();
        assertThat(policy.shouldRetry(new java.net.ConnectException("refused"), 4)).isFalse();
        // an issue GitHub made without saying its number is never given up: the next try looks for it first
        assertThat(policy.shouldRetry(new UncertainWriteException("201 without a number"), 4)).isTrue();
    }
}
