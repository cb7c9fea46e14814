package io.github.sentrygithubbridge.github;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/** Keeps the token out of route text and logs; its absence switches the bridge to a dry run. */
@Component("gitHubToken")
public class GitHubToken {

    private static final Logger LOG = LoggerFactory.getLogger(GitHubToken.class);

    private final String token;

    public GitHubToken(GitHubProperties properties) {
        this.token = properties.dryRun() ? null : properties.token().trim();
        if (token == null) {
            LOG.warn("GITHUB_TOKEN is not set: dry run, issues are written as Markdown under BRIDGE_DATA_DIR/dry-run instead of GitHub");
        } else {
            LOG.info("Opening issues in {} through {}", properties.repository(), properties.apiUrl());
        }
    }

    public boolean isMissing() {
        return token == null;
    }

    /** The Authorization header value. */
    public String bearer() {
        if (token == null) {
            throw new IllegalStateException("no GITHUB_TOKEN: a dry run never calls GitHub");
        }
        return "Bearer " + token;
    }

    @Override
    public String toString() {
        return "GitHubToken[" + (token == null ? "missing" : "****") + "]";
    }
}
