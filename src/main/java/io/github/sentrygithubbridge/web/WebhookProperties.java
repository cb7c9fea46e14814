package io.github.sentrygithubbridge.web;

import io.github.sentrygithubbridge.InvalidSettingException;
import io.github.sentrygithubbridge.Settings;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * How deliveries are checked before anything else happens.
 *
 * @param secret  Sentry's client secret; a comma list keeps an old secret valid while rotating
 * @param maxBody the largest body read; larger ones are refused unread
 * @param maxSkew how far Sentry-Hook-Timestamp may stray from now
 */
@ConfigurationProperties("bridge.webhook")
public record WebhookProperties(String secret, DataSize maxBody, Duration maxSkew) {

    public WebhookProperties {
        if (maxBody == null || maxBody.toBytes() <= 0) {
            throw new InvalidSettingException("BRIDGE_MAX_BODY", maxBody == null ? null : maxBody.toString(), "must be a size above zero", "1MB");
        }
        Settings.positive("BRIDGE_MAX_SKEW", maxSkew, "PT5M");
    }

    /** The configured secrets, trimmed, without empty entries. */
    public List<String> secrets() {
        return secret == null ? List.of()
                : Arrays.stream(secret.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }
}
