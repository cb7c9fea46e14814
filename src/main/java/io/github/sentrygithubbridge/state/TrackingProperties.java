package io.github.sentrygithubbridge.state;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How often a filed Sentry issue may update its GitHub issue.
 *
 * @param cooldown at most one update comment per Sentry issue per period
 */
@ConfigurationProperties("bridge.tracking")
public record TrackingProperties(Duration cooldown) {

    public TrackingProperties {
        if (cooldown == null || cooldown.isNegative()) {
            throw new IllegalArgumentException("BRIDGE_COOLDOWN must be an ISO-8601 duration such as PT6H");
        }
    }
}
