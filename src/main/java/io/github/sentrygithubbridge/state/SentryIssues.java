package io.github.sentrygithubbridge.state;

import io.github.sentrygithubbridge.github.GitHubRequests;
import io.github.sentrygithubbridge.sentry.SentryAlert;
import jakarta.annotation.PreDestroy;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.camel.ExchangeProperty;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * One GitHub issue per Sentry issue, kept in the store: the claim, the GitHub issue number and the cooldown.
 * Each decision and the write it queues commit together, before Sentry is answered.
 */
@Component("sentryIssues")
public class SentryIssues {

    /** What became of an alert: a new issue, an update comment, or only counted. */
    public static final String NEW = "new";
    public static final String COMMENT = "comment";
    public static final String REPEAT = "repeat";

    private static final Logger LOG = LoggerFactory.getLogger(SentryIssues.class);

    private record Tracked(String state, long lastUpdateAt, long eventsSinceUpdate) {
    }

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transaction;
    private final PendingWrites writes;
    private final GitHubRequests requests;
    private final TrackingProperties tracking;
    private final Clock clock;
    private final ConcurrentHashMap<String, Long> unflushedRepeats = new ConcurrentHashMap<>();

    public SentryIssues(JdbcTemplate jdbc, TransactionTemplate transaction, PendingWrites writes, GitHubRequests requests,
                        TrackingProperties tracking, Clock clock) {
        this.jdbc = jdbc;
        this.transaction = transaction;
        this.writes = writes;
        this.requests = requests;
        this.tracking = tracking;
        this.clock = clock;
    }

    /**
     * Takes an alert: the first of a Sentry issue claims it (the primary key makes that atomic across
     * replicas) and queues a new issue; a later one is counted, and the first after the cooldown queues one
     * comment. Returns {@link #NEW}, {@link #COMMENT} or {@link #REPEAT}.
     */
    public String accept(@ExchangeProperty("sentryAlert") SentryAlert alert) {
        return StoreUnavailableException.guard(() -> decide(alert));
    }

    private String decide(SentryAlert alert) {
        long now = clock.millis();
        // a repeat inside the cooldown changes nothing but a count: read, count in memory, no write to sync
        List<Tracked> known = jdbc.query(
                "SELECT state, last_update_at, events_since_update FROM sentry_issue WHERE sentry_issue_key = ?",
                (rs, i) -> new Tracked(rs.getString(1), rs.getLong(2), rs.getLong(3)), alert.key());
        if (!known.isEmpty() && !commentDue(known.get(0), now)) {
            if (alert.kind() != SentryAlert.Kind.ISSUE) {
                unflushedRepeats.merge(alert.key(), 1L, Long::sum);
            }
            return REPEAT;
        }
        return transaction.execute(status -> {
            // a claim given back (a dead-lettered creation) between our two statements: claim again
            for (int tries = 0; tries < 3; tries++) {
                if (claim(alert.key(), now)) {
                    writes.add(alert, PendingWrites.CREATE, requests.newIssue(alert));
                    return NEW;
                }
                // an issue delivery carries no new event: it announces the one already filed
                if (alert.kind() == SentryAlert.Kind.ISSUE) {
                    return REPEAT;
                }
                // the update locks the row: a concurrent repeat on another replica waits, then sees the new cooldown
                List<Tracked> tracked = jdbc.query("""
                        UPDATE sentry_issue SET events_since_update = events_since_update + 1
                        WHERE sentry_issue_key = ?
                        RETURNING state, last_update_at, events_since_update""",
                        (rs, i) -> new Tracked(rs.getString(1), rs.getLong(2), rs.getLong(3)), alert.key());
                if (tracked.isEmpty()) {
                    continue;
                }
                Tracked t = tracked.get(0);
                if (commentDue(t, now)) {
                    jdbc.update("UPDATE sentry_issue SET last_update_at = ?, events_since_update = 0 WHERE sentry_issue_key = ?",
                            now, alert.key());
                    Long counted = unflushedRepeats.remove(alert.key());
                    long events = t.eventsSinceUpdate() + (counted == null ? 0 : counted);
                    writes.add(alert, PendingWrites.COMMENT, requests.comment(alert, events, Instant.ofEpochMilli(t.lastUpdateAt())));
                    return COMMENT;
                }
                return REPEAT;
            }
            throw new IllegalStateException("Sentry issue " + alert.key() + " kept changing while it was being claimed");
        });
    }

    private boolean commentDue(Tracked t, long now) {
        return t.state().equals("filed") && now - t.lastUpdateAt() >= tracking.cooldown().toMillis();
    }

    /**
     * Adds the repeats counted in memory to the store (each second, and at a stop), where the next comment of
     * any replica reads them. A crash loses at most a second of counts, never an alert.
     */
    @PreDestroy
    public int flushRepeatCounts() {
        int flushed = 0;
        for (String key : unflushedRepeats.keySet()) {
            Long count = unflushedRepeats.remove(key);
            if (count == null) {
                continue;
            }
            try {
                jdbc.update("UPDATE sentry_issue SET events_since_update = events_since_update + ? WHERE sentry_issue_key = ?", count, key);
                flushed++;
            } catch (DataAccessException e) {
                unflushedRepeats.merge(key, count, Long::sum);
                LOG.warn("Could not add the repeat counts to the store ({}); trying again", StorageHealth.rootMessage(e));
                break;
            }
        }
        return flushed;
    }

    /** Whether the Sentry issue already has its GitHub issue (or its dry-run file). */
    public boolean isFiled(@ExchangeProperty("sentryIssueKey") String key) {
        return StoreUnavailableException.guard(() -> {
            return !jdbc.queryForList("SELECT 1 FROM sentry_issue WHERE sentry_issue_key = ? AND state = 'filed'", key).isEmpty();
        });
    }

    /** The GitHub issue number, or null when there is none (yet). */
    public Long numberOf(@ExchangeProperty("sentryIssueKey") String key) {
        return StoreUnavailableException.guard(() -> {
            List<Long> numbers = jdbc.query("SELECT github_issue_number FROM sentry_issue WHERE sentry_issue_key = ?",
                    (rs, i) -> rs.getObject(1) == null ? null : rs.getLong(1), key);
            return numbers.isEmpty() ? null : numbers.get(0);
        });
    }

    /**
     * Records an issue found on GitHub with the bridge's marker. A Sentry issue the store does not know, or
     * knows only as claimed, is filed under it; one already filed keeps its number.
     */
    public void found(String key, long number, Instant updatedAt) {
        StoreUnavailableException.guard(() -> {
            jdbc.update("""
                    INSERT INTO sentry_issue (sentry_issue_key, state, github_issue_number, last_update_at)
                    VALUES (?, 'filed', ?, ?)
                    ON CONFLICT (sentry_issue_key) DO UPDATE SET state = 'filed', github_issue_number = excluded.github_issue_number
                    WHERE sentry_issue.state = 'pending'""", key, number, updatedAt.toEpochMilli());
        });
    }

    private boolean claim(String key, long now) {
        return jdbc.update("""
                INSERT INTO sentry_issue (sentry_issue_key, state, last_update_at) VALUES (?, 'pending', ?)
                ON CONFLICT (sentry_issue_key) DO NOTHING""", key, now) == 1;
    }
}
