package io.github.sentrygithubbridge.lifecycle;

/**
 * One Sentry issue's state as the store keeps it (a row of {@code sentry_issue}); times are epoch milliseconds.
 *
 * @param key                 the Sentry issue's key
 * @param state               where its GitHub issue stands
 * @param number              its GitHub issue, once filed
 * @param previousNumber      the issue it had before (deleted, or closed before a regression issue)
 * @param closedBy            {@code bridge} or {@code person}, while closed
 * @param closedAt            when it was closed
 * @param bridgeChange        the bridge's last change as GitHub answered it, to tell its echo from a person
 * @param lastUpdateAt        when it was opened or last updated (the cooldown runs from here)
 * @param eventsSinceUpdate   events counted since then, as flushed to the store
 * @param lastAlertAt         the last alert seen
 * @param version             bumped by every change; a decision is kept only on the version it was made on
 * @param repository          its repository when not GITHUB_REPOSITORY, else null
 */
public record IssueRow(String key, IssueState state, Long number, Long previousNumber, String closedBy, Long closedAt,
                       String bridgeChange, long lastUpdateAt, long eventsSinceUpdate, Long lastAlertAt, long version,
                       String repository) {
}
