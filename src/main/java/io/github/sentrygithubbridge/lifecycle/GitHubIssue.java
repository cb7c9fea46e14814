package io.github.sentrygithubbridge.lifecycle;

import java.time.Instant;
import java.util.List;

/**
 * A GitHub issue as a read, a list or a webhook shows it: enough to tell who changed it last.
 *
 * @param number      its number; 0 when GitHub has no such issue any more
 * @param state       open or closed
 * @param stateReason completed, not_planned, duplicate, reopened, or null
 * @param closedAt    when it was last closed, or null
 * @param createdAt   when it was opened, or null when not shown
 * @param key         the Sentry issue key of its marker, or null
 * @param labels      its label names
 * @param gone        deleted (404, 410) or transferred (301): the Sentry issue needs a new one
 * @param follows     the issue of the same Sentry issue it follows (a regression, or one deleted), or null
 */
public record GitHubIssue(long number, String state, String stateReason, Instant closedAt, Instant createdAt, String key,
                          List<String> labels, boolean gone, Long follows) {

    public static GitHubIssue goneIssue(long number) {
        return new GitHubIssue(number, null, null, null, null, null, List.of(), true, null);
    }

    public boolean isClosed() {
        return "closed".equals(state);
    }

    /** Closed as not planned or as a duplicate. */
    public boolean isClosedAsNotPlanned() {
        return isClosed() && ("not_planned".equals(stateReason) || "duplicate".equals(stateReason));
    }

    public boolean isClosedAsCompleted() {
        return isClosed() && !isClosedAsNotPlanned();
    }
}
