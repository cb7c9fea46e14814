package io.github.sentrygithubbridge.ops;

import io.github.sentrygithubbridge.InvalidSettingException;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Sentry monitoring of the bridge itself. In production it is required: a bridge whose own failures go
 * unseen would lose alerts silently, so it refuses to start without a DSN there.
 *
 * @param dsn         SENTRY_DSN
 * @param environment SENTRY_ENVIRONMENT
 */
@ConfigurationProperties("bridge.self-monitoring")
public record SelfMonitoringProperties(String dsn, String environment) {

    public SelfMonitoringProperties {
        if ("production".equalsIgnoreCase(environment == null ? "" : environment.trim()) && (dsn == null || dsn.isBlank())) {
            throw new InvalidSettingException("SENTRY_DSN", null, "must be set when SENTRY_ENVIRONMENT=production: "
                    + "the bridge reports its own failures to Sentry and refuses to run unobserved", "https://PUBLIC_KEY@o1.ingest.sentry.io/2");
        }
    }
}
