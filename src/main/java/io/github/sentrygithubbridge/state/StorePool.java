package io.github.sentrygithubbridge.state;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.pool.HikariPool;
import java.sql.Connection;
import java.sql.SQLException;

/**
 * Hikari's pool with two waits for a connection: a start's, long enough for the first connections on a busy
 * machine (the driver loaded, PostgreSQL's password check), then, once the bridge runs, a delivery's, short enough
 * for Sentry's second. Hikari reads its connectionTimeout once, when the pool is made.
 */
final class StorePool extends HikariDataSource {

    private volatile long wait;

    StorePool(HikariConfig config, long startupWaitMillis) {
        super(withTimeout(config, startupWaitMillis));
        this.wait = startupWaitMillis;
    }

    private static HikariConfig withTimeout(HikariConfig config, long millis) {
        config.setConnectionTimeout(millis);
        return config;
    }

    /** From now on a connection is waited for at most this long. */
    void waitAtMost(long millis) {
        wait = millis;
    }

    @Override
    public Connection getConnection() throws SQLException {
        return !isClosed() && getHikariPoolMXBean() instanceof HikariPool pool ? pool.getConnection(wait) : super.getConnection();
    }
}
