package io.github.sentrygithubbridge.state;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * /health's "storage": UP only while the store takes a write, since a full disk still answers reads and
 * a delivery is answered 202 only once it is written.
 */
@Component("storage")
class StorageHealth implements HealthIndicator {

    private final JdbcTemplate jdbc;
    private final StoreProperties store;
    private final StoreFile file;

    StorageHealth(JdbcTemplate jdbc, StoreProperties store, StoreFile file) {
        this.jdbc = jdbc;
        this.store = store;
        this.file = file;
    }

    @Override
    public Health health() {
        try {
            file.check();
            jdbc.update("UPDATE storage_probe SET checked_at = ? WHERE id = 1", System.currentTimeMillis());
            return Health.up().withDetail("store", store.kind()).build();
        } catch (RuntimeException e) {
            return Health.down().withDetail("store", store.kind())
                    .withDetail("reason", "the store does not take writes: " + rootMessage(e)).build();
        }
    }

    static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    }
}
