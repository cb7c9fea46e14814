package io.github.sentrygithubbridge.github;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.sentrygithubbridge.state.PendingWrites;
import io.github.sentrygithubbridge.state.SentryIssues;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Pattern;
import org.apache.camel.Body;
import org.apache.camel.ExchangeProperty;
import org.apache.camel.Header;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * GitHub as the source of truth: reads the issues that carry the bridge's labels through the Issues list
 * API (strongly consistent, on the core budget; never the Search API) and files every Sentry issue whose
 * marker it finds. Done once at startup, before any creation, and before re-sending a creation that may
 * already have reached GitHub.
 */
@Component("gitHubIssueIndex")
public class GitHubIssueIndex {

    /** The page to read next; null when done. */
    public static final String PAGE = "githubIssuesPage";
    /** Stop after the issues created before this time (epoch ms); absent = read them all. */
    public static final String CREATED_SINCE = "githubIssuesCreatedSince";
    static final int PER_PAGE = 100;
    /** Replicas' clocks and GitHub's differ a little: look this much further back. */
    static final java.time.Duration CLOCK_SKEW = java.time.Duration.ofMinutes(5);

    private static final Logger LOG = LoggerFactory.getLogger(GitHubIssueIndex.class);
    private static final Pattern NEXT = Pattern.compile("<[^>]*>;\\s*rel=\"next\"");

    private final SentryIssues sentryIssues;
    private final ObjectMapper json;
    private final String labels;
    private final AtomicBoolean ready = new AtomicBoolean();

    public GitHubIssueIndex(SentryIssues sentryIssues, ObjectMapper json, GitHubProperties properties) {
        this.sentryIssues = sentryIssues;
        this.json = json;
        this.labels = URLEncoder.encode(String.join(",", properties.labelList()), StandardCharsets.UTF_8);
    }

    /** The query of one page: the bridge's issues, open or closed, newest first. */
    public String query(@ExchangeProperty(PAGE) Integer page) {
        return "labels=" + labels + "&state=all&sort=created&direction=desc&per_page=" + PER_PAGE + "&page=" + page;
    }

    /** Files the marked issues of a page and returns the next page, or null when there is none to read. */
    public Integer record(@Body String page, @Header("Link") String link, @ExchangeProperty(PAGE) Integer current,
                          @ExchangeProperty(CREATED_SINCE) Long createdSince) throws IOException {
        Instant oldest = null;
        int found = 0;
        for (JsonNode issue : json.readTree(page)) {
            oldest = Instant.parse(issue.path("created_at").asText());
            if (issue.has("pull_request")) {
                continue;
            }
            String key = IssueRenderer.markedKey(issue.path("body").asText(null)).orElse(null);
            if (key != null) {
                sentryIssues.found(key, issue.path("number").asLong(), Instant.parse(issue.path("updated_at").asText()));
                found++;
            }
        }
        LOG.debug("Read page {} of the GitHub issues: {} carry a Sentry issue marker", current, found);
        boolean more = link != null && NEXT.matcher(link).find();
        if (!more || (createdSince != null && oldest != null && oldest.isBefore(Instant.ofEpochMilli(createdSince).minus(CLOCK_SKEW)))) {
            return null;
        }
        return current + 1;
    }

    /** The query for the issue's comments made since the write was accepted (less a margin for clock skew). */
    public String commentsQuery(@ExchangeProperty(PendingWrites.ACCEPTED_AT) Long acceptedAt) {
        return "since=" + Instant.ofEpochMilli(acceptedAt).minus(CLOCK_SKEW) + "&per_page=" + PER_PAGE;
    }

    /** Whether the kept write's comment is already among the issue's comments. */
    public boolean hasComment(@Body String comments, @ExchangeProperty(PendingWrites.ID) Long writeId) throws IOException {
        String marker = PendingWrites.writeMarker(writeId);
        for (JsonNode comment : json.readTree(comments)) {
            if (comment.path("body").asText("").contains(marker)) {
                return true;
            }
        }
        return false;
    }

    /** Creations may go ahead: the issues already on GitHub are known. */
    public void markReady() {
        if (ready.compareAndSet(false, true)) {
            LOG.info("Read the issues already on GitHub: new issues can be opened");
        }
    }

    public boolean isReady() {
        return ready.get();
    }
}
