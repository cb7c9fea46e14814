package io.github.sentrygithubbridge.state;

import com.fasterxml.jackson.annotation.JsonIgnore;
import io.github.sentrygithubbridge.FailedRequests;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangeProperty;
import org.apache.camel.Header;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The writes the bridge gave up on, kept in the store until someone replays them: the owner of {@code dead_letter}.
 * A write moves there from {@link PendingWrites} (the owner of {@code pending_write}) and back, in one transaction.
 */
@Component("deadLetters")
public class DeadLetters {

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transaction;
    private final PendingWrites writes;
    private final Clock wallClock = Clock.systemUTC();

    public DeadLetters(JdbcTemplate jdbc, TransactionTemplate transaction, PendingWrites writes) {
        this.jdbc = jdbc;
        this.transaction = transaction;
        this.writes = writes;
    }

    /** The dead letter a failed write becomes, for the log, before it is kept. */
    public DeadLetter describe(@ExchangeProperty(Exchange.EXCEPTION_CAUGHT) Exception error,
                               @ExchangeProperty(PendingWrites.ATTEMPTS) Integer attempts,
                               @ExchangeProperty(PendingWrites.ACCEPTED_AT) Long acceptedAt,
                               @ExchangeProperty("githubAction") String action,
                               @ExchangeProperty("sentryIssueId") String sentryIssueId,
                               @ExchangeProperty("sentryIssueKey") String key) {
        return new DeadLetter(null, sentryIssueId, key, action, FailedRequests.describe(error), attempts == null ? 0 : attempts,
                acceptedAt == null ? null : Instant.ofEpochMilli(acceptedAt), wallClock.instant());
    }

    /** Moves the pending write to the dead letters. */
    public void keep(@ExchangeProperty(PendingWrites.ID) long id, @ExchangeProperty(Exchange.EXCEPTION_CAUGHT) Exception error) {
        StoreUnavailableException.guard(() -> {
            transaction.executeWithoutResult(status -> {
                PendingWrites.PendingWrite write = writes.take(id);
                if (write != null) {
                    jdbc.update("""
                            INSERT INTO dead_letter (sentry_issue_key, sentry_issue_id, action, request, accepted_at, attempts, error, failed_at)
                            VALUES (?, ?, ?, ?, ?, ?, ?, ?)""", write.key(), write.sentryIssueId(), write.action(), write.request(),
                            write.acceptedAt(), write.attempts(), FailedRequests.describe(error), wallClock.millis());
                }
            });
        });
    }

    /** All of them, oldest first. */
    public List<DeadLetter> list() {
        return StoreUnavailableException.guard(() -> {
            return jdbc.query("""
                    SELECT id, sentry_issue_id, sentry_issue_key, action, error, attempts, accepted_at, failed_at
                    FROM dead_letter ORDER BY id""",
                    (rs, i) -> new DeadLetter(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                            rs.getInt(6), Instant.ofEpochMilli(rs.getLong(7)), Instant.ofEpochMilli(rs.getLong(8))));
        });
    }

    /** How many dead letters went back out (the answer), and the Sentry issues whose creation did (they claim again). */
    public record Replayed(int replayed, @JsonIgnore List<String> creations) {
    }

    /**
     * Puts dead letters back in the write queue: all, or the one with {@code id}. If a replayed creation's issue
     * was filed meanwhile, the write lane finds it filed and opens nothing.
     */
    public Replayed replay(@Header("id") String id) {
        return StoreUnavailableException.guard(() -> {
            Long only = id == null || id.isBlank() ? null : parseId(id);
            return transaction.execute(status -> {
                String which = only == null ? "" : " WHERE id = " + only;
                List<PendingWrites.PendingWrite> letters = jdbc.query("""
                        SELECT id, sentry_issue_key, sentry_issue_id, action, request, accepted_at, attempts FROM dead_letter""" + which
                        + " ORDER BY id", (rs, i) -> new PendingWrites.PendingWrite(rs.getLong(1), rs.getString(2), rs.getString(3),
                        rs.getString(4), rs.getString(5), rs.getLong(6), rs.getInt(7)));
                letters.forEach(writes::requeue);
                List<String> creations = letters.stream().filter(letter -> WriteAction.CREATE.column().equals(letter.action()))
                        .map(PendingWrites.PendingWrite::key).distinct().toList();
                return new Replayed(jdbc.update("DELETE FROM dead_letter" + which), creations);
            });
        });
    }

    private static long parseId(String id) {
        try {
            return Long.parseLong(id.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("id must be a dead letter's number, not '" + id + "'");
        }
    }
}
