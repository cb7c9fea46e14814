package io.github.sentrygithubbridge.state;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How long and how many Sentry issues the bridge remembers.
 *
 * @param cooldown  at most one update comment per Sentry issue per period
 * @param maxIssues the bound of each in-memory store
 * @param ttl       a Sentry issue not seen for this long is forgotten
 */
@ConfigurationProperties("bridge.tracking")
public record TrackingProperties(Duration cooldown, long maxIssues, Duration ttl) {

    public TrackingProperties {
        if (cooldown == null || cooldown.isNegative()) {
            throw new IllegalArgumentException("BRIDGE_COOLDOWN must be an ISO-8601 duration such as PT6H");
        }
        if (maxIssues < 1) {
            throw new IllegalArgumentException("BRIDGE_TRACKED_ISSUES must be at least 1");
        }
        if (ttl == null || ttl.compareTo(cooldown) <= 0) {
            throw new IllegalArgumentException("BRIDGE_TRACKING_TTL must be longer than BRIDGE_COOLDOWN");
        }
    }
}
