package io.github.sentrygithubbridge.lifecycle;

/** The edges of docs/lifecycle.md: what a delivery, GitHub or the write lane does to a Sentry issue's state. */
public enum Transition {
    /** A first alert (or the first after the issue was deleted): a new issue is queued. */
    OPEN_ISSUE("create"),
    /** An alert long after the issue was closed as completed: a new issue that names the old one. */
    OPEN_REGRESSION_ISSUE("create"),
    /** The first alert after the cooldown: an update comment. */
    UPDATE("comment"),
    /** Sentry resolved it: closed as completed. */
    RESOLVE("close"),
    /** Sentry archived it: closed as not planned. */
    ARCHIVE("close"),
    /** Sentry unresolved it: reopened. */
    UNRESOLVE("reopen"),
    /** An alert soon after the issue was closed as completed: reopened as a regression. */
    REGRESS("reopen"),
    /** Counted only; nothing written. */
    REPEAT(null),
    /** Nothing to do for this state; nothing written. */
    IGNORE(null);

    private final String write;

    Transition(String write) {
        this.write = write;
    }

    /** The kind of write it queues (create, comment, close, reopen), or null. */
    public String write() {
        return write;
    }
}
