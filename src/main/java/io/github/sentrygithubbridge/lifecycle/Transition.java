package io.github.sentrygithubbridge.lifecycle;

import io.github.sentrygithubbridge.state.WriteAction;

/** The edges of docs/lifecycle.md: what a delivery, GitHub or the write lane does to a Sentry issue's state. */
public enum Transition {
    /** A first alert (or the first after the issue was deleted): a new issue is queued. */
    OPEN_ISSUE(WriteAction.CREATE),
    /** An alert long after the issue was closed as completed: a new issue that names the old one. */
    OPEN_REGRESSION_ISSUE(WriteAction.CREATE),
    /** The first alert after the cooldown: an update comment. */
    UPDATE(WriteAction.COMMENT),
    /** Sentry resolved it: closed as completed. */
    RESOLVE(WriteAction.CLOSE),
    /** Sentry archived it: closed as not planned. */
    ARCHIVE(WriteAction.CLOSE),
    /** Sentry unresolved it: reopened. */
    UNRESOLVE(WriteAction.REOPEN),
    /** An alert soon after the issue was closed as completed: reopened as a regression. */
    REGRESS(WriteAction.REOPEN),
    /** Counted only; nothing written. */
    REPEAT(null),
    /** Nothing to do for this state; nothing written. */
    IGNORE(null);

    private final WriteAction write;

    Transition(WriteAction write) {
        this.write = write;
    }

    /** The write it queues (create, comment, close, reopen), or null. */
    public WriteAction write() {
        return write;
    }
}
