package io.github.sentrygithubbridge.github;

import io.github.sentrygithubbridge.sentry.SentryAlert;

/**
 * A kept creation: the issue to open, the alert it was made from (for the engineer's on-github-issue-opened
 * route) and the repository it goes to (null = GITHUB_REPOSITORY). Writes kept by earlier versions hold the
 * issue alone.
 */
public record NewIssue(IssueDraft issue, SentryAlert alert, String repository) {
}
