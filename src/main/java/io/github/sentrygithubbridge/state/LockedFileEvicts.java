package io.github.sentrygithubbridge.state;

import com.zaxxer.hikari.SQLExceptionOverride;
import java.sql.SQLException;

/**
 * A SQLite connection that met a locked file is closed, not pooled again. sqlite-jdbc marks a connection as in a
 * transaction before its {@code BEGIN IMMEDIATE} runs: when that BEGIN finds the file locked, the connection comes
 * back to the pool believing it has a transaction it has not, and every later transaction on it would commit each
 * statement by itself and fail at its COMMIT. A new connection costs a file open.
 */
final class LockedFileEvicts implements SQLExceptionOverride {

    /** SQLITE_BUSY and SQLITE_LOCKED, with their extended codes in the low byte. */
    private static final int BUSY = 5;
    private static final int LOCKED = 6;

    @java.lang.Override
    public Override adjudicate(SQLException e) {
        int primary = e.getErrorCode() & 0xff;
        boolean locked = primary == BUSY || primary == LOCKED
                || (e.getMessage() != null && (e.getMessage().contains("SQLITE_BUSY") || e.getMessage().contains("SQLITE_LOCKED")));
        return locked ? Override.MUST_EVICT : Override.CONTINUE_EVICT;
    }
}
