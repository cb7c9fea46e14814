package io.github.sentrygithubbridge.sentry;

import io.github.sentrygithubbridge.InvalidSettingException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * GitHub → Sentry: with a token and an organisation, a person's close or reopen on GitHub is sent to Sentry's
 * web API. Without them nothing is sent to Sentry.
 *
 * @param token {@code SENTRY_API_TOKEN}, scope event:write
 * @param org   {@code SENTRY_ORG}, the organisation's slug
 * @param url   {@code SENTRY_API_URL}, the root of Sentry (https://sentry.io, or a self-hosted one)
 */
@ConfigurationProperties("bridge.sentry-api")
public record SentryApiProperties(String token, String org, String url) {

    private static final Pattern SENTRY_ISSUE_ID = Pattern.compile("\\d{1,20}");
    private static final Pattern METRIC_INCIDENT = Pattern.compile("metric-alert:[^:]+:([A-Za-z0-9_-]{1,40})");

    public SentryApiProperties {
        url = url == null || url.isBlank() ? "https://sentry.io" : url.trim().replaceAll("/+$", "");
        if (!io.github.sentrygithubbridge.Settings.isWebAddress(url)) {
            throw new InvalidSettingException("SENTRY_API_URL", url, "must be an http(s) URL with a host", "https://sentry.io");
        }
        boolean hasToken = token != null && !token.isBlank();
        boolean hasOrg = org != null && !org.isBlank();
        if (hasToken != hasOrg) {
            throw new InvalidSettingException(hasToken ? "SENTRY_ORG" : "SENTRY_API_TOKEN", hasToken ? org : null,
                    "SENTRY_API_TOKEN and SENTRY_ORG go together: set both to resolve Sentry issues from GitHub, or neither",
                    hasToken ? "acme" : "sntrys_…");
        }
        if (hasOrg && !org.trim().matches("[A-Za-z0-9_.-]+")) {
            throw new InvalidSettingException("SENTRY_ORG", org, "must be the organisation's slug", "acme");
        }
    }

    public boolean enabled() {
        return token != null && !token.isBlank();
    }

    /** Whether a Sentry issue's status is mirrored: a real Sentry issue (not a metric incident), with the API set up. */
    public boolean covers(String key) {
        return enabled() && key != null && SENTRY_ISSUE_ID.matcher(key).matches();
    }

    /** The issue's address in Sentry's web API. */
    public String issueUrl(String sentryIssueId) {
        return organisationUrl() + "/issues/" + sentryIssueId + "/";
    }

    /**
     * Where Sentry says what a status is now: the issue, or a metric alert's incident; null for a key Sentry's web
     * API cannot be asked about, or without a token.
     */
    public String statusUrl(String key) {
        if (!enabled() || key == null) {
            return null;
        }
        if (SENTRY_ISSUE_ID.matcher(key).matches()) {
            return issueUrl(key);
        }
        Matcher incident = METRIC_INCIDENT.matcher(key);
        return incident.matches() ? organisationUrl() + "/incidents/" + incident.group(1) + "/" : null;
    }

    private String organisationUrl() {
        return url + "/api/0/organizations/" + org.trim();
    }

    public String bearer() {
        return "Bearer " + token.trim();
    }
}
