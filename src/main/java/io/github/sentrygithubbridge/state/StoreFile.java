package io.github.sentrygithubbridge.state;

import jakarta.annotation.PostConstruct;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Objects;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The embedded store's file, which the open connections keep writing after it was deleted or replaced (a removed
 * BRIDGE_DATA_DIR, a restored backup): such writes would be lost at the next start. Every kept write and the health
 * check first make sure the file at the configured path is still the one the store opened.
 */
@Component
public class StoreFile {

    private static final Logger LOG = LoggerFactory.getLogger(StoreFile.class);

    private final StoreProperties store;
    private final DataSource dataSource;
    private volatile Object openedKey;
    private volatile boolean lost;

    public StoreFile(StoreProperties store, DataSource dataSource) {
        this.store = store;
        this.dataSource = dataSource;
    }

    @PostConstruct
    void remember() throws SQLException {
        if (store.embedded()) {
            // a connection creates the file if it is not there yet
            try (Connection ignored = dataSource.getConnection()) {
                openedKey = key(path());
            }
        }
    }

    /** Throws {@link StoreUnavailableException} when the embedded store's file is gone or another file took its place. */
    public void check() {
        if (!store.embedded()) {
            return;
        }
        Object now = key(path());
        if (now == null || !now.equals(openedKey)) {
            if (!lost) {
                lost = true;
                LOG.error("The store's file {} was {} while the bridge ran: deliveries get 503 until the bridge is restarted; "
                        + "the writes already kept are still sent from the open file", path(), now == null ? "removed" : "replaced");
            }
            throw new StoreUnavailableException("the store's file " + path() + " was " + (now == null ? "removed" : "replaced")
                    + " while the bridge ran: restart it");
        }
    }

    private Path path() {
        return store.dataDir().resolve("bridge.db");
    }

    private static Object key(Path path) {
        try {
            BasicFileAttributes attributes = Files.readAttributes(path, BasicFileAttributes.class);
            return Objects.requireNonNullElse(attributes.fileKey(), attributes.creationTime());
        } catch (IOException e) {
            return null;
        }
    }
}
