package io.github.sentrygithubbridge.state;

import com.zaxxer.hikari.HikariConfig;
import io.github.sentrygithubbridge.InvalidSettingException;
import java.io.IOException;
import java.nio.file.Path;
import java.nio.file.Files;
import javax.sql.DataSource;
import org.apache.camel.spring.spi.SpringTransactionPolicy;
import org.springframework.boot.health.application.DiskSpaceHealthIndicator;
import org.springframework.context.ApplicationListener;
import org.springframework.context.event.ContextRefreshedEvent;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.util.unit.DataSize;

/**
 * The store's connection pool: a SQLite file under BRIDGE_DATA_DIR by default, so that nothing needs
 * installing, or PostgreSQL with BRIDGE_STORE=postgres, for replicas sharing one state. Flyway creates and
 * migrates the schema at startup (db/migration/{vendor}).
 */
@Configuration(proxyBeanMethods = false)
public class StoreConfiguration {

    /** How long a write waits for the SQLite file's lock before it fails (and the delivery is answered 503). */
    static final int SQLITE_LOCK_WAIT_MILLIS = 500;

    @Bean
    public DataSource dataSource(StoreProperties store) {
        HikariConfig config = new HikariConfig();
        config.setPoolName("bridge-store");
        config.setValidationTimeout(1_000);
        if (store.embedded()) {
            usableDirectory(store.dataDir());
            // WAL with a full sync: a commit is on disk before the 202; IMMEDIATE: writers queue instead of failing.
            // A writer waits for the file's lock at most half a second (the bridge's own commits take milliseconds):
            // a file another process holds locked is answered 503 within Sentry's second, and /health says so
            config.setJdbcUrl("jdbc:sqlite:" + store.dataDir().resolve("bridge.db")
                    + "?journal_mode=WAL&synchronous=FULL&busy_timeout=" + SQLITE_LOCK_WAIT_MILLIS + "&transaction_mode=IMMEDIATE");
            config.setMaximumPoolSize(4);
            config.setExceptionOverride(new LockedFileEvicts());
        } else {
            config.setJdbcUrl(store.dbUrl());
            config.setUsername(store.dbUser());
            config.setPassword(store.dbPassword());
            config.setMaximumPoolSize(10);
            config.setInitializationFailTimeout(-1);
            config.setValidationTimeout(250);
        }
        // the first connections of a start may take a while on a busy machine: the start waits for them; once the
        // schema is migrated and before the routes start, a delivery's wait is runningConnectionWaitMillis
        return new StorePool(config, STARTUP_CONNECTION_WAIT_MILLIS);
    }

    /** How long a start waits for a connection before the store is taken as unreachable. */
    static final int STARTUP_CONNECTION_WAIT_MILLIS = 5_000;

    /**
     * How long a delivery waits for a connection once the bridge runs. SQLite: Hikari's shortest, so that with the
     * file lock's wait a delivery is answered within Sentry's second. PostgreSQL: a stopped database refuses at once
     * and Hikari keeps trying for the whole wait, so the delivery's 503 comes well within that second too.
     */
    static int runningConnectionWaitMillis(boolean embedded) {
        return embedded ? 250 : 500;
    }

    /** Once the context is refreshed (the schema migrated), before Camel starts the routes. */
    @Bean
    @Order(Ordered.HIGHEST_PRECEDENCE)
    public ApplicationListener<ContextRefreshedEvent> runningConnectionWait(DataSource dataSource, StoreProperties store) {
        return refreshed -> {
            if (dataSource instanceof StorePool pool) {
                pool.waitAtMost(runningConnectionWaitMillis(store.embedded()));
            }
        };
    }

    /**
     * The store's transaction as a route's {@code transacted} step takes it (Camel looks it up by this name): what
     * the bean calls inside write joins it, and it commits when the step ends, or rolls back when one fails.
     */
    @Bean("PROPAGATION_REQUIRED")
    public SpringTransactionPolicy storeTransaction(PlatformTransactionManager transactions) {
        SpringTransactionPolicy policy = new SpringTransactionPolicy(transactions);
        policy.setPropagationBehaviorName("PROPAGATION_REQUIRED");
        return policy;
    }

    /**
     * /health's disk check, on the disk of BRIDGE_DATA_DIR (the store, dry-run issues) rather than the working
     * directory's: the directory, or the nearest parent that exists (it is made when first written).
     */
    @Bean
    public DiskSpaceHealthIndicator diskSpaceHealthIndicator(StoreProperties store) {
        return new DiskSpaceHealthIndicator(existingPart(store.dataDir()).toFile(), DataSize.ofMegabytes(10));
    }

    static Path existingPart(Path dir) {
        Path path = dir.toAbsolutePath().normalize();
        while (path.getParent() != null && !Files.isDirectory(path)) {
            path = path.getParent();
        }
        return path;
    }

    /** BRIDGE_DATA_DIR: a directory the bridge can create, and write in. */
    static void usableDirectory(Path dir) {
        if (Files.exists(dir) && !Files.isDirectory(dir)) {
            throw new InvalidSettingException("BRIDGE_DATA_DIR", dir.toString(), "is a file, not a directory", "/var/lib/sentry-github-bridge");
        }
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new InvalidSettingException("BRIDGE_DATA_DIR", dir.toString(), "cannot be created (" + e.getClass().getSimpleName() + ")",
                    "/var/lib/sentry-github-bridge");
        }
        if (!Files.isWritable(dir)) {
            throw new InvalidSettingException("BRIDGE_DATA_DIR", dir.toString(), "is not writable by the bridge", "/var/lib/sentry-github-bridge");
        }
    }
}
