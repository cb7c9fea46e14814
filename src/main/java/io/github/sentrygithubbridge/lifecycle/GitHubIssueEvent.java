package io.github.sentrygithubbridge.lifecycle;

/**
 * One {@code issues} webhook from GitHub.
 *
 * @param action     closed, reopened, deleted, transferred, ...
 * @param repository owner/name
 * @param issue      the issue as the event shows it
 */
public record GitHubIssueEvent(String action, String repository, GitHubIssue issue) {
}
