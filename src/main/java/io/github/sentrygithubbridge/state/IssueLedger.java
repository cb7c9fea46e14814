package io.github.sentrygithubbridge.state;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.sentrygithubbridge.sentry.SentryAlert;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.apache.camel.ExchangeProperty;
import org.springframework.stereotype.Component;

/**
 * What the bridge knows of each Sentry issue it filed: the GitHub issue number and the cooldown window.
 * Bounded and expiring like the claims; each update is atomic per Sentry issue.
 */
@Component("issueLedger")
public class IssueLedger {

    /** A GitHub issue for one Sentry issue; {@code number} is null until GitHub has answered. */
    record Entry(Integer number, Instant lastUpdate, long eventsSinceUpdate) {
    }

    /** A comment is due: {@code events} arrived since {@code since}, this one included. */
    public record CommentDue(long events, Instant since) {
    }

    private final Cache<String, Entry> entries;
    private final Duration cooldown;
    private final Clock clock;

    public IssueLedger(TrackingProperties tracking, Clock clock) {
        this.entries = Caffeine.newBuilder().maximumSize(tracking.maxIssues()).expireAfterAccess(tracking.ttl()).build();
        this.cooldown = tracking.cooldown();
        this.clock = clock;
    }

    /** A new issue is on its way: its cooldown starts now. */
    public void opened(@ExchangeProperty("sentryIssueKey") String key) {
        entries.put(key, new Entry(null, clock.instant(), 0));
    }

    /** GitHub answered with the issue's number. */
    public void filed(@ExchangeProperty("sentryIssueKey") String key, @ExchangeProperty("githubIssueNumber") int number) {
        entries.asMap().compute(key, (k, e) -> e == null
                ? new Entry(number, clock.instant(), 0)
                : new Entry(number, e.lastUpdate(), e.eventsSinceUpdate()));
    }

    /**
     * Counts one more event of a filed Sentry issue and says whether the cooldown is over, in which case a
     * comment is due and a new cooldown starts; otherwise returns null. An issue delivery carries no new
     * event (it announces the one already filed), so it is not counted.
     */
    public CommentDue repeat(@ExchangeProperty("sentryIssueKey") String key, @ExchangeProperty("sentryAlert") SentryAlert alert) {
        if (alert != null && alert.kind() == SentryAlert.Kind.ISSUE) {
            return null;
        }
        Instant now = clock.instant();
        CommentDue[] due = new CommentDue[1];
        entries.asMap().compute(key, (k, e) -> {
            if (e == null) {
                // forgotten (evicted) while its claim lives on: start counting afresh
                return new Entry(null, now, 1);
            }
            long events = e.eventsSinceUpdate() + 1;
            if (Duration.between(e.lastUpdate(), now).compareTo(cooldown) >= 0) {
                due[0] = new CommentDue(events, e.lastUpdate());
                return new Entry(e.number(), now, 0);
            }
            return new Entry(e.number(), e.lastUpdate(), events);
        });
        return due[0];
    }

    /** The GitHub issue number, or null when GitHub has not (yet) answered. */
    public Integer numberOf(@ExchangeProperty("sentryIssueKey") String key) {
        Entry e = entries.getIfPresent(key);
        return e == null ? null : e.number();
    }

    /** Drops what is known of a Sentry issue, so that its next alert opens an issue again. */
    public void forget(@ExchangeProperty("sentryIssueKey") String key) {
        entries.invalidate(key);
    }
}
