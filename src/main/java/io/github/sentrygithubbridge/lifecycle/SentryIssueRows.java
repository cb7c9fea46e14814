package io.github.sentrygithubbridge.lifecycle;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The SQL of the {@code sentry_issue} table, one statement per method named for what it does to a row. It decides
 * nothing (that is {@link IssueStateMachine}'s) and remembers nothing (that is {@link SentryIssueLifecycle}'s, which
 * calls every change through here). A change guarded by {@code version} happens only on the row as it was decided on;
 * each returns the rows it changed. Both vendors take the same statements.
 */
@Component
public class SentryIssueRows {

    private static final String COLUMNS = """
            sentry_issue_key, state, github_issue_number, previous_issue_number, closed_by, closed_at, bridge_change,
            last_update_at, events_since_update, last_alert_at, version, github_repository""";

    private final JdbcTemplate jdbc;

    public SentryIssueRows(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    IssueRow row(String key) {
        List<IssueRow> rows = jdbc.query("SELECT " + COLUMNS + " FROM sentry_issue WHERE sentry_issue_key = ?", SentryIssueRows::read, key);
        return rows.isEmpty() ? null : rows.get(0);
    }

    /** The rows filed under a GitHub issue number, in any repository. */
    List<IssueRow> numbered(long number) {
        return jdbc.query("SELECT " + COLUMNS + " FROM sentry_issue WHERE github_issue_number = ?", SentryIssueRows::read, number);
    }

    // ---- the transitions a delivery keeps, on the version it was decided on ---------------------------------

    /** A new Sentry issue's row, claimed with its first alert; 0 when another delivery claimed it first. */
    int claim(String key, long now) {
        return jdbc.update("""
                INSERT INTO sentry_issue (sentry_issue_key, state, last_update_at, last_alert_at) VALUES (?, 'pending', ?, ?)
                ON CONFLICT (sentry_issue_key) DO NOTHING""", key, now, now);
    }

    /** A new issue for a Sentry issue that had one: the old number is kept as the one it follows. */
    int reopenAsNew(String key, long version, long now) {
        return versioned(key, version, """
                state = 'pending', previous_issue_number = COALESCE(github_issue_number, previous_issue_number),
                github_issue_number = NULL, closed_by = NULL, closed_at = NULL, last_update_at = ?, events_since_update = 0,
                last_alert_at = ?""", now, now);
    }

    /** An update comment kept: the count starts again. */
    int updated(String key, long version, long now) {
        return versioned(key, version, "last_update_at = ?, events_since_update = 0, last_alert_at = ?", now, now);
    }

    /** Closed by the bridge: {@code state} is resolved or archived. */
    int closedByBridge(String key, long version, IssueState state, long now) {
        return versioned(key, version, "state = ?, closed_by = 'bridge', closed_at = ?", state.column(), now);
    }

    int reopened(String key, long version, long now) {
        return versioned(key, version, "state = 'open', closed_by = NULL, closed_at = NULL, last_update_at = ?", now);
    }

    /** Reopened as a regression by an alert: the count starts again. */
    int regressed(String key, long version, long now) {
        return versioned(key, version, """
                state = 'open', closed_by = NULL, closed_at = NULL, last_update_at = ?, events_since_update = 0,
                last_alert_at = ?""", now, now);
    }

    private int versioned(String key, long version, String set, Object... values) {
        Object[] args = new Object[values.length + 2];
        System.arraycopy(values, 0, args, 0, values.length);
        args[values.length] = key;
        args[values.length + 1] = version;
        return jdbc.update("UPDATE sentry_issue SET " + set + ", version = version + 1 WHERE sentry_issue_key = ? AND version = ?", args);
    }

    // ---- what the write lane and GitHub's webhook learn ----------------------------------------------------

    /** Repeats counted in memory, added to the row for the next comment of any replica. */
    int addRepeats(String key, long count, long now) {
        return jdbc.update("UPDATE sentry_issue SET events_since_update = events_since_update + ?, last_alert_at = ? WHERE sentry_issue_key = ?",
                count, now, key);
    }

    /** GitHub confirmed the issue: the first number is kept (a pending or gone row is open now). */
    int filed(String key, Long number, String repository) {
        return jdbc.update("""
                UPDATE sentry_issue SET state = CASE WHEN state IN ('pending', 'gone') THEN 'open' ELSE state END,
                github_repository = CASE WHEN github_issue_number IS NULL THEN CAST(? AS TEXT) ELSE github_repository END,
                github_issue_number = COALESCE(github_issue_number, ?), version = version + 1
                WHERE sentry_issue_key = ?""", repository, number, key);
    }

    /** Filed although its claim was given back meanwhile (a replayed dead letter). */
    int filedWithoutClaim(String key, Long number, String repository, long now) {
        return jdbc.update("""
                INSERT INTO sentry_issue (sentry_issue_key, state, github_issue_number, github_repository, last_update_at)
                VALUES (?, 'open', ?, CAST(? AS TEXT), ?)
                ON CONFLICT (sentry_issue_key) DO NOTHING""", key, number, repository, now);
    }

    /** A person changed the issue on GitHub: the bridge's last change no longer describes it. */
    int changedByPerson(String key, IssueState state, Long closedAt) {
        return jdbc.update("""
                UPDATE sentry_issue SET state = ?, closed_by = ?, closed_at = ?, bridge_change = NULL, version = version + 1
                WHERE sentry_issue_key = ?""", state.column(), state.isClosed() ? "person" : null, closedAt, key);
    }

    /** The bridge's own change as GitHub answered it (see docs/lifecycle.md). */
    int bridgeChanged(String key, String change) {
        return jdbc.update("UPDATE sentry_issue SET bridge_change = ? WHERE sentry_issue_key = ?", change, key);
    }

    /** A close by the bridge takes GitHub's closed_at. */
    int bridgeClosedAt(String key, long closedAt) {
        return jdbc.update("UPDATE sentry_issue SET closed_at = ? WHERE sentry_issue_key = ? AND closed_by = 'bridge'", closedAt, key);
    }

    /** A first claim whose creation became a dead letter is given back. */
    int giveBackClaim(String key) {
        return jdbc.update("DELETE FROM sentry_issue WHERE sentry_issue_key = ? AND github_issue_number IS NULL AND previous_issue_number IS NULL",
                key);
    }

    /** No GitHub issue (any more): the next alert opens one. */
    int unfiled(String key) {
        return jdbc.update("UPDATE sentry_issue SET state = 'gone', version = version + 1 WHERE sentry_issue_key = ? AND github_issue_number IS NULL",
                key);
    }

    /** Deleted or transferred on GitHub: the number is kept as the one a new issue follows. */
    int gone(String key) {
        return jdbc.update("""
                UPDATE sentry_issue SET state = 'gone', previous_issue_number = COALESCE(github_issue_number, previous_issue_number),
                github_issue_number = NULL, bridge_change = NULL, version = version + 1
                WHERE sentry_issue_key = ?""", key);
    }

    /** Of two issues for one Sentry issue, the row keeps the oldest. */
    int renumbered(String key, Long keep, Long duplicate) {
        return jdbc.update("UPDATE sentry_issue SET github_issue_number = ?, version = version + 1 WHERE sentry_issue_key = ? AND github_issue_number = ?",
                keep, key, duplicate);
    }

    /** A replayed creation claims its Sentry issue again; one filed meanwhile keeps its row. */
    int reclaim(String key, long now) {
        return jdbc.update("""
                INSERT INTO sentry_issue (sentry_issue_key, state, last_update_at) VALUES (?, 'pending', ?)
                ON CONFLICT (sentry_issue_key) DO NOTHING""", key, now);
    }

    /** An issue with the bridge's marker found on GitHub: see {@link SentryIssueLifecycle#foundOnGitHub}. */
    int found(GitHubIssue issue, IssueState state, String repository, long createdAt) {
        Long closedAt = issue.closedAt() == null ? null : issue.closedAt().toEpochMilli();
        return jdbc.update("""
                INSERT INTO sentry_issue (sentry_issue_key, state, github_issue_number, closed_by, closed_at, last_update_at,
                    github_repository)
                VALUES (?, ?, ?, ?, ?, ?, CAST(? AS TEXT))
                ON CONFLICT (sentry_issue_key) DO UPDATE SET github_issue_number = excluded.github_issue_number,
                    github_repository = excluded.github_repository,
                    previous_issue_number = COALESCE(sentry_issue.github_issue_number, sentry_issue.previous_issue_number),
                    state = CASE WHEN sentry_issue.state = 'pending' OR sentry_issue.github_issue_number IS NOT NULL
                        THEN excluded.state ELSE sentry_issue.state END,
                    closed_by = CASE WHEN sentry_issue.github_issue_number IS NOT NULL THEN excluded.closed_by ELSE sentry_issue.closed_by END,
                    closed_at = CASE WHEN sentry_issue.github_issue_number IS NOT NULL THEN excluded.closed_at ELSE sentry_issue.closed_at END,
                    version = sentry_issue.version + 1
                WHERE (sentry_issue.github_issue_number IS NULL AND sentry_issue.state <> 'gone'
                    AND (sentry_issue.previous_issue_number IS NULL OR sentry_issue.previous_issue_number < excluded.github_issue_number
                         OR sentry_issue.previous_issue_number = CAST(? AS BIGINT)))
                  OR sentry_issue.github_issue_number = CAST(? AS BIGINT)""",
                issue.key(), state.column(), issue.number(), state.isClosed() ? "person" : null, closedAt, createdAt, repository,
                issue.follows(), issue.follows());
    }

    private static IssueRow read(ResultSet rs, int i) throws SQLException {
        return new IssueRow(rs.getString(1), IssueState.of(rs.getString(2)), longOrNull(rs, 3), longOrNull(rs, 4),
                rs.getString(5), longOrNull(rs, 6), rs.getString(7), rs.getLong(8), rs.getLong(9),
                longOrNull(rs, 10), rs.getLong(11), rs.getString(12));
    }

    private static Long longOrNull(ResultSet rs, int column) throws SQLException {
        long value = rs.getLong(column);
        return rs.wasNull() ? null : value;
    }
}
