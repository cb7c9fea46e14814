package io.github.sentrygithubbridge.lifecycle;

/**
 * One {@code issues} webhook from GitHub.
 *
 * @param action     closed, reopened, deleted, transferred, ...
 * @param repository owner/name
 * @param issue      the issue as the event shows it
 * @param byBridge   its sender is the account the bridge writes as: the bridge's own change, never a person's
 */
public record GitHubIssueEvent(String action, String repository, GitHubIssue issue, boolean byBridge) {
}
