package io.github.sentrygithubbridge.github;

import io.github.sentrygithubbridge.lifecycle.Decision;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.camel.ExchangeProperty;
import org.springframework.stereotype.Component;

/** The answer of /internal/preview: what the bridge would do with a delivery, and exactly what it would write. */
@Component("issuePreview")
public class IssuePreview {

    private final String repository;

    public IssuePreview(GitHubProperties github) {
        // a dry run has none
        this.repository = github.repository() == null || github.repository().isBlank() ? null : github.repository();
    }

    public Map<String, Object> reply(@ExchangeProperty("decision") Decision decision, @ExchangeProperty("reason") String filtered,
                                     @ExchangeProperty("githubRequest") Object request,
                                     @ExchangeProperty("githubTargetFailure") String targetFailure) {
        Map<String, Object> reply = new LinkedHashMap<>();
        reply.put("decision", decision == null ? "ignore" : decision.transition().name().toLowerCase(Locale.ROOT).replace('_', '-'));
        reply.put("reason", decision == null ? filtered : decision.answer().reason());
        reply.put("repository", request instanceof NewIssue created && created.repository() != null ? created.repository() : repository);
        String title = null;
        String body = null;
        List<String> labels = List.of();
        List<String> assignees = List.of();
        if (request instanceof NewIssue created) {
            title = created.issue().title();
            body = created.issue().body();
            labels = created.issue().labels();
            assignees = created.issue().assignees();
        } else if (request instanceof CommentDraft comment) {
            body = comment.body();
        } else if (request instanceof IssueStateChange change) {
            body = change.comment();
        }
        reply.put("title", title);
        reply.put("body", body);
        reply.put("labels", labels);
        reply.put("assignees", assignees);
        if (targetFailure != null) {
            // the issue would still be filed, with BRIDGE_LABELS and nobody assigned
            reply.put("targetFailure", "the choose-github-target route failed: " + targetFailure);
        }
        return reply;
    }
}
