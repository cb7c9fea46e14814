package io.github.sentrygithubbridge.github;

import io.github.sentrygithubbridge.sentry.SentryAlert;

/**
 * A kept creation: the issue to open, and the alert it was made from, for the engineer's
 * on-github-issue-opened route. Writes kept by earlier versions hold the issue alone (alert null).
 */
public record NewIssue(IssueDraft issue, SentryAlert alert) {
}
