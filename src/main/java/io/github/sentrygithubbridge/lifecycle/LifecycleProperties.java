package io.github.sentrygithubbridge.lifecycle;

import io.github.sentrygithubbridge.InvalidSettingException;
import io.github.sentrygithubbridge.Settings;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.ConstructorBinding;

/**
 * How a GitHub issue follows its Sentry issue.
 *
 * @param cooldown        at most one update comment per Sentry issue per period
 * @param reopenWindow    an alert this soon after the issue was closed as completed reopens it; later, a new issue
 * @param regressionLabel the label a regression gets when it reopens its issue
 * @param repeatCacheTtl  how long a Sentry issue's state read from the store answers its repeats without another read;
 *                        the bridge's own changes end it at once, another replica's are seen after it; zero: no cache
 */
@ConfigurationProperties("bridge.lifecycle")
public record LifecycleProperties(Duration cooldown, Duration reopenWindow, String regressionLabel, Duration repeatCacheTtl) {

    /** Without the repeat cache: every delivery reads the store. */
    public LifecycleProperties(Duration cooldown, Duration reopenWindow, String regressionLabel) {
        this(cooldown, reopenWindow, regressionLabel, Duration.ZERO);
    }

    @ConstructorBinding
    public LifecycleProperties {
        // no cooldown would be an update comment per delivery: an issue storm by other means
        Settings.atLeast("BRIDGE_COOLDOWN", cooldown, Duration.ofSeconds(1), "PT6H");
        if (reopenWindow == null || reopenWindow.isNegative()) {
            throw new InvalidSettingException("BRIDGE_REOPEN_WINDOW", String.valueOf(reopenWindow), "must be a duration of zero or more", "P30D");
        }
        if (regressionLabel == null || regressionLabel.isBlank()) {
            throw new InvalidSettingException("BRIDGE_REGRESSION_LABEL", regressionLabel, "must name a label", "regression");
        }
        regressionLabel = regressionLabel.trim();
        // long enough to take a storm's repeats off the store, short enough that replicas soon agree
        if (repeatCacheTtl == null || repeatCacheTtl.isNegative() || repeatCacheTtl.compareTo(Duration.ofMinutes(1)) > 0) {
            throw new InvalidSettingException("BRIDGE_REPEAT_CACHE_TTL", String.valueOf(repeatCacheTtl),
                    "must be a duration from zero (no cache) to one minute", "PT1S");
        }
    }
}
