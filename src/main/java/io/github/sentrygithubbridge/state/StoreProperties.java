package io.github.sentrygithubbridge.state;

import io.github.sentrygithubbridge.InvalidSettingException;
import io.github.sentrygithubbridge.Settings;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Where the bridge keeps what it has accepted.
 *
 * @param kind       embedded (SQLite under the data directory) or postgres
 * @param dataDir    the embedded store's directory
 * @param dbUrl      the PostgreSQL JDBC URL
 * @param dbUser     its user
 * @param dbPassword its password
 * @param replicaId  this replica's name on the writes it leases; unique per running replica
 * @param lease      how long a leased write is this replica's before another may take it over
 */
@ConfigurationProperties("bridge.store")
public record StoreProperties(String kind, Path dataDir, String dbUrl, String dbUser, String dbPassword,
                              String replicaId, Duration lease) {

    public StoreProperties {
        kind = kind == null || kind.isBlank() ? "embedded" : kind.trim().toLowerCase(java.util.Locale.ROOT);
        if (!kind.equals("embedded") && !kind.equals("postgres")) {
            throw new InvalidSettingException("BRIDGE_STORE", kind, "must be embedded or postgres", "embedded");
        }
        if (kind.equals("postgres") && (dbUrl == null || !dbUrl.startsWith("jdbc:postgresql:"))) {
            throw new InvalidSettingException("BRIDGE_DB_URL", dbUrl, "must be a PostgreSQL JDBC URL when BRIDGE_STORE=postgres",
                    "jdbc:postgresql://db:5432/bridge");
        }
        if (kind.equals("embedded") && (dataDir == null || dataDir.toString().isBlank())) {
            throw new InvalidSettingException("BRIDGE_DATA_DIR", "", "must name a directory for the embedded store", "/var/lib/sentry-github-bridge");
        }
        Settings.atLeast("BRIDGE_LEASE", lease, Duration.ofSeconds(1), "PT2M");
        if (replicaId == null || replicaId.isBlank()) {
            replicaId = hostName();
        }
    }

    public boolean embedded() {
        return kind.equals("embedded");
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "localhost";
        }
    }
}
