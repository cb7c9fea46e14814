package io.github.sentrygithubbridge;

import java.time.Duration;
import org.springframework.boot.convert.DurationStyle;

/** The one way settings are read and checked: durations as PT1S or 1s, everywhere. */
public final class Settings {

    private Settings() {
    }

    /** A duration setting as written (PT30S, 30s, 500ms), or an {@link InvalidSettingException} naming the variable. */
    public static Duration duration(String variable, String value, String example) {
        try {
            return DurationStyle.detectAndParse(value.trim());
        } catch (RuntimeException e) {
            throw new InvalidSettingException(variable, value, "is not a duration", example);
        }
    }

    /** The duration, which must be above zero. */
    public static Duration positive(String variable, Duration value, String example) {
        if (value == null || value.isNegative() || value.isZero()) {
            throw new InvalidSettingException(variable, value == null ? null : value.toString(), "must be a duration above zero", example);
        }
        return value;
    }

    /** An http(s) URL with a host: {@code http://} alone is none. */
    public static boolean isWebAddress(String url) {
        try {
            java.net.URI uri = url == null ? null : new java.net.URI(url.trim());
            return uri != null && ("https".equals(uri.getScheme()) || "http".equals(uri.getScheme())) && uri.getHost() != null;
        } catch (java.net.URISyntaxException e) {
            return false;
        }
    }

    public static Duration atLeast(String variable, Duration value, Duration minimum, String example) {
        if (value == null || value.compareTo(minimum) < 0) {
            throw new InvalidSettingException(variable, value == null ? null : value.toString(), "must be at least " + minimum, example);
        }
        return value;
    }
}
