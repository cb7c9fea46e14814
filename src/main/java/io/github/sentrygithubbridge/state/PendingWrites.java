package io.github.sentrygithubbridge.state;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
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

/**
 * The durable queue of writes (to GitHub, or to Sentry's web API): opaque JSON with an action, kept per Sentry
 * issue. A write is added in the transaction that accepts its delivery and leaves only when it was done
 * ({@link #done}) or became a dead letter. The write lane leases one at a time, and a Sentry issue's writes in
 * the order they were accepted; a lease that runs out (its replica died) lets another replica take it over.
 */
@Component("pendingWrites")
public class PendingWrites {

    /** The exchange properties a leased write travels in. */
    public static final String ID = "pendingWriteId";
    /** The write's body as it was kept: JSON. */
    public static final String REQUEST = "pendingRequest";
    /** The write's sends, this one included (see {@link PendingWrite}). */
    public static final String ATTEMPTS = "pendingAttempts";
    public static final String ACCEPTED_AT = "pendingAcceptedAt";

    private static final Logger LOG = LoggerFactory.getLogger(PendingWrites.class);

    /**
     * A leased write; {@code attempts} counts its sends, this one included: the store counts a send when it leases the
     * write (a lease is taken only to send), so that after a crash a creation sent before is looked for on GitHub first.
     */
    public record PendingWrite(long id, String key, String sentryIssueId, String action, String request, long acceptedAt,
                               int attempts) {
    }

    private final JdbcTemplate jdbc;
    private final ObjectMapper json;
    private final StoreProperties store;
    private final StoreFile file;
    // leases and retry times are wall-clock times shared by the replicas; the test clock moves cooldowns only
    private final Clock wallClock = Clock.systemUTC();
    private final AtomicLong pausedUntil = new AtomicLong();

    public PendingWrites(JdbcTemplate jdbc, ObjectMapper json, StoreProperties store, StoreFile file) {
        this.jdbc = jdbc;
        this.file = file;
        this.json = json;
        this.store = store;
    }

    /** A write as the operator sees it; {@code attempts} counts the tries so far. */
    public record QueuedWrite(long id, String action, java.time.Instant acceptedAt, int attempts, java.time.Instant notBefore) {
    }

    /** Queues a write; called inside the transaction that accepts its delivery. */
    public void add(String key, String sentryIssueId, WriteAction action, Object request) {
        // a write kept in a file that is no longer the store would be lost at the next start
        file.check();
        jdbc.update("""
                INSERT INTO pending_write (sentry_issue_key, sentry_issue_id, action, request, accepted_at)
                VALUES (?, ?, ?, ?, ?)""", key, sentryIssueId, action.column(), toJson(request), wallClock.millis());
    }

    /**
     * Queues a look for duplicates of the key's issue among those created since {@code since}, due once GitHub has
     * surely finished a creation it answered late (three times the request timeout); none is queued while one waits.
     */
    public void checkDuplicatesLater(String key, String sentryIssueId, long since, long timeoutMillis) {
        StoreUnavailableException.guard(() -> queueCheck(key, sentryIssueId, since, wallClock.millis() + 3 * timeoutMillis));
    }

    /** Queues a look, due now, for each Sentry issue a read of GitHub found opened twice. */
    public void checkDuplicatesNow(List<String> keys) {
        StoreUnavailableException.guard(() -> keys.forEach(key -> queueCheck(key, null, 0, 0)));
    }

    private void queueCheck(String key, String sentryIssueId, long since, long notBefore) {
        // not a write to GitHub: no write of the key waits for it
        if (requestsFor(key, WriteAction.CHECK_DUPLICATES).isEmpty()) {
            jdbc.update("""
                    INSERT INTO pending_write (sentry_issue_key, sentry_issue_id, action, request, accepted_at, not_before)
                    VALUES (?, ?, ?, ?, ?, ?)""", key, sentryIssueId, WriteAction.CHECK_DUPLICATES.column(), toJson(new DuplicateCheck(since)),
                    wallClock.millis(), notBefore);
        }
    }

    /** The bodies (JSON) of one Sentry issue's writes of this action not yet done, oldest first. */
    public List<String> requestsFor(String key, WriteAction action) {
        return jdbc.queryForList("SELECT request FROM pending_write WHERE sentry_issue_key = ? AND action = ? ORDER BY id", String.class,
                key, action.column());
    }

    /** The writes of one Sentry issue not yet done, oldest first. */
    public List<QueuedWrite> listFor(String key) {
        return jdbc.query("SELECT id, action, accepted_at, attempts, not_before FROM pending_write WHERE sentry_issue_key = ? ORDER BY id",
                (rs, i) -> new QueuedWrite(rs.getLong(1), rs.getString(2), java.time.Instant.ofEpochMilli(rs.getLong(3)),
                        rs.getInt(4), rs.getLong(5) == 0 ? null : java.time.Instant.ofEpochMilli(rs.getLong(5))), key);
    }

