package io.github.sentrygithubbridge.github;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.stereotype.Component;

/**
 * /health's "github": whether GitHub takes the bridge's credentials for the repository, as its answers show. A setup
 * that can never work (a wrong token, a repository the token cannot see, a missing permission) is DOWN with the
 * reason, logged at ERROR once per change and exported as {@code bridge_github_access}; deliveries are still
 * accepted and kept, to be written once it is fixed. An outage (5xx, rate limits) is not a setup error.
 */
@Component("github")
public class GitHubAccess implements HealthIndicator {

    private static final Logger LOG = LoggerFactory.getLogger(GitHubAccess.class);

    private final GitHubProperties github;
    private final AtomicReference<String> problem = new AtomicReference<>();

    public GitHubAccess(GitHubProperties github, MeterRegistry registry) {
        this.github = github;
        Gauge.builder("bridge.github.access", problem, p -> p.get() == null ? 1 : 0)
                .description("1 while GitHub takes the bridge's credentials for the repository, 0 while it refuses them")
                .register(registry);
    }

    @Override
    public Health health() {
        if (github.dryRun()) {
            return Health.up().withDetail("mode", "dry run: no GITHUB_TOKEN").build();
        }
        String reason = problem.get();
        // the reason as the status's description: /health shows it without showing every component's details
        return reason == null ? Health.up().withDetail("repository", github.repository()).build()
                : Health.status(new Status(Status.DOWN.getCode(), reason)).withDetail("repository", github.repository()).build();
    }

    /** Learns from one of GitHub's answers: {@code requestLine} is "METHOD /path", {@code status} its HTTP status. */
    void answered(String requestLine, int status, boolean rateLimited) {
        String reason = reason(requestLine == null ? "" : requestLine, status, rateLimited);
        if (status >= 200 && status < 300) {
            String was = problem.getAndSet(null);
            if (was != null) {
                LOG.info("GitHub takes the bridge's credentials for {} again: writes go out", github.repository());
            }
        } else if (reason != null && !reason.equals(problem.getAndSet(reason))) {
            LOG.error("GitHub refuses the bridge's setup: {}. Deliveries are accepted and kept until it is fixed", reason);
        }
    }

    private String reason(String requestLine, int status, boolean rateLimited) {
        String path = requestLine.toLowerCase(Locale.ROOT);
        // the repository the request went to, among GITHUB_REPOSITORY and BRIDGE_REPOSITORIES
        String named = github.repositoryList().stream().filter(r -> path.contains("/repos/" + r.toLowerCase(Locale.ROOT) + "/")
                || path.endsWith("/repos/" + r.toLowerCase(Locale.ROOT))).findFirst().orElse(github.repository());
        String repository = "/repos/" + named.toLowerCase(Locale.ROOT);
        if (github.app().configured()) {
            // an installation token GitHub stops taking is replaced at once: only the App's own sign-in can fail for good
            if (path.contains("/app/installations/") || path.endsWith("/installation")) {
                return switch (status) {
                    case 401 -> "bad credentials: GitHub refused the App's JWT (check GITHUB_APP_ID and GITHUB_APP_PRIVATE_KEY)";
                    case 404 -> "the GitHub App " + github.app().id().strip() + " is not installed on " + github.repository()
                            + " (or GITHUB_APP_INSTALLATION_ID is wrong)";
                    default -> null;
                };
            }
            if (status == 401) {
                return null;
            }
        }
        return switch (status) {
            case 401 -> "bad credentials: GitHub answered 401 (check GITHUB_TOKEN)";
            // a missing issue answers 404 too: only the repository's own addresses say the repository is not there
            case 404 -> path.endsWith(repository) || path.contains(repository + "/issues?") || path.endsWith(repository + "/issues")
                    ? "repository not found: GitHub answered 404 for " + named
                    + " (check GITHUB_REPOSITORY, and that the token can see it)" : null;
            case 403 -> rateLimited ? null : "missing permission: GitHub answered 403 to " + requestLine
                    + " (the token needs issues: write on " + named + ")";
            default -> null;
        };
    }
}
