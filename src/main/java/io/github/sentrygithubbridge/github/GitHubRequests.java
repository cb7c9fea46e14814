package io.github.sentrygithubbridge.github;

import io.github.sentrygithubbridge.sentry.SentryAlert;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.camel.ExchangeProperty;
import org.springframework.stereotype.Component;

/** The bodies of the GitHub writes the routes queue: a new issue, an update comment, a label. */
@Component("gitHubRequests")
public class GitHubRequests {

    /** GitHub's default grey; the label's colour is the repository owner's choice, not ours. */
    private static final String LABEL_COLOUR = "ededed";

    private final IssueRenderer renderer;
    private final List<String> labels;

    public GitHubRequests(IssueRenderer renderer, GitHubProperties properties) {
        this.renderer = renderer;
        this.labels = properties.labelList();
    }

    public IssueDraft newIssue(@ExchangeProperty("sentryAlert") SentryAlert alert) {
        return renderer.render(alert, labels);
    }

    /** The update comment: {@code events} arrived since the issue was opened or last updated at {@code since}. */
    public CommentDraft comment(SentryAlert alert, long events, Instant since) {
        return renderer.renderComment(alert, events, since);
    }

    public List<Map<String, String>> labels() {
        return labels.stream().map(name -> Map.of("name", name, "color", LABEL_COLOUR)).toList();
    }
}
