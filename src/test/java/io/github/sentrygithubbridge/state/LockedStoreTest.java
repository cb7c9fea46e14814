package io.github.sentrygithubbridge.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The embedded store's file locked by another process: a transaction fails within the lock's wait, and once the
 * lock is gone the store is whole again — the connection that met the lock does not come back believing it has a
 * transaction, so a later transaction is still all or nothing.
 */
class LockedStoreTest {

    @Test
    void aTransactionFailsWhileTheFileIsLockedAndIsAllOrNothingOnceItIsFree() throws Exception {
        Path dir = Files.createTempDirectory("bridge-locked");
        StoreProperties store = new StoreProperties("embedded", dir, null, null, null, "one", Duration.ofMinutes(2));
        try (HikariDataSource data = (HikariDataSource) new StoreConfiguration().dataSource(store)) {
            JdbcTemplate jdbc = new JdbcTemplate(data);
            TransactionTemplate transaction = new TransactionTemplate(new DataSourceTransactionManager(data));
            jdbc.execute("CREATE TABLE claim (id TEXT PRIMARY KEY)");

            try (Connection other = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("bridge.db"));
                 Statement lock = other.createStatement()) {
                lock.execute("BEGIN EXCLUSIVE");
                assertThatThrownBy(() -> transaction.executeWithoutResult(t -> jdbc.update("INSERT INTO claim VALUES ('locked')")))
                        .hasStackTraceContaining("SQLITE_BUSY");
                lock.execute("ROLLBACK");
            }

            transaction.executeWithoutResult(t -> jdbc.update("INSERT INTO claim VALUES ('free')"));
            assertThatThrownBy(() -> transaction.executeWithoutResult(t -> {
                jdbc.update("INSERT INTO claim VALUES ('half')");
                throw new IllegalStateException("a failure inside the transaction");
            })).hasMessage("a failure inside the transaction");

            assertThat(jdbc.queryForList("SELECT id FROM claim", String.class)).containsExactly("free");
        }
    }
}