    /**
     * Leases the oldest write that is due and not leased by a live replica, or returns null. Creations wait
     * while {@code creationsAllowed} is false (the issues already on GitHub are not read yet).
     */
    public PendingWrite lease(boolean creationsAllowed) {
        return StoreUnavailableException.guard(() -> {
            long now = wallClock.millis();
            if (now < pausedUntil.get()) {
                return null;
            }
            // a replica that lost the race for a write tries the next one at once rather than a poll later
            for (int tries = 0; tries < 3; tries++) {
                PendingWrite leased = leaseOne(now, creationsAllowed);
                if (leased != null) {
                    return leased;
                }
            }
            return null;
        });
    }

    private PendingWrite leaseOne(long now, boolean creationsAllowed) {
        // the outer condition is checked again on the locked row: of two replicas racing, one gets it; a
        // write waits while an earlier one of its Sentry issue is kept (leased, retrying or not yet due)
        List<PendingWrite> leased = jdbc.query("""
                UPDATE pending_write SET lease_owner = ?, lease_until = ?, attempts = attempts + 1
                WHERE id = (SELECT w.id FROM pending_write w
                            WHERE w.lease_until <= ? AND w.not_before <= ? AND (? = 1 OR w.action <> 'create')
                              AND NOT EXISTS (SELECT 1 FROM pending_write e
                                              WHERE e.sentry_issue_key = w.sentry_issue_key AND e.id < w.id
                                                AND e.action <> 'check-duplicates')
                            ORDER BY w.id LIMIT 1)
                  AND lease_until <= ?
                RETURNING id, sentry_issue_key, sentry_issue_id, action, request, accepted_at, attempts""",
                (rs, i) -> new PendingWrite(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getString(5), rs.getLong(6), rs.getInt(7)),
                store.replicaId(), now + store.lease().toMillis(), now, now, creationsAllowed ? 1 : 0, now);
        return leased.isEmpty() ? null : leased.get(0);
    }

    /** Takes a write out of the queue (to become a dead letter); null when it is gone already. */
    PendingWrite take(long id) {
        List<PendingWrite> taken = jdbc.query("""
                SELECT id, sentry_issue_key, sentry_issue_id, action, request, accepted_at, attempts FROM pending_write WHERE id = ?""",
                (rs, i) -> new PendingWrite(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                        rs.getLong(6), rs.getInt(7)), id);
        jdbc.update("DELETE FROM pending_write WHERE id = ?", id);
        return taken.isEmpty() ? null : taken.get(0);
    }

    /** Queues a dead letter again, as it was accepted, behind the writes queued now. */
    void requeue(PendingWrite letter) {
        jdbc.update("""
                INSERT INTO pending_write (sentry_issue_key, sentry_issue_id, action, request, accepted_at)
                VALUES (?, ?, ?, ?, ?)""", letter.key(), letter.sentryIssueId(), letter.action(), letter.request(), letter.acceptedAt());
    }

    /** Puts a leased write on the exchange the way the write routes read it. */
    public void unpack(Exchange exchange) {
        PendingWrite write = exchange.getMessage().getBody(PendingWrite.class);
        exchange.setProperty(ID, write.id());
        exchange.setProperty(ATTEMPTS, write.attempts());
        exchange.setProperty(ACCEPTED_AT, write.acceptedAt());
        exchange.setProperty("sentryIssueKey", write.key());
        exchange.setProperty("sentryIssueId", write.sentryIssueId());
        exchange.setProperty("githubAction", write.action());
        exchange.setProperty(REQUEST, write.request());
        exchange.getMessage().setBody(null);
    }

    /** The hidden line that ties a comment on GitHub to the kept write it came from. */
    public static String writeMarker(long id) {
        return "<!-- sentry-github-bridge-write: " + id + " -->";
    }

    /** The write was done (or a dry run wrote it, or it was found done already, or it is moot): it leaves the queue. */
    public void done(@ExchangeProperty(ID) long id) {
        StoreUnavailableException.guard(() -> {
            jdbc.update("DELETE FROM pending_write WHERE id = ?", id);
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

    /** Writes accepted and not yet confirmed (a later look for duplicates is none). */
    public long count() {
        return StoreUnavailableException.guard(() -> {
            Long count = jdbc.queryForObject("SELECT COUNT(*) FROM pending_write WHERE action <> 'check-duplicates'", Long.class);
            return count == null ? 0 : count;
        });
    }

    private String toJson(Object request) {
        try {
            return json.writeValueAsString(request);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot keep the write as JSON", e);
        }
    }

}
