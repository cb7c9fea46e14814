package io.github.sentrygithubbridge.lifecycle;

import java.util.Locale;

/** Where a Sentry issue's GitHub issue stands, as the bridge means it to be once its queued writes are done. */
public enum IssueState {
    /** Claimed; the creation is queued. */
    PENDING,
    OPEN,
    /** Closed as completed: Sentry resolved it, or a person closed it. */
    RESOLVED,
    /** Closed as not planned by the bridge, because Sentry archived it. */
    ARCHIVED,
    /** Closed as not planned (or duplicate) by a person: never written to again until a person reopens it. */
    HELD,
    /** Deleted or transferred: the next alert opens a new issue. */
    GONE;

    String column() {
        return name().toLowerCase(Locale.ROOT);
    }

    static IssueState of(String column) {
        return valueOf(column.toUpperCase(Locale.ROOT));
    }

    boolean isClosed() {
        return this == RESOLVED || this == ARCHIVED || this == HELD;
    }
}
