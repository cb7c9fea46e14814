package io.github.sentrygithubbridge.lifecycle;

import io.github.sentrygithubbridge.sentry.SentryAlert;
import io.github.sentrygithubbridge.sentry.SentryStatus;
import java.time.Duration;
import java.time.Instant;

/**
 * The edges of docs/lifecycle.md for Sentry's deliveries: what an alert or a status change does to a Sentry issue,
 * given its row (null when the bridge has none). Decisions only: the store, the counting and the writes are
 * {@link SentryIssueLifecycle}'s.
 */
public final class IssueStateMachine {

    private final Duration cooldown;
    private final Duration reopenWindow;

    public IssueStateMachine(Duration cooldown, Duration reopenWindow) {
        this.cooldown = cooldown;
        this.reopenWindow = reopenWindow;
    }

    /** Whether an alert is an event to count: an {@code issue} delivery announces one already filed. */
    public static boolean counts(SentryAlert alert, boolean counting) {
        return counting && alert.kind() != SentryAlert.Kind.ISSUE;
    }

    /**
     * An alert at {@code now}. {@code counting} is false for a preview, which counts nothing; {@code counted} is the
     * repeats counted since the row was last written, added to the update comment's count.
     */
    public Decision alert(SentryAlert alert, IssueRow row, long now, boolean counting, long counted) {
        String key = alert.key();
        if (row == null) {
            return NewSentryIssue.decide(alert, null);
        }
        boolean counts = counts(alert, counting);
        return switch (row.state()) {
            case GONE -> accepted(row, Transition.OPEN_ISSUE, row.previousNumber(), 0, null, false,
                    "the Sentry issue has no GitHub issue now (deleted, transferred or never opened): a new one will be opened");
            case HELD -> Decision.ignore(key, heldReason(row));
            case RESOLVED -> resolved(alert, row, now, counts);
            case OPEN -> counts && now - row.lastUpdateAt() >= cooldown.toMillis()
                    ? accepted(row, Transition.UPDATE, row.number(), row.eventsSinceUpdate() + counted + 1,
                    Instant.ofEpochMilli(row.lastUpdateAt()), false, "the cooldown is over: a comment will update the GitHub issue")
                    : Decision.repeat(key, "a GitHub issue is already open for this Sentry issue; counted until the cooldown ends");
            case PENDING -> Decision.repeat(key, "a GitHub issue is already open for this Sentry issue; counted until the cooldown ends");
            case ARCHIVED -> Decision.repeat(key, "the Sentry issue is archived and its GitHub issue closed as not planned; counted");
        };
    }

    private Decision resolved(SentryAlert alert, IssueRow row, long now, boolean counts) {
        if (!counts) {
            return Decision.repeat(alert.key(), "the GitHub issue is closed; an issue delivery carries no new event");
        }
        long closedAt = row.closedAt() != null ? row.closedAt() : row.lastUpdateAt();
        if (now - closedAt < reopenWindow.toMillis()) {
            return accepted(row, Transition.REGRESS, row.number(), row.eventsSinceUpdate() + 1,
                    Instant.ofEpochMilli(row.lastUpdateAt()), true, "a regression: GitHub issue #" + row.number() + " will be reopened");
        }
        return Decision.accepted(row.key(), Transition.OPEN_REGRESSION_ISSUE, row.version(),
                new Decision.Concerning(row.number(), row.repository(), 0, null, true),
                "a regression after the reopen window: a new GitHub issue will name #" + row.number());
    }

    /** A status change in Sentry: resolved, archived or unresolved. */
    public Decision status(SentryAlert alert, IssueRow row, SentryStatus status) {
        return switch (status.change()) {
            case SentryStatus.RESOLVED -> resolved(alert, row, status);
            case SentryStatus.ARCHIVED -> archived(alert, row, status);
            default -> unresolved(alert, row, status);
        };
    }

    /** Resolved in Sentry: the GitHub issue is closed as completed. */
    public Decision resolved(SentryAlert alert, IssueRow row, SentryStatus status) {
        return close(alert, row, status, IssueState.RESOLVED, Transition.RESOLVE, "completed", "resolved");
    }

    /** Archived in Sentry: the GitHub issue is closed as not planned. */
    public Decision archived(SentryAlert alert, IssueRow row, SentryStatus status) {
        return close(alert, row, status, IssueState.ARCHIVED, Transition.ARCHIVE, "not planned", "archived");
    }

    private Decision close(SentryAlert alert, IssueRow row, SentryStatus status, IssueState closed, Transition transition,
                           String as, String inSentry) {
        Decision none = nothingToChange(alert, row, status);
        if (none != null) {
            return none;
        }
        return row.state() == closed
                ? Decision.ignore(row.key(), "GitHub issue #" + row.number() + " is already closed as " + as)
                : accepted(row, transition, row.number(), 0, null, false, inSentry + " in Sentry: the GitHub issue will be closed as " + as);
    }

    /** Unresolved in Sentry: the GitHub issue is reopened (a regression when Sentry says it regressed). */
    public Decision unresolved(SentryAlert alert, IssueRow row, SentryStatus status) {
        Decision none = nothingToChange(alert, row, status);
        if (none != null) {
            return none;
        }
        return row.state().isClosed()
                ? accepted(row, Transition.UNRESOLVE, row.number(), 0, null, status.isRegression(), "unresolved in Sentry: the GitHub issue will be reopened")
                : Decision.ignore(row.key(), "the GitHub issue of Sentry issue " + row.key() + " is already open");
    }

    /** A status change that has nothing to act on: never filed, held by a person, or gone from GitHub; else null. */
    private static Decision nothingToChange(SentryAlert alert, IssueRow row, SentryStatus status) {
        String key = alert.key();
        if (row == null) {
            return NewSentryIssue.decide(alert, status);
        }
        if (row.state() == IssueState.HELD) {
            return Decision.ignore(key, heldReason(row));
        }
        if (row.state() == IssueState.GONE) {
            return Decision.ignore(key, "Sentry issue " + key + " has no GitHub issue now (deleted, transferred or never opened); "
                    + "the next alert opens one");
        }
        return null;
    }

    private static String heldReason(IssueRow row) {
        return "closed as not planned on GitHub (#" + row.number() + ")";
    }

    private static Decision accepted(IssueRow row, Transition transition, Long number, long events, Instant since,
                                     boolean regression, String reason) {
        return Decision.accepted(row.key(), transition, row.version(), new Decision.Concerning(number, null, events, since, regression), reason);
    }
}
