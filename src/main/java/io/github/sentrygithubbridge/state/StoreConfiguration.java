package io.github.sentrygithubbridge.state;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import javax.sql.DataSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The store's connection pool: a SQLite file under BRIDGE_DATA_DIR by default, so that nothing needs
 * installing, or PostgreSQL with BRIDGE_STORE=postgres, for replicas sharing one state. Flyway creates and
 * migrates the schema at startup (db/migration/{vendor}).
 */
@Configuration(proxyBeanMethods = false)
public class StoreConfiguration {

    @Bean
    public DataSource dataSource(StoreProperties store) {
        HikariConfig config = new HikariConfig();
        config.setPoolName("bridge-store");
        // Sentry waits a second for the answer: a store that can't give a connection soon gets a 503
        config.setConnectionTimeout(3_000);
        config.setValidationTimeout(1_000);
        if (store.embedded()) {
            try {
                Files.createDirectories(store.dataDir());
            } catch (IOException e) {
                throw new UncheckedIOException("BRIDGE_DATA_DIR " + store.dataDir() + " cannot be created", e);
            }
            // WAL with a full sync: a commit is on disk before the 202; IMMEDIATE: writers queue instead of failing
            config.setJdbcUrl("jdbc:sqlite:" + store.dataDir().resolve("bridge.db")
                    + "?journal_mode=WAL&synchronous=FULL&busy_timeout=10000&transaction_mode=IMMEDIATE");
            config.setMaximumPoolSize(4);
        } else {
            config.setJdbcUrl(store.dbUrl());
            config.setUsername(store.dbUser());
            config.setPassword(store.dbPassword());
            config.setMaximumPoolSize(10);
            config.setInitializationFailTimeout(-1);
        }
        return new HikariDataSource(config);
    }
}
