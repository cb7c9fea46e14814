package io.github.sentrygithubbridge.github;

import io.github.sentrygithubbridge.lifecycle.SentryIssueLifecycle;
import java.util.List;
import org.apache.camel.ExchangeProperty;
import org.springframework.stereotype.Component;

/**
 * The repositories the bridge opens issues in: GITHUB_REPOSITORY and BRIDGE_REPOSITORIES. All of them are read at
 * startup, and each write goes to the repository of its Sentry issue's GitHub issue.
 */
@Component("gitHubRepositories")
public class GitHubRepositories {

    private final List<String> known;
    private final String main;
    private final SentryIssueLifecycle lifecycle;

    public GitHubRepositories(GitHubProperties github, SentryIssueLifecycle lifecycle) {
        this.known = github.repositoryList();
        this.main = github.repository();
        this.lifecycle = lifecycle;
    }

    /** Every repository to read at startup, GITHUB_REPOSITORY first. */
    public List<String> known() {
        return known;
    }

    /** Where a kept write goes: a creation where it was routed, anything else where its Sentry issue's GitHub issue is. */
    public String forWrite(@ExchangeProperty("githubRequest") Object request, @ExchangeProperty("sentryIssueKey") String key) {
        if (request instanceof NewIssue created && created.repository() != null) {
            return created.repository();
        }
        String stored = key == null ? null : lifecycle.repositoryOf(key);
        return stored == null ? main : stored;
    }

    /** Whether GitHub's webhook speaks of one of these repositories (an organisation's webhook sees them all). */
    public boolean isKnown(String repository) {
        return repository != null && known.stream().anyMatch(repository::equalsIgnoreCase);
    }
}
