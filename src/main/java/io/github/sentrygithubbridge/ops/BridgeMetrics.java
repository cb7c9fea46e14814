package io.github.sentrygithubbridge.ops;

import io.github.sentrygithubbridge.state.PendingWrites;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.stereotype.Component;

/**
 * The bridge's own Prometheus families (bridge_*). Label values are kept to known sets, so a forged
 * delivery cannot grow the number of series.
 */
@Component("bridgeMetrics")
public class BridgeMetrics {

    static final Set<String> RESOURCES = Set.of("event_alert", "error", "issue", "metric_alert", "installation",
            "comment", "seer", "uptime", "preprod_artifact");
    static final Set<String> EXTENSION_POINTS = Set.of("choose-github-target", "on-github-issue-opened");
    static final Set<String> OUTCOMES = Set.of("accepted", "ignored", "duplicate", "rejected", "invalid", "unavailable");
    static final Set<String> OPERATIONS = Set.of("create", "comment", "close", "reopen", "label");
    static final Set<String> ISSUE_ACTIONS = Set.of("opened", "commented", "closed", "reopened", "dry-run");

    private final MeterRegistry registry;
    private final PendingWrites writes;
    private final Timer ack;
    private final AtomicLong rateLimitRemaining = new AtomicLong(-1);
    private final Counter deadLetters;
    // looked up once per label set: a registry lookup per delivery showed in the storm profile
    private final Map<String, Counter> counters = new ConcurrentHashMap<>();

    public BridgeMetrics(MeterRegistry registry, PendingWrites writes) {
        this.registry = registry;
        this.writes = writes;
        this.ack = Timer.builder("bridge.webhook.ack").description("Time from a delivery's arrival to the answer to Sentry")
                .register(registry);
        Gauge.builder("bridge.pending.alerts", this, BridgeMetrics::pending)
                .description("GitHub writes kept and not yet confirmed by GitHub").register(registry);
        Gauge.builder("bridge.github.ratelimit.remaining", rateLimitRemaining, AtomicLong::get)
                .description("x-ratelimit-remaining of GitHub's last answer; -1 until one came").register(registry);
        // registered at zero, so that alert rules see a series from the start rather than none
        deadLetters = Counter.builder("bridge.dead.letters").description("GitHub writes given up on").register(registry);
        ISSUE_ACTIONS.forEach(this::issues);
        sentryRequests("200");
        OUTCOMES.forEach(outcome -> webhooks("event_alert", outcome));
        EXTENSION_POINTS.forEach(this::extensionFailures);
    }

    /** Counts a GitHub write the bridge gave up on. */
    public void deadLetter() {
        deadLetters.increment();
    }

    /** Counts an issue opened, a comment added, or either written in a dry run. */
    public void issueWritten(String action) {
        issues(action).increment();
    }

    /** Counts a configured secret kept from leaving for GitHub (a label, an assignee, a title, a body), by its variable. */
    public void secretRefused(String variable) {
        counters.computeIfAbsent("secrets|" + variable, k -> Counter.builder("bridge.secrets.refused")
                .description("Configured secrets kept out of what the bridge sends to GitHub").tag("secret", variable)
                .register(registry)).increment();
    }

    /** Counts a failure of an engineer's route at an extension point (choose-github-target, on-github-issue-opened). */
    public void extensionFailed(String route) {
        extensionFailures(route).increment();
    }

    private Counter extensionFailures(String route) {
        return Counter.builder("bridge.extension.failures").description("Failures of the engineer's routes at the extension points")
                .tag("route", route).register(registry);
    }

    /** Counts an issue closed or reopened, by the state GitHub was asked for. */
    public void issueStateChanged(String state) {
        issues("open".equals(state) ? "reopened" : "closed").increment();
    }

    /** Counts one request to Sentry's web API by its answer ("error" when none came). */
    public void sentryAnswered(String status) {
        sentryRequests(status).increment();
    }

    private Counter sentryRequests(String status) {
        return counters.computeIfAbsent("sentry|" + status, k -> Counter.builder("bridge.sentry.requests")
                .description("Requests to Sentry's web API (GitHub -> Sentry) by status").tag("status", status)
                .register(registry));
    }

    /**
     * Counts one answer to Sentry, and how long it took since the delivery arrived (epoch milliseconds): the reply route
     * passes its exchange's (web/SentryAnswers), the body filter the time it began to read a body it refuses.
     */
    public void webhookAnswered(String resource, String outcome, long receivedAt) {
        webhooks(resource == null ? "none" : RESOURCES.contains(resource) ? resource : "other",
                outcome != null && OUTCOMES.contains(outcome) ? outcome : "error").increment();
        ack.record(Duration.ofMillis(Math.max(0, System.currentTimeMillis() - receivedAt)));
    }

    /** Counts one GitHub request by what it was for and how GitHub answered ("error" when it did not). */
    public void gitHubAnswered(String operation, String status, String rateLimitRemainingHeader) {
        String op = operation != null && OPERATIONS.contains(operation) ? operation : "other";
        counters.computeIfAbsent("github|" + op + "|" + status, k -> Counter.builder("bridge.github.requests")
                .description("GitHub REST requests by operation and status").tag("operation", op).tag("status", status)
                .register(registry)).increment();
        if (rateLimitRemainingHeader != null) {
            try {
                rateLimitRemaining.set(Long.parseLong(rateLimitRemainingHeader.trim()));
            } catch (NumberFormatException ignored) {
                // a malformed header says nothing about the budget
            }
        }
    }

    private Counter webhooks(String resource, String outcome) {
        return counters.computeIfAbsent("webhooks|" + resource + "|" + outcome, k -> Counter.builder("bridge.webhooks")
                .description("Sentry deliveries by resource and outcome").tag("resource", resource).tag("outcome", outcome)
                .register(registry));
    }

    private Counter issues(String action) {
        String known = ISSUE_ACTIONS.contains(action) ? action : "other";
        return counters.computeIfAbsent("issues|" + known, k -> Counter.builder("bridge.issues")
                .description("GitHub issues opened, commented on, closed and reopened").tag("action", known).register(registry));
    }

    private double pending() {
        return writes.count();
    }
}
