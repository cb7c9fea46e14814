package io.github.sentrygithubbridge.github;

import java.io.IOException;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * How the bridge signs in to GitHub: GITHUB_TOKEN, or a GitHub App (GITHUB_APP_ID), or neither, which is the dry
 * run. Keeps the token out of route text and logs.
 */
@Component("gitHubToken")
public class GitHubToken {

    private static final Logger LOG = LoggerFactory.getLogger(GitHubToken.class);

    private final String token;
    private final GitHubAppSignIn app;

    public GitHubToken(GitHubProperties properties, Clock clock, GitHubAccess access) {
        this.token = properties.token() == null || properties.token().isBlank() ? null : properties.token().trim();
        this.app = properties.app().configured() ? new GitHubAppSignIn(properties, clock, access) : null;
        if (properties.dryRun()) {
            LOG.warn("Neither GITHUB_TOKEN nor GITHUB_APP_ID is set: dry run, issues are written as Markdown under BRIDGE_DATA_DIR/dry-run instead of GitHub");
        } else {
            LOG.info("Opening issues in {} through {}, signed in {}", properties.repository(), properties.apiUrl(),
                    app == null ? "with GITHUB_TOKEN" : "as GitHub App " + properties.app().id().strip());
        }
    }

    public boolean isMissing() {
        return token == null && app == null;
    }

    /** The Authorization header value; a GitHub App's installation token is fetched or renewed when due. */
    public String bearer(@org.apache.camel.ExchangeProperty("githubRepository") String repository) throws IOException {
        if (app != null) {
            return "Bearer " + app.token(repository);
        }
        if (token == null) {
            throw new IllegalStateException("no GITHUB_TOKEN: a dry run never calls GitHub");
        }
        return "Bearer " + token;
    }

    /** GitHub answered 401: an App's installation token is fetched anew; a GITHUB_TOKEN stays as it is. */
    void refused() {
        if (app != null) {
            app.refused();
        }
    }

    /** Whether a 401 may pass with a new token. */
    boolean renewable() {
        return app != null;
    }

    @Override
    public String toString() {
        return "GitHubToken[" + (isMissing() ? "missing" : app != null ? "GitHub App" : "****") + "]";
    }
}
