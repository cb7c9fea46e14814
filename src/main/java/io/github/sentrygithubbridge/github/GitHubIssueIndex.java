package io.github.sentrygithubbridge.github;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.sentrygithubbridge.lifecycle.GitHubIssue;
import io.github.sentrygithubbridge.state.PendingWrites;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
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
 * API (strongly consistent, on the core budget; never the Search API) and hands every issue with a Sentry
 * issue marker to the lifecycle. Done once at startup, before any creation, and before re-sending a creation that may
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

    /** The marked issues of one page, and the page to read next (null when done). */
    public record Page(List<GitHubIssue> found, Integer next) {
    }

    /** Issues opened more than once for one Sentry issue (and the same predecessor): the oldest is kept. */
    public record Duplicates(Long keep, List<Long> close) {
    }

    /** All the marked issues a read found, across its pages. */
    public static final String FOUND = "githubIssuesFound";

    private final ObjectMapper json;
    private final String labels;
    private final AtomicBoolean ready = new AtomicBoolean();

    public GitHubIssueIndex(ObjectMapper json, GitHubProperties properties) {
        this.json = json;
        this.labels = URLEncoder.encode(String.join(",", properties.labelList()), StandardCharsets.UTF_8);
    }

    /** The query of one page: the bridge's issues, open or closed, newest first. */
    public String query(@ExchangeProperty(PAGE) Integer page) {
        return "labels=" + labels + "&state=all&sort=created&direction=desc&per_page=" + PER_PAGE + "&page=" + page;
    }

    /**
     * The marked issues of a page, and the next page, or null when there is none to read. Pages stop at the issues
     * created before {@link #CREATED_SINCE} when it is set, else before the kept write being sent was accepted (a
     * creation looking for itself); the startup read, outside the lane, reads them all.
     */
    public Page page(@Body String page, @Header("Link") String link, @ExchangeProperty(PAGE) Integer current,
                     @ExchangeProperty(CREATED_SINCE) Long createdSince, @ExchangeProperty(PendingWrites.ACCEPTED_AT) Long acceptedAt,
                     @ExchangeProperty(FOUND) List<GitHubIssue> all) throws IOException {
        Long since = createdSince != null ? createdSince : acceptedAt;
        Instant oldest = null;
        List<GitHubIssue> found = new ArrayList<>();
        for (JsonNode issue : json.readTree(page)) {
            oldest = Instant.parse(issue.path("created_at").asText());
            if (issue.has("pull_request")) {
                continue;
            }
            GitHubIssue marked = GitHubIssues.issue(issue);
            if (marked.key() != null) {
                found.add(marked);
            }
        }
        LOG.debug("Read page {} of the GitHub issues: {} carry a Sentry issue marker", current, found.size());
        all.addAll(found);
        boolean more = link != null && NEXT.matcher(link).find();
        if (!more || (since != null && oldest != null && oldest.isBefore(Instant.ofEpochMilli(since).minus(CLOCK_SKEW)))) {
            return new Page(found, null);
        }
        return new Page(found, current + 1);
    }

    /** A fresh list for {@link #FOUND}. */
    public List<GitHubIssue> noneFound() {
        return new ArrayList<>();
    }

    /** The Sentry issues of which a read found more than one open issue with the same predecessor. */
    public List<String> duplicatedKeys(@ExchangeProperty(FOUND) List<GitHubIssue> found) {
        return openByKeyAndPredecessor(found.stream()).entrySet().stream().filter(e -> e.getValue().size() > 1)
                .map(e -> e.getKey().getKey()).distinct().toList();
    }

    /** Of the key's open issues with the same predecessor, the oldest to keep and the rest to close. */
    public Duplicates duplicatesOf(@ExchangeProperty("sentryIssueKey") String key, @ExchangeProperty(FOUND) List<GitHubIssue> found) {
        return openByKeyAndPredecessor(found.stream().filter(i -> key.equals(i.key()))).values().stream()
                .filter(numbers -> numbers.size() > 1).findFirst()
                .map(numbers -> new Duplicates(numbers.get(0), numbers.subList(1, numbers.size())))
                .orElse(new Duplicates(null, List.of()));
    }

    /** Open issues' numbers, lowest (oldest) first, by Sentry issue key and the issue they follow. */
    private static Map<Map.Entry<String, Long>, List<Long>> openByKeyAndPredecessor(Stream<GitHubIssue> issues) {
        return issues.filter(i -> !i.isClosed()).sorted(Comparator.comparingLong(GitHubIssue::number))
                .collect(Collectors.groupingBy(i -> new AbstractMap.SimpleImmutableEntry<>(i.key(), i.follows() == null ? 0L : i.follows()),
                        Collectors.mapping(GitHubIssue::number, Collectors.toList())));
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
