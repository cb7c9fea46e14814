package io.github.sentrygithubbridge.state;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangeProperty;
import org.apache.camel.Header;
import org.apache.camel.http.base.HttpOperationFailedException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/** The writes the bridge gave up on, kept in the store until someone replays them. */
@Component("deadLetters")
public class DeadLetters {

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transaction;
    private final Clock wallClock = Clock.systemUTC();

    public DeadLetters(JdbcTemplate jdbc, TransactionTemplate transaction) {
        this.jdbc = jdbc;
        this.transaction = transaction;
    }

    /** The dead letter a failed write becomes, for the log, before it is kept. */
    public DeadLetter describe(@ExchangeProperty(Exchange.EXCEPTION_CAUGHT) Exception error,
                               @ExchangeProperty(PendingWrites.ATTEMPTS) Integer attempts,
                               @ExchangeProperty(PendingWrites.ACCEPTED_AT) Long acceptedAt,
                               @ExchangeProperty("githubAction") String action,
                               @ExchangeProperty("sentryIssueId") String sentryIssueId,
                               @ExchangeProperty("sentryIssueKey") String key) {
        return new DeadLetter(null, sentryIssueId, key, action, errorText(error), attempts == null ? 0 : attempts,
                acceptedAt == null ? null : Instant.ofEpochMilli(acceptedAt), wallClock.instant());
    }

    /**
     * Moves the pending write to the dead letters. A creation gives its claim back, so that the Sentry
     * issue's next alert tries again.
     */
    public void keep(@ExchangeProperty(PendingWrites.ID) long id, @ExchangeProperty(Exchange.EXCEPTION_CAUGHT) Exception error) {
        StoreUnavailableException.guard(() -> {
            transaction.executeWithoutResult(status -> {
                jdbc.update("""
                        INSERT INTO dead_letter (sentry_issue_key, sentry_issue_id, action, request, accepted_at, attempts, error, failed_at)
                        SELECT sentry_issue_key, sentry_issue_id, action, request, accepted_at, attempts, ?, ?
                        FROM pending_write WHERE id = ?""", errorText(error), wallClock.millis(), id);
                jdbc.update("""
                        DELETE FROM sentry_issue WHERE state = 'pending'
                        AND sentry_issue_key = (SELECT sentry_issue_key FROM pending_write WHERE id = ? AND action = 'create')""", id);
                jdbc.update("DELETE FROM pending_write WHERE id = ?", id);
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

    /**
     * Puts dead letters back in the write queue: all, or the one with {@code id}. A creation claims its
     * Sentry issue again; if the issue was filed meanwhile, the write lane finds it filed and opens nothing.
     * Returns how many went back out.
     */
    public int replay(@Header("id") String id) {
        return StoreUnavailableException.guard(() -> {
            Long only = id == null || id.isBlank() ? null : parseId(id);
            return transaction.execute(status -> {
                String which = only == null ? "" : " WHERE id = " + only;
                jdbc.update("""
                        INSERT INTO sentry_issue (sentry_issue_key, state, last_update_at)
                        SELECT DISTINCT sentry_issue_key, 'pending', ? FROM dead_letter""" + (only == null ? " WHERE" : which + " AND")
                        + " action = 'create' ON CONFLICT (sentry_issue_key) DO NOTHING", wallClock.millis());
                jdbc.update("""
                        INSERT INTO pending_write (sentry_issue_key, sentry_issue_id, action, request, accepted_at)
                        SELECT sentry_issue_key, sentry_issue_id, action, request, accepted_at FROM dead_letter""" + which
                        + " ORDER BY id");
                return jdbc.update("DELETE FROM dead_letter" + which);
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

    static String errorText(Exception error) {
        if (error == null) {
            return "unknown error";
        }
        if (error instanceof HttpOperationFailedException failed) {
            String body = failed.getResponseBody();
            if (body != null && body.length() > 500) {
                body = body.substring(0, 500) + "…";
            }
            return "GitHub answered " + failed.getStatusCode() + " to " + failed.getUri() + (body == null || body.isBlank() ? "" : ": " + body);
        }
        return error.getClass().getSimpleName() + ": " + error.getMessage();
    }
}
