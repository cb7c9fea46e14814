package io.github.sentrygithubbridge.lifecycle;

import io.github.sentrygithubbridge.sentry.SentryAlert;
import io.github.sentrygithubbridge.sentry.SentryStatus;

/**
 * The decision for a Sentry issue the bridge has no state of: an alert opens a GitHub issue, a status change has
 * nothing to close or reopen. The lifecycle takes it when the store holds no row; the test command for every case.
 */
public final class NewSentryIssue {

    private NewSentryIssue() {
    }

    public static Decision decide(SentryAlert alert, SentryStatus status) {
        String key = alert.key();
        if (status == null) {
            return Decision.accepted(key, Transition.OPEN_ISSUE, -1, Decision.Concerning.NONE, "a GitHub issue will be opened");
        }
        return Decision.ignore(key, "the bridge never filed Sentry issue " + key + ": no GitHub issue to " + verb(status));
    }

    private static String verb(SentryStatus status) {
        return switch (status.change()) {
            case SentryStatus.RESOLVED, SentryStatus.ARCHIVED -> "close";
            default -> "reopen";
        };
    }
}
