package io.github.sentrygithubbridge.sentry;

import java.util.Locale;

/** Sentry's severity levels, lowest first, so that {@code compareTo} orders them. */
public enum Level {
    SAMPLE, DEBUG, INFO, WARNING, ERROR, FATAL;

    /** Reads a level as Sentry and its SDKs spell it; a missing level is Sentry's default, error. */
    public static Level parse(String text) {
        if (text == null || text.isBlank()) {
            return ERROR;
        }
        return switch (text.trim().toLowerCase(Locale.ROOT)) {
            case "sample" -> SAMPLE;
            case "debug" -> DEBUG;
            case "info", "log" -> INFO;
            case "warning", "warn" -> WARNING;
            case "error" -> ERROR;
            case "fatal", "critical" -> FATAL;
            // an unknown level must not hide an alert: treat it as Sentry's default
            default -> ERROR;
        };
    }

    /** Reads a configured minimum level strictly, so a typo in BRIDGE_MIN_LEVEL stops startup. */
    public static Level parseSetting(String text) {
        try {
            return valueOf(text.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new io.github.sentrygithubbridge.InvalidSettingException("BRIDGE_MIN_LEVEL", text,
                    "must be one of sample, debug, info, warning, error, fatal", "error");
        }
    }

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** As Sentry spells it, so that routes can write {@code ${exchangeProperty.sentryAlert.level} == 'fatal'}. */
    @Override
    public String toString() {
        return label();
    }
}
