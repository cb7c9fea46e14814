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
 * @param app              GitHub App sign-in instead of a token
 * @param repositories     further repositories (owner/name, comma list) a choose-github-target route may choose
 * @param redelivery       Camel's quick retries of a write that failed for a moment, before it goes back to the store
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
        Duration timeout,
        App app,
        String repositories,
        Redelivery redelivery) {

    /**
     * GitHub App sign-in: GITHUB_APP_ID with GITHUB_APP_PRIVATE_KEY (PEM text) or GITHUB_APP_PRIVATE_KEY_FILE, and
     * optionally GITHUB_APP_INSTALLATION_ID (looked up from the repository otherwise).
     */
    public record App(String id, String privateKey, String privateKeyFile, String installationId) {

        public boolean configured() {
            return id != null && !id.isBlank();
        }
    }

    /**
     * Camel's redelivery in the write lane: a write that failed for a moment (a 5xx, a reset connection) is sent
     * again this many times, the first after {@code delay}, then doubling, before it goes back to the store.
     */
    public record Redelivery(int times, Duration delay) {

        public Redelivery {
            if (times < 0) {
                throw new InvalidSettingException("BRIDGE_GITHUB_REDELIVERIES", Integer.toString(times), "must be 0 or more", "2");
            }
            delay = delay == null ? Duration.ofSeconds(1) : delay;
            Settings.positive("BRIDGE_GITHUB_REDELIVERY_DELAY", delay, "PT1S");
        }
    }

    public GitHubProperties {
        app = app == null ? new App(null, null, null, null) : app;
        redelivery = redelivery == null ? new Redelivery(2, Duration.ofSeconds(1)) : redelivery;
        boolean tokenSet = token != null && !token.isBlank();
        if (tokenSet && app.configured()) {
            throw new InvalidSettingException("GITHUB_APP_ID", app.id(), "is set together with GITHUB_TOKEN: the bridge signs in "
                    + "with the App or with the token, not both (unset GITHUB_TOKEN or GITHUB_APP_ID)", "123456 with GITHUB_TOKEN unset");
        }
        if (app.configured()) {
            if (!app.id().strip().matches("\\d{1,20}")) {
                throw new InvalidSettingException("GITHUB_APP_ID", app.id(), "must be the App's numeric id", "123456");
            }
            boolean text = app.privateKey() != null && !app.privateKey().isBlank();
            boolean file = app.privateKeyFile() != null && !app.privateKeyFile().isBlank();
            if (text == file) {
                throw new InvalidSettingException("GITHUB_APP_PRIVATE_KEY", null, text
                        ? "is set together with GITHUB_APP_PRIVATE_KEY_FILE: give the key one way"
                        : "or GITHUB_APP_PRIVATE_KEY_FILE must be set with GITHUB_APP_ID", "the PEM text GitHub gave for the App");
            }
            if (app.installationId() != null && !app.installationId().isBlank() && !app.installationId().strip().matches("\\d{1,20}")) {
                throw new InvalidSettingException("GITHUB_APP_INSTALLATION_ID", app.installationId(), "must be a numeric installation id", "45678901");
            }
        }
        boolean dryRun = !tokenSet && !app.configured();
        if (!dryRun && (repository == null || !repository.matches(REPOSITORY))) {
            throw new InvalidSettingException("GITHUB_REPOSITORY", repository, "must be owner/name when GITHUB_TOKEN or GITHUB_APP_ID is set",
                    "acme/shop");
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
        for (String other : list(repositories)) {
            if (!other.matches(REPOSITORY)) {
                throw new InvalidSettingException("BRIDGE_REPOSITORIES", repositories, "must be a comma list of owner/name", "acme/payments,acme/search");
            }
        }
    }

    static final String REPOSITORY = "[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+";

    /** GITHUB_REPOSITORY first, then BRIDGE_REPOSITORIES: every repository the bridge may open issues in. */
    public List<String> repositoryList() {
        java.util.LinkedHashSet<String> all = new java.util.LinkedHashSet<>();
        if (repository != null && !repository.isBlank()) {
            all.add(repository);
        }
        list(repositories).stream().filter(r -> all.stream().noneMatch(r::equalsIgnoreCase)).forEach(all::add);
        return List.copyOf(all);
    }

    private static List<String> list(String items) {
        return items == null ? List.of()
                : Arrays.stream(items.split(",")).map(String::trim).filter(s -> !s.isEmpty()).distinct().toList();
    }


    public boolean dryRun() {
        return (token == null || token.isBlank()) && !app.configured();
    }

    public List<String> labelList() {
        return labelList(labels);
    }

    private static List<String> labelList(String labels) {
        return labels == null ? List.of()
                : Arrays.stream(labels.split(",")).map(String::trim).filter(s -> !s.isEmpty()).distinct().toList();
    }
}
