package io.github.sentrygithubbridge.github;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.sentrygithubbridge.lifecycle.GitHubIssue;
import io.github.sentrygithubbridge.state.DuplicateCheck;
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

    /** The read of the bridge's issues in progress (list-github-issues): a {@link Listing}. */
    public static final String LISTING = "githubIssuesRead";
    static final int PER_PAGE = 100;
    /** Replicas' clocks and GitHub's differ a little: look this much further back. */
    static final java.time.Duration CLOCK_SKEW = java.time.Duration.ofMinutes(5);

    private static final Logger LOG = LoggerFactory.getLogger(GitHubIssueIndex.class);
    private static final Pattern NEXT = Pattern.compile("<[^>]*>;\\s*rel=\"next\"");

    /** The marked issues read so far, across pages, and the page to read next (null when done). */
    public record Listing(List<GitHubIssue> found, Integer next) {

        /** The Sentry issues of which the read found more than one open issue with the same predecessor. */
        public List<String> duplicatedKeys() {
            return openByKeyAndPredecessor(found.stream()).entrySet().stream().filter(e -> e.getValue().size() > 1)
                    .map(e -> e.getKey().getKey()).distinct().toList();
        }
    }

    /** Issues opened more than once for one Sentry issue (and the same predecessor): the oldest is kept. */
    public record Duplicates(Long keep, List<Long> close) {
    }

    private final ObjectMapper json;
    private final String labels;
    private final AtomicBoolean ready = new AtomicBoolean();

    public GitHubIssueIndex(ObjectMapper json, GitHubProperties properties) {
        this.json = json;
        this.labels = URLEncoder.encode(String.join(",", properties.labelList()), StandardCharsets.UTF_8);
    }

    /** A read that has found nothing yet and reads the first page next. */
    public Listing firstPage() {
        return new Listing(List.of(), 1);
    }

    /** The query of the next page: the bridge's issues, open or closed, newest first. */
    public String query(@ExchangeProperty(LISTING) Listing listing) {
        return "labels=" + labels + "&state=all&sort=created&direction=desc&per_page=" + PER_PAGE + "&page=" + listing.next();
    }

    /**
     * The listing with a page read: its marked issues added, and the next page, or null when there is none to read.
     * Pages stop at the issues created before a duplicate check's time, else before the kept write being sent was
     * accepted (a creation looking for itself); the startup read, outside the lane, reads them all.
     */
    public Listing page(@Body String page, @Header("Link") String link, @ExchangeProperty(LISTING) Listing listing,
                        @ExchangeProperty("githubRequest") Object request, @ExchangeProperty(PendingWrites.ACCEPTED_AT) Long acceptedAt)
            throws IOException {
        Long since = request instanceof DuplicateCheck check ? Long.valueOf(check.since()) : acceptedAt;
        Instant oldest = null;
        List<GitHubIssue> found = new ArrayList<>(listing.found());
        int marked = 0;
        for (JsonNode issue : json.readTree(page)) {
            oldest = Instant.parse(issue.path("created_at").asText());
            if (issue.has("pull_request")) {
                continue;
            }
            GitHubIssue read = GitHubIssues.issue(issue);
            if (read.key() != null) {
                found.add(read);
                marked++;
            }
        }
        LOG.debug("Read page {} of the GitHub issues: {} carry a Sentry issue marker", listing.next(), marked);
        boolean more = link != null && NEXT.matcher(link).find();
        if (!more || (since != null && oldest != null && oldest.isBefore(Instant.ofEpochMilli(since).minus(CLOCK_SKEW)))) {
            return new Listing(List.copyOf(found), null);
        }
        return new Listing(List.copyOf(found), listing.next() + 1);
    }

    /** Of the key's open issues with the same predecessor, the oldest to keep and the rest to close. */
    public Duplicates duplicatesOf(@ExchangeProperty("sentryIssueKey") String key, @ExchangeProperty(LISTING) Listing listing) {
        return openByKeyAndPredecessor(listing.found().stream().filter(i -> key.equals(i.key()))).values().stream()
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
