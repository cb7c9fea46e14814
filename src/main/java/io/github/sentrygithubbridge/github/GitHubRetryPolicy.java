package io.github.sentrygithubbridge.github;

import io.github.sentrygithubbridge.ops.BridgeMetrics;
import io.github.sentrygithubbridge.state.PendingWrites;
import io.github.sentrygithubbridge.state.StoreProperties;
import io.github.sentrygithubbridge.state.WriteAction;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangeProperty;
import org.apache.camel.http.base.HttpOperationFailedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * GitHub's rules for failed writes: which are worth retrying, and when. The write goes back to the store,
 * due again after a doubling backoff, or as long as GitHub asked (then the whole lane waits).
 */
@Component("gitHubRetryPolicy")
public class GitHubRetryPolicy {

    /** Secondary limits without a Retry-After: GitHub asks for at least a minute. */
    static final Duration SECONDARY_LIMIT_WAIT = Duration.ofMinutes(1);
    /** Never sleep longer than this on a server's word. */
    static final Duration LONGEST_WAIT = Duration.ofHours(1);

    private static final Logger LOG = LoggerFactory.getLogger(GitHubRetryPolicy.class);

    private final Clock clock;
    private final BridgeMetrics metrics;
    private final PendingWrites writes;
    private final GitHubProperties github;
    private final StoreProperties store;

    public GitHubRetryPolicy(Clock clock, BridgeMetrics metrics, PendingWrites writes, GitHubProperties github, StoreProperties store) {
        this.store = store;
        this.clock = clock;
        this.metrics = metrics;
        this.writes = writes;
        this.github = github;
    }

    /** A GitHub App's installation token may be revoked or expire early: its 401 is tried again with a new one. */
    private boolean renewableToken() {
        return github.app() != null && github.app().configured();
    }

    /**
     * Whether a failed write goes back to the store: retryable and not yet sent more than max-retries + 1 times
     * ({@code attempts} counts the sends, the failed one included). A write GitHub did but answered without what the
     * bridge needs (a 201 without a number) always goes back: given up, its Sentry issue would be opened again; its
     * next try looks for it on GitHub first.
     */
    public boolean shouldRetry(Exception exception, Integer attempts) {
        return exception instanceof UncertainWriteException
                || isRetryable(exception) && (attempts == null || attempts <= github.maxRetries());
    }

    /**
     * Whether Camel's redelivery sends the write again now, after its short delay: a moment's failure (a connection
     * error, a 5xx) of anything but a creation, fewer than the configured times, and only while the lease on the write
     * outlasts the wait and one more request (else another replica could take the write over and send it too). A
     * creation may have been made by a request that failed, so it goes back to the store and GitHub is looked at
     * before it is sent again; rate limits go back to the store too, where the whole lane waits as long as GitHub
     * asked (up to an hour), not a thread. {@code failures} is Camel's redelivery counter as its retryWhile sees it
     * (the failed sends so far, this one included); {@code leasedAt} when the lane took the write (wall clock).
     */
    public boolean redeliverNow(Exception exception, String action, Integer failures, long leasedAt) {
        int failed = failures == null ? 1 : failures;
        if (WriteAction.of(action) == WriteAction.CREATE || failed > github.redelivery().times()) {
            return false;
        }
        Duration wait = github.redelivery().delay().multipliedBy(1L << Math.min(failed - 1, 20));
        Duration held = Duration.ofMillis(System.currentTimeMillis() - leasedAt);
        if (held.plus(wait).plus(github.timeout()).compareTo(store.lease()) >= 0) {
            return false;
        }
        return exception instanceof java.io.IOException
                || (exception instanceof HttpOperationFailedException http && http.getStatusCode() >= 500);
    }

