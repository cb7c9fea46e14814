package io.github.sentrygithubbridge;

import java.sql.SQLException;
import org.flywaydb.core.api.FlywayException;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalyzer;
import org.springframework.core.env.Environment;

/** Startup stopped because the store could not be opened: which setting to look at, in one sentence. */
class StoreUnreachableFailureAnalyzer implements FailureAnalyzer {

    private final Environment environment;

    StoreUnreachableFailureAnalyzer(Environment environment) {
        this.environment = environment;
    }

    @Override
    public FailureAnalysis analyze(Throwable failure) {
        Throwable cause = failure;
        while (cause != null && !(cause instanceof SQLException) && !(cause instanceof FlywayException)) {
            cause = cause.getCause();
        }
        if (cause == null) {
            return null;
        }
        boolean postgres = "postgres".equalsIgnoreCase(environment.getProperty("bridge.store.kind", "").trim());
        String reason = root(cause);
        String description = postgres
                ? "BRIDGE_DB_URL=" + environment.getProperty("bridge.store.db-url") + ": the store cannot be opened (" + reason
                + "); check that PostgreSQL runs there and that BRIDGE_DB_USER and BRIDGE_DB_PASSWORD are right; "
                + "for example BRIDGE_DB_URL=jdbc:postgresql://db:5432/bridge"
                : "BRIDGE_DATA_DIR=" + environment.getProperty("bridge.data-dir") + ": the store cannot be opened (" + reason
                + "); check that the directory is writable by the bridge; for example BRIDGE_DATA_DIR=/var/lib/sentry-github-bridge";
        return new FailureAnalysis(description, "Fix the setting (or start the database) and start the bridge again.", cause);
    }

    private static String root(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
        return message.lines().findFirst().orElse(message).trim();
    }
}
