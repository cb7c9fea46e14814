package io.github.sentrygithubbridge.sentry;

import java.util.Set;
import org.apache.camel.ExchangeProperty;
import org.springframework.stereotype.Component;

/** Says why an alert is not worth an issue, or nothing when it is. */
@Component("alertFilter")
public class AlertFilter {

    private final Level minimum;
    private final Set<String> environments;

    public AlertFilter(FilterProperties properties) {
        this.minimum = properties.minimum();
        this.environments = properties.environmentSet();
    }

    /** Returns the reason to ignore the alert, or null to file it (or, for a status change, to follow it). */
    public String reasonToIgnore(@ExchangeProperty("sentryAlert") SentryAlert alert, @ExchangeProperty("sentryStatus") SentryStatus status) {
        if (status != null) {
            // the level and environment were checked when it was filed
            return alert.key() == null ? alert.resource() + " " + alert.action() + " names no Sentry issue" : null;
        }
        if (alert.kind() == SentryAlert.Kind.NONE) {
            return alert.resource() + " " + alert.action() + " has nothing to file";
        }
        if (alert.key() == null) {
            return "the delivery names no Sentry issue and no event";
        }
        if (alert.level().compareTo(minimum) < 0) {
            return "level " + alert.level().label() + " is below " + minimum.label();
        }
        // issue and metric deliveries carry no environment: they are not filtered by it
        if (!environments.isEmpty() && alert.environment() != null && !environments.contains(alert.environment())) {
            return "environment " + alert.environment() + " is not in " + String.join(",", environments);
        }
        return null;
    }
}
