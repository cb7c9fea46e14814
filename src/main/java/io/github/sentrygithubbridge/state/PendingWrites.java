package io.github.sentrygithubbridge.state;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.sentrygithubbridge.github.CommentDraft;
import io.github.sentrygithubbridge.github.IssueDraft;
import io.github.sentrygithubbridge.sentry.SentryAlert;
import jakarta.annotation.PostConstruct;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangeProperty;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The durable queue of GitHub writes. A write is added in the transaction that accepts its alert and
 * leaves only when GitHub confirmed it ({@link #done}) or it became a dead letter. The write lane leases
 * one at a time; a lease that runs out (its replica died) lets another replica take the write over.
 */
@Component("pendingWrites")
public class PendingWrites {

    public static final String CREATE = "create";
    public static final String COMMENT = "comment";

    /** The exchange properties a leased write travels in. */
    public static final String ID = "pendingWriteId";
    public static final String ATTEMPTS = "pendingAttempts";
    public static final String ACCEPTED_AT = "pendingAcceptedAt";

    private static final Logger LOG = LoggerFactory.getLogger(PendingWrites.class);

    /** A leased write; {@code attempts} counts the tries before this one. */
    public record PendingWrite(long id, String key, String sentryIssueId, String action, String request, long acceptedAt,
                               int attempts) {
    }

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transaction;
    private final ObjectMapper json;
    private final StoreProperties store;
    // leases and retry times are wall-clock times shared by the replicas; the test clock moves cooldowns only
    private final Clock wallClock = Clock.systemUTC();
    private final AtomicLong pausedUntil = new AtomicLong();

    public PendingWrites(JdbcTemplate jdbc, TransactionTemplate transaction, ObjectMapper json, StoreProperties store) {
        this.jdbc = jdbc;
        this.transaction = transaction;
        this.json = json;
        this.store = store;
    }

    /** Queues a write; called inside the transaction that accepts the alert. */
    void add(SentryAlert alert, String action, Object request) {
        jdbc.update("""
                INSERT INTO pending_write (sentry_issue_key, sentry_issue_id, action, request, accepted_at)
                VALUES (?, ?, ?, ?, ?)""", alert.key(), alert.sentryIssueId(), action, toJson(request), wallClock.millis());
    }

    /**
     * Leases the oldest write that is due and not leased by a live replica, or returns null. Creations wait
     * while {@code creationsAllowed} is false (the issues already on GitHub are not read yet).
     */
    public PendingWrite lease(@ExchangeProperty("creationsAllowed") boolean creationsAllowed) {
        return StoreUnavailableException.guard(() -> {
            long now = wallClock.millis();
            if (now < pausedUntil.get()) {
                return null;
            }
            // the outer condition is checked again on the locked row: of two replicas racing, one gets it
            List<PendingWrite> leased = jdbc.query("""
                    UPDATE pending_write SET lease_owner = ?, lease_until = ?, attempts = attempts + 1
                    WHERE id = (SELECT id FROM pending_write
                                WHERE lease_until <= ? AND not_before <= ? AND (? = 1 OR action <> 'create')
                                ORDER BY id LIMIT 1)
                      AND lease_until <= ?
                    RETURNING id, sentry_issue_key, sentry_issue_id, action, request, accepted_at, attempts""",
                    (rs, i) -> new PendingWrite(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
                            rs.getString(5), rs.getLong(6), rs.getInt(7) - 1),
                    store.replicaId(), now + store.lease().toMillis(), now, now, creationsAllowed ? 1 : 0, now);
            return leased.isEmpty() ? null : leased.get(0);
        });
    }

    /** Puts a leased write on the exchange the way the GitHub routes read it. */
    public void unpack(Exchange exchange) {
        PendingWrite write = exchange.getMessage().getBody(PendingWrite.class);
        exchange.setProperty(ID, write.id());
        exchange.setProperty(ATTEMPTS, write.attempts());
        exchange.setProperty(ACCEPTED_AT, write.acceptedAt());
        exchange.setProperty("sentryIssueKey", write.key());
        exchange.setProperty("sentryIssueId", write.sentryIssueId());
        exchange.setProperty("githubAction", write.action());
        Object request = fromJson(write.request(), write.action().equals(CREATE) ? IssueDraft.class : (Class<?>) CommentDraft.class);
        if (request instanceof CommentDraft comment) {
            // a comment carries its write's id, so that one sent before a crash is recognised on GitHub
            request = new CommentDraft(comment.body() + "\n" + writeMarker(write.id()));
        }
        exchange.setProperty("githubRequest", request);
        exchange.getMessage().setBody(null);
    }

    /** The hidden line that ties a comment on GitHub to the kept write it came from. */
    public static String writeMarker(long id) {
        return "<!-- sentry-github-bridge-write: " + id + " -->";
    }

    /**
     * Counts this send on the exchange. The store counted it already, when the write was leased: a lease is
     * taken only to send, so that after a crash a creation with attempts is looked for on GitHub first.
     */
    public void attempt(Exchange exchange) {
        exchange.setProperty(ATTEMPTS, exchange.getProperty(ATTEMPTS, 0, Integer.class) + 1);
    }

    /**
     * GitHub confirmed the write (or a dry run wrote it, or GitHub already had the issue): it leaves the
     * queue, and a creation files its Sentry issue under the GitHub issue number, in one transaction.
     */
    public void done(@ExchangeProperty(ID) long id, @ExchangeProperty("githubAction") String action,
                     @ExchangeProperty("sentryIssueKey") String key, @ExchangeProperty("githubIssueNumber") Long number) {
        StoreUnavailableException.guard(() -> {
            transaction.executeWithoutResult(status -> {
                if (CREATE.equals(action)) {
                    jdbc.update("""
                            UPDATE sentry_issue SET state = 'filed', github_issue_number = COALESCE(github_issue_number, ?)
                            WHERE sentry_issue_key = ?""", number, key);
                }
                jdbc.update("DELETE FROM pending_write WHERE id = ?", id);
            });
        });
    }

    /** Gives the write back to the queue, due again after {@code delay}; a wait GitHub asked for holds the whole lane. */
    public void retryLater(long id, Duration delay, boolean laneWide) {
        StoreUnavailableException.guard(() -> {
            long due = wallClock.millis() + delay.toMillis();
            jdbc.update("UPDATE pending_write SET not_before = ?, lease_owner = NULL, lease_until = 0 WHERE id = ?", due, id);
            if (laneWide) {
                pausedUntil.accumulateAndGet(due, Math::max);
            }
        });
    }

    /** At startup: the writes this replica leased before it stopped are free again at once. */
    @PostConstruct
    public int releaseOwnLeases() {
        int released = jdbc.update("UPDATE pending_write SET lease_owner = NULL, lease_until = 0 WHERE lease_owner = ?",
                store.replicaId());
        if (released > 0) {
            LOG.warn("Took back {} GitHub write(s) this replica ({}) had in hand when it stopped", released, store.replicaId());
        }
        return released;
    }

    /** Writes accepted and not yet confirmed by GitHub. */
    public long count() {
        return StoreUnavailableException.guard(() -> {
            Long count = jdbc.queryForObject("SELECT COUNT(*) FROM pending_write", Long.class);
            return count == null ? 0 : count;
        });
    }

    String toJson(Object request) {
        try {
            return json.writeValueAsString(request);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot keep the GitHub request as JSON", e);
        }
    }

    private Object fromJson(String request, Class<?> type) {
        try {
            return json.readValue(request, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a kept GitHub request is not readable: " + e.getOriginalMessage(), e);
        }
    }
}