    /**
     * Connection errors, 5xx, 429 and rate-limit 403 are worth another try, and a GitHub App's 401 (with a new token);
     * a token's 401, 404, 422 and other 4xx are not.
     */
    public boolean isRetryable(Exception exception) {
        if (exception instanceof java.io.IOException) {
            return true;
        }
        if (!(exception instanceof HttpOperationFailedException failed)) {
            return false;
        }
        int status = failed.getStatusCode();
        return status >= 500 || status == 429 || (status == 403 && isRateLimit(failed)) || (status == 401 && renewableToken());
    }

    /** Gives the failed write back to the store, due again when GitHub asked, else after a doubling backoff. */
    public void retryLater(@ExchangeProperty(Exchange.EXCEPTION_CAUGHT) Exception error, @ExchangeProperty("githubAction") String action,
                           @ExchangeProperty(PendingWrites.ID) long writeId, @ExchangeProperty(PendingWrites.ATTEMPTS) Integer sends,
                           @ExchangeProperty("sentryIssueKey") String key) {
        HttpOperationFailedException failed = error instanceof HttpOperationFailedException http ? http : null;
        if (failed == null && !(error instanceof UncertainWriteException)) {
            // no answer at all (connection refused, reset, timed out): GitHubActivity never saw one
            if (WriteAction.of(action) == WriteAction.SENTRY_STATUS) {
                metrics.sentryAnswered("error");
            } else {
                metrics.gitHubAnswered(action, "error", null);
            }
        }
        int attempts = sends == null ? 0 : sends;
        Duration asked = failed == null ? null : waitAskedFor(failed);
        Duration delay = asked != null ? asked : backoff(attempts);
        writes.retryLater(writeId, delay, asked != null);
        LOG.warn("GitHub {} for Sentry issue {} failed ({}); sent {} time(s), trying again in {} s", action, key,
                error == null ? "unknown" : error.getMessage(), attempts, delay.toMillis() / 1000.0);
    }

    /** The first retry delay, doubled for each send after the first, up to the cap. */
    Duration backoff(int attempts) {
        Duration delay = github.firstRetryDelay();
        for (int i = 1; i < attempts && delay.compareTo(github.maxRetryDelay()) < 0; i++) {
            delay = delay.multipliedBy(2);
        }
        return delay.compareTo(github.maxRetryDelay()) > 0 ? github.maxRetryDelay() : delay;
    }

    /** The wait GitHub asked for: Retry-After, else until x-ratelimit-reset when none remain, else null. */
    Duration waitAskedFor(HttpOperationFailedException failed) {
        Map<String, String> headers = caseInsensitive(failed.getResponseHeaders());
        Duration wait = null;
        Long retryAfter = number(headers.get("retry-after"));
        Long reset = number(headers.get("x-ratelimit-reset"));
        if (retryAfter != null) {
            wait = Duration.ofSeconds(Math.max(0, retryAfter));
        } else if ("0".equals(trim(headers.get("x-ratelimit-remaining"))) && reset != null) {
            wait = Duration.ofSeconds(Math.max(1, reset - clock.instant().getEpochSecond()));
        } else if (failed.getStatusCode() == 429 || failed.getStatusCode() == 403) {
            wait = SECONDARY_LIMIT_WAIT;
        }
        return wait == null ? null : (wait.compareTo(LONGEST_WAIT) > 0 ? LONGEST_WAIT : wait);
    }

    private static boolean isRateLimit(HttpOperationFailedException failed) {
        Map<String, String> headers = caseInsensitive(failed.getResponseHeaders());
        String body = failed.getResponseBody();
        return headers.containsKey("retry-after")
                || "0".equals(trim(headers.get("x-ratelimit-remaining")))
                || (body != null && body.toLowerCase(java.util.Locale.ROOT).contains("rate limit"));
    }

    private static Map<String, String> caseInsensitive(Map<String, String> headers) {
        Map<String, String> map = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        if (headers != null) {
            map.putAll(headers);
        }
        return map;
    }

    private static Long number(String value) {
        try {
            return value == null ? null : Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static String trim(String value) {
        return value == null ? null : value.trim();
    }
}
