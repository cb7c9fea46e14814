package io.github.sentrygithubbridge.lifecycle;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How a GitHub issue follows its Sentry issue.
 *
 * @param cooldown        at most one update comment per Sentry issue per period
 * @param reopenWindow    an alert this soon after the issue was closed as completed reopens it; later, a new issue
 * @param regressionLabel the label a regression gets when it reopens its issue
 */
@ConfigurationProperties("bridge.lifecycle")
public record LifecycleProperties(Duration cooldown, Duration reopenWindow, String regressionLabel) {

    public LifecycleProperties {
        if (cooldown == null || cooldown.isNegative()) {
            throw new IllegalArgumentException("BRIDGE_COOLDOWN must be an ISO-8601 duration such as PT6H");
        }
        if (reopenWindow == null || reopenWindow.isNegative()) {
            throw new IllegalArgumentException("BRIDGE_REOPEN_WINDOW must be an ISO-8601 duration such as P30D");
        }
        if (regressionLabel == null || regressionLabel.isBlank()) {
            throw new IllegalArgumentException("BRIDGE_REGRESSION_LABEL must name a label, such as regression");
        }
        regressionLabel = regressionLabel.trim();
    }
}
