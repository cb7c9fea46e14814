package io.github.sentrygithubbridge.github;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
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

    /** How long a failed look-up of the bridge's own login waits before the next. */
    static final Duration LOGIN_RETRY = Duration.ofMinutes(1);
    /** The look-up runs on a webhook's thread, and GitHub waits 10 s for the answer. */
    static final Duration LONGEST_LOGIN_WAIT = Duration.ofSeconds(3);

    private final String token;
    private final GitHubAppSignIn app;
    private final String apiUrl;
    private final Duration loginWait;
    private volatile String login;
    private volatile long loginRetryAt;

    public GitHubToken(GitHubProperties properties, Clock clock, GitHubAccess access) {
        this.apiUrl = properties.apiUrl().replaceAll("/+$", "");
        this.loginWait = properties.timeout().compareTo(LONGEST_LOGIN_WAIT) < 0 ? properties.timeout() : LONGEST_LOGIN_WAIT;
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

    /**
     * The account the bridge writes as — the token's user ({@code GET /user}), or the App's bot ({@code <slug>[bot]},
     * from {@code GET /app}) — so that an event it sent is known as its own echo whatever it says. Asked once; null
     * while GitHub has not said (asked again a minute after a failure) and in a dry run.
     */
    public String login() {
        if (login != null || isMissing() || System.currentTimeMillis() < loginRetryAt) {
            return login;
        }
        synchronized (this) {
            if (login == null && System.currentTimeMillis() >= loginRetryAt) {
                try {
                    login = app != null ? app.botLogin() : userLogin();
                    LOG.info("The bridge writes to GitHub as {}: events it sends are its own", login);
                } catch (IOException | RuntimeException e) {
                    loginRetryAt = System.currentTimeMillis() + LOGIN_RETRY.toMillis();
                    LOG.warn("Could not learn the bridge's own GitHub login ({}); its echoes are told by what it changed until then", e.getMessage());
                }
            }
        }
        return login;
    }

    private String userLogin() throws IOException {
        HttpResponse<String> answer = GitHubAppSignIn.send(HttpClient.newBuilder().connectTimeout(loginWait).build(), "GET",
                apiUrl + "/user", token, loginWait);
        if (answer.statusCode() != 200) {
            throw new IOException("GET /user answered " + answer.statusCode());
        }
        String name = new ObjectMapper().readTree(answer.body()).path("login").asText(null);
        if (name == null || name.isBlank()) {
            throw new IOException("GET /user answered no login");
        }
        return name;
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
