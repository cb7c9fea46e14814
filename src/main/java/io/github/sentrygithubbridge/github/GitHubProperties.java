package io.github.sentrygithubbridge.github;

import io.github.sentrygithubbridge.InvalidSettingException;
import io.github.sentrygithubbridge.Settings;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Where and how issues are written. No token means a dry run: issues go to files, not GitHub.
 *
 * @param token            token with issues write access
 * @param repository       owner/name
 * @param apiUrl           REST API root; https://HOST/api/v3 for GitHub Enterprise Server
 * @param labels           labels on every issue, comma list
 * @param writeInterval    the pause between two writes
 * @param createsPerMinute issue creations allowed in any minute
 * @param maxRetries       retries of one write before it is dead-lettered
 * @param firstRetryDelay  the first backoff, doubled on each retry
 * @param maxRetryDelay    the cap of the doubling backoff
 * @param timeout          connect and response timeout of one request
 */
@ConfigurationProperties("github")
public record GitHubProperties(
        String token,
        String repository,
        String apiUrl,
        String labels,
        Duration writeInterval,
        int createsPerMinute,
        int maxRetries,
        Duration firstRetryDelay,
        Duration maxRetryDelay,
        Duration timeout) {

    public GitHubProperties {
        boolean dryRun = token == null || token.isBlank();
        if (!dryRun && (repository == null || !repository.matches("[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+"))) {
            throw new InvalidSettingException("GITHUB_REPOSITORY", repository, "must be owner/name when GITHUB_TOKEN is set", "acme/shop");
        }
        if (!Settings.isWebAddress(apiUrl)) {
            throw new InvalidSettingException("GITHUB_API_URL", apiUrl, "must be an http(s) URL with a host", "https://api.github.com");
        }
        if (createsPerMinute < 1) {
            throw new InvalidSettingException("BRIDGE_GITHUB_CREATES_PER_MINUTE", Integer.toString(createsPerMinute), "must be at least 1", "20");
        }
        if (labelList(labels).isEmpty()) {
            throw new InvalidSettingException("BRIDGE_LABELS", labels, "must name at least one label", "agent:builder");
        }
        Settings.positive("BRIDGE_GITHUB_WRITE_INTERVAL", writeInterval, "PT1S");
        if (maxRetries < 0) {
            throw new InvalidSettingException("BRIDGE_GITHUB_MAX_RETRIES", Integer.toString(maxRetries), "must be 0 or more", "10");
        }
        Settings.positive("BRIDGE_GITHUB_FIRST_RETRY_DELAY", firstRetryDelay, "PT1S");
        Settings.atLeast("BRIDGE_GITHUB_MAX_RETRY_DELAY", maxRetryDelay, firstRetryDelay, "PT5M");
        Settings.positive("BRIDGE_GITHUB_TIMEOUT", timeout, "PT30S");
    }


    public boolean dryRun() {
        return token == null || token.isBlank();
    }

    public List<String> labelList() {
        return labelList(labels);
    }

    private static List<String> labelList(String labels) {
        return labels == null ? List.of()
                : Arrays.stream(labels.split(",")).map(String::trim).filter(s -> !s.isEmpty()).distinct().toList();
    }
}
