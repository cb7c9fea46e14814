package io.github.sentrygithubbridge.github;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import io.github.sentrygithubbridge.ops.BridgeMetrics;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.http.base.HttpOperationFailedException;
import org.springframework.stereotype.Component;

/**
 * GitHub's rules for failed writes: which are worth retrying, and how long GitHub asked us to wait.
 * As a processor it runs when a write fails and, when GitHub named a wait, sets it as the next delay.
 */
@Component("gitHubRetryPolicy")
public class GitHubRetryPolicy implements Processor {

    /** Secondary limits without a Retry-After: GitHub asks for at least a minute. */
    static final Duration SECONDARY_LIMIT_WAIT = Duration.ofMinutes(1);
    /** Never sleep longer than this on a server's word. */
    static final Duration LONGEST_WAIT = Duration.ofHours(1);

    private final Clock clock;
    private final BridgeMetrics metrics;

    public GitHubRetryPolicy(Clock clock, BridgeMetrics metrics) {
        this.clock = clock;
        this.metrics = metrics;
    }

    /** Connection errors, 5xx, 429 and rate-limit 403 are worth another try; 401, 404, 422 and other 4xx are not. */
    public boolean isRetryable(Exception exception) {
        if (exception instanceof java.io.IOException) {
            return true;
        }
        if (!(exception instanceof HttpOperationFailedException failed)) {
            return false;
        }
        int status = failed.getStatusCode();
        return status >= 500 || status == 429 || (status == 403 && isRateLimit(failed));
    }

    @Override
    public void process(Exchange exchange) {
        HttpOperationFailedException failed = exchange.getException(HttpOperationFailedException.class);
        if (failed == null) {
            // no answer at all (connection refused, reset, timed out): GitHubActivity never saw one
            metrics.gitHubAnswered(exchange.getProperty("githubAction", String.class), "error", null);
            return;
        }
        Duration wait = waitAskedFor(failed);
        if (wait != null) {
            exchange.getIn().setHeader(Exchange.REDELIVERY_DELAY, wait.toMillis());
        }
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
