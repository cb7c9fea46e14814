package io.github.sentrygithubbridge.state;

import java.util.Locale;

/**
 * What a kept write does, as {@code pending_write.action} and the routes' property {@code githubAction} name it. The
 * write lane dispatches on it; its request's JSON is read back by it.
 */
public enum WriteAction {
    /** Opens a GitHub issue (its request: a NewIssue). */
    CREATE,
    /** Comments on the GitHub issue (a CommentDraft). */
    COMMENT,
    /** Closes it, completed or not planned, with a comment (an IssueStateChange). */
    CLOSE,
    /** Reopens it, with a comment (an IssueStateChange). */
    REOPEN,
    /** Sets the Sentry issue's status in Sentry, as a person did on GitHub (a SentryStatusUpdate). */
    SENTRY_STATUS,
    /** Looks for issues GitHub opened twice for one Sentry issue (a DuplicateCheck). */
    CHECK_DUPLICATES;

    /** The name in the store and in the routes: create, comment, close, reopen, sentry-status, check-duplicates. */
    public String column() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** The action of that name; null for a name that is none (a label, which is never kept). */
    public static WriteAction of(String column) {
        for (WriteAction action : values()) {
            if (action.column().equals(column)) {
                return action;
            }
        }
        return null;
    }
}
