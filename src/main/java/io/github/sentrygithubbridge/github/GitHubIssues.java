package io.github.sentrygithubbridge.github;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.sentrygithubbridge.FailedRequests;
import io.github.sentrygithubbridge.RefusedRequestException;
import io.github.sentrygithubbridge.lifecycle.GitHubIssue;
import io.github.sentrygithubbridge.lifecycle.GitHubIssueEvent;
import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.camel.Body;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangeProperty;
import org.apache.camel.Header;
import org.apache.camel.Headers;
import org.apache.camel.http.base.HttpOperationFailedException;
import org.springframework.stereotype.Component;

/** Reads GitHub's issues — an answer to GET …/issues/{n}, an {@code issues} webhook — into what the lifecycle needs. */
@Component("gitHubIssues")
public class GitHubIssues {

    private final ObjectMapper json;
    private final GitHubToken signIn;
    private final java.util.List<String> repositories;
    private final String webUrl;

    public GitHubIssues(ObjectMapper json, GitHubProperties github, GitHubToken signIn) {
        this.signIn = signIn;
        this.json = json;
        this.repositories = github.repositoryList();
        // api.github.com serves github.com; GitHub Enterprise Server serves its API under /api/v3 of its own host
        String api = github.apiUrl().replaceAll("/+$", "");
        this.webUrl = api.equals("https://api.github.com") ? "https://github.com" : api.replaceFirst("/api/v3$", "");
    }

    /** What the engineer's on-github-issue-opened route gets as its body: the new issue and where it came from. */
    public Map<String, Object> opened(@ExchangeProperty("githubRepository") String repository,
                                      @ExchangeProperty("githubIssueNumber") Long number, @ExchangeProperty("githubIssueUrl") String url,
                                      @ExchangeProperty("sentryIssueId") String sentryIssueId,
                                      @ExchangeProperty("sentryAlert") io.github.sentrygithubbridge.sentry.SentryAlert alert) {
        Map<String, Object> opened = new java.util.LinkedHashMap<>();
        opened.put("repository", repository);
        opened.put("number", number);
        opened.put("url", url);
        opened.put("sentryIssueId", sentryIssueId);
        opened.put("title", alert == null ? null : alert.title());
        opened.put("level", alert == null || alert.level() == null ? null : alert.level().label());
        opened.put("environment", alert == null ? null : alert.environment());
        return opened;
    }

    /** The issue's page: the html_url of GitHub's answer to its creation, or made from the repository and number. */
    public String htmlUrl(@Body String body, @ExchangeProperty("githubIssueNumber") Long number,
                          @ExchangeProperty("githubRepository") String repository) {
        try {
            JsonNode answer = body == null || body.isEmpty() ? null : json.readTree(body);
            if (answer != null && answer.path("number").asLong() == number && answer.path("html_url").isTextual()) {
                return answer.path("html_url").asText();
            }
        } catch (IOException e) {
            // not GitHub's answer to the creation (the issue was found by its marker): made below
        }
        return webUrl + "/" + repository + "/issues/" + number;
    }

    /**
     * The issue as GitHub answered GET …/issues/{n}: gone on 301 (transferred), 404 or 410 (deleted); any other
     * failure is thrown, for the lane to retry or dead-letter like a failed write.
     */
    public GitHubIssue read(@Body String body, @Header(Exchange.HTTP_RESPONSE_CODE) Integer status, @Headers Map<String, Object> headers,
                            @ExchangeProperty("githubIssueNumber") Long number) throws IOException, HttpOperationFailedException {
        int code = status == null ? 0 : status;
        if (code == 301 || code == 404 || code == 410) {
            return GitHubIssue.goneIssue(number);
        }
        if (code < 200 || code >= 300) {
            throw FailedRequests.failed("GET issue #" + number, code, headers, body);
        }
        return issue(json.readTree(body));
    }

    /**
     * The number in the answer to a creation. Without a positive whole number the issue may well be on GitHub: the
     * write is kept and tried again, and a creation sent before looks for its marker on GitHub first.
     */
    public long createdNumber(@Body String body, @ExchangeProperty("sentryIssueKey") String key) throws UncertainWriteException {
        JsonNode number;
        try {
            number = body == null ? null : json.readTree(body).path("number");
        } catch (IOException e) {
            number = null;
        }
        if (number == null || !number.isIntegralNumber() || !number.canConvertToLong() || number.asLong() <= 0) {
            throw new UncertainWriteException("GitHub answered 201 without a usable issue number for Sentry issue " + key
                    + ": kept, and looked for by its marker before it is sent again");
        }
        return number.asLong();
    }

    /** The issue of a PATCH's answer (closed_at included), for the lane to remember its own close. */
    public GitHubIssue patched(@Body String body) throws IOException {
        return issue(json.readTree(body));
    }

    /**
     * An {@code issues} webhook of one of the bridge's repositories; null when the payload carries no issue or comes
     * from another repository (an organisation's webhook sees them all, and issue numbers repeat across them). One
     * that names no repository is refused: issue numbers mean nothing without it.
     */
    public GitHubIssueEvent event(@Body JsonNode payload) {
        JsonNode issue = payload.path("issue");
        if (!issue.isObject() || !issue.path("number").canConvertToLong()) {
            return null;
        }
        String from = payload.path("repository").path("full_name").asText(null);
        if (from == null || from.isBlank()) {
            throw new RefusedRequestException(400, "invalid", "the issues event names no repository (repository.full_name); GitHub always sends it");
        }
        if (repositories.stream().noneMatch(from::equalsIgnoreCase)) {
            return null;
        }
        String sender = payload.path("sender").path("login").asText(null);
        String self = sender == null ? null : signIn.login();
        return new GitHubIssueEvent(payload.path("action").asText(""), from, issue(issue), self != null && self.equalsIgnoreCase(sender));
    }

    static GitHubIssue issue(JsonNode issue) {
        List<String> labels = new ArrayList<>();
        issue.path("labels").forEach(label -> labels.add(label.isTextual() ? label.asText() : label.path("name").asText()));
        return new GitHubIssue(issue.path("number").asLong(), text(issue.path("state")), text(issue.path("state_reason")),
                instant(issue.path("closed_at")), instant(issue.path("created_at")),
                IssueRenderer.markedKey(issue.path("body").asText(null)).orElse(null), List.copyOf(labels), false,
                IssueRenderer.followedNumber(issue.path("body").asText(null)));
    }

    private static String text(JsonNode node) {
        return node.isTextual() ? node.asText() : null;
    }

    private static Instant instant(JsonNode node) {
        try {
            return node.isTextual() ? Instant.parse(node.asText()) : null;
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
