package io.github.sentrygithubbridge.lifecycle;

import io.github.sentrygithubbridge.state.PendingWrites.QueuedWrite;
import java.time.Instant;
import java.util.List;

/**
 * A Sentry issue as the operator sees it at {@code GET /internal/sentry-issues/{id}}.
 *
 * @param sentryIssueKey      the Sentry issue id (or metric alert key)
 * @param state               pending, open, resolved, archived, held or gone
 * @param githubIssueNumber   its GitHub issue
 * @param previousIssueNumber the issue it follows (a regression, or a deleted one)
 * @param closedBy            bridge or person, when closed
 * @param closeReason         completed or not_planned, when closed
 * @param closedAt            when it was closed
 * @param eventsSinceUpdate   events counted since the issue was opened or last updated
 * @param lastAlertAt         the last alert
 * @param pendingWrites       writes accepted and not yet done, oldest first
 */
public record SentryIssueView(String sentryIssueKey, String state, Long githubIssueNumber, Long previousIssueNumber,
                              String closedBy, String closeReason, Instant closedAt, long eventsSinceUpdate,
                              Instant lastAlertAt, List<QueuedWrite> pendingWrites) {
}
