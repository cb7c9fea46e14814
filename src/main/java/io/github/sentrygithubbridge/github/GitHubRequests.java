package io.github.sentrygithubbridge.github;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.sentrygithubbridge.lifecycle.Decision;
import io.github.sentrygithubbridge.lifecycle.GitHubIssue;
import io.github.sentrygithubbridge.sentry.SentryAlert;
import io.github.sentrygithubbridge.sentry.SentryStatus;
import io.github.sentrygithubbridge.sentry.SentryStatusUpdate;
import io.github.sentrygithubbridge.state.DuplicateCheck;
import io.github.sentrygithubbridge.state.PendingWrites;
import io.github.sentrygithubbridge.state.WriteAction;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.camel.ExchangeProperty;
import org.springframework.stereotype.Component;

/** The bodies of the GitHub writes: rendered when a delivery is decided, read back when the lane sends them. */
@Component("gitHubRequests")
public class GitHubRequests {

    private final IssueRenderer renderer;
    private final ObjectMapper json;
    private final List<String> labels;
    private final String regressionLabel;
    private final String repository;
    private final OutgoingSecrets secrets;

    public GitHubRequests(IssueRenderer renderer, ObjectMapper json, GitHubProperties properties,
                          io.github.sentrygithubbridge.lifecycle.LifecycleProperties lifecycle, OutgoingSecrets secrets) {
        this.secrets = secrets;
        this.renderer = renderer;
        this.json = json;
        this.labels = properties.labelList();
        this.repository = properties.repository() == null || properties.repository().isBlank() ? null : properties.repository();
        this.regressionLabel = lifecycle.regressionLabel();
    }

    /** The write a decision queues: a new issue, an update comment, or a close or reopen with its comment. */
    public Object render(@ExchangeProperty("decision") Decision decision, @ExchangeProperty("sentryAlert") SentryAlert alert,
                         @ExchangeProperty("sentryStatus") SentryStatus status, @ExchangeProperty("githubTarget") IssueTarget target) {
        String key = alert.key();
        return switch (decision.transition()) {
            case OPEN_ISSUE -> new NewIssue(follows(issue(alert, target), decision.issue().number(), ""), alert,
                    repository(target));
            case OPEN_REGRESSION_ISSUE -> new NewIssue(follows(issue(alert, target), decision.issue().number(),
                    decision.issue().number() == null ? "" : LifecycleComments.regressionOf(decision.issue().number(),
                            elsewhere(decision.issue().repository(), repository(target)))), alert, repository(target));
            case UPDATE -> renderer.renderComment(alert, decision.issue().events(), decision.issue().since());
            case RESOLVE -> new IssueStateChange(status == null || "metric_alert".equals(alert.resource())
                    ? LifecycleComments.metricResolved(key) : LifecycleComments.resolved(key, status), "closed", "completed", false);
            case ARCHIVE -> new IssueStateChange(LifecycleComments.archived(key, status), "closed", "not_planned", false);
            case UNRESOLVE -> new IssueStateChange(LifecycleComments.unresolved(key, status), "open", null, decision.issue().regression());
            case REGRESS -> new IssueStateChange(LifecycleComments.regression(alert, decision.issue().events()), "open", null, true);
            case REPEAT, IGNORE -> throw new IllegalArgumentException(decision.transition() + " writes nothing");
        };
    }

    /** The issue the templates make, with any configured secret Sentry's text quoted masked. */
    private IssueDraft issue(SentryAlert alert, IssueTarget target) {
        IssueDraft draft = renderer.render(alert, labels(target), assignees(target));
        return new IssueDraft(secrets.masked(draft.title()), secrets.masked(draft.body()), draft.labels(), draft.assignees());
    }

    /** BRIDGE_LABELS, then those the engineer's route chose. */
    private List<String> labels(IssueTarget target) {
        return target == null ? labels : Stream.concat(labels.stream(), target.labels().stream()).distinct().toList();
    }

    /** The old issue's repository when the new one goes to another: GitHub reads a bare #N as one of its own repository. */
    private String elsewhere(String old, String now) {
        String was = old == null ? repository : old;
        return was == null || was.equalsIgnoreCase(now) ? null : was;
    }

    /** The repository of a new issue: the one chosen, else GITHUB_REPOSITORY. */
    private String repository(IssueTarget target) {
        return target == null || target.repository() == null ? repository : target.repository();
    }

    private static List<String> assignees(IssueTarget target) {
        return target == null ? List.of() : target.assignees();
    }

    /**
     * A new issue of a Sentry issue that had one (a regression, or the old one deleted) says so in a hidden line, so
     * that it is never taken for a duplicate of it; the marker stays the first line.
     */
    private static IssueDraft follows(IssueDraft issue, Long previous, String text) {
        if (previous == null) {
            return issue;
        }
        int afterMarker = issue.body().indexOf('\n') + 1;
        String body = issue.body().substring(0, afterMarker) + IssueRenderer.followsMarker(previous) + "\n\n" + text
                + issue.body().substring(afterMarker);
        return new IssueDraft(issue.title(), IssueRenderer.truncate(body), issue.labels(), issue.assignees());
    }

    /** The comment on an issue opened twice for one Sentry issue (a creation GitHub answered late): where the other is. */
    public CommentDraft duplicateComment(@ExchangeProperty("githubDuplicates") GitHubIssueIndex.Duplicates duplicates,
                                         @ExchangeProperty("sentryIssueKey") String key) {
        return new CommentDraft(IssueRenderer.marker(key) + "\n\nDuplicate of #" + duplicates.keep()
                + ": GitHub took a creation it had answered too late, and the bridge sent it again. Closed by the bridge.\n");
    }

    /** The PATCH that closes such a duplicate. */
    public Map<String, Object> duplicateClose() {
        return Map.of("state", "closed", "state_reason", "duplicate");
    }

    /** A kept write read back for the lane; a comment gets its write's hidden id, to be recognised after a crash. */
    public Object read(@ExchangeProperty("githubAction") String action, @ExchangeProperty(PendingWrites.REQUEST) String request,
                       @ExchangeProperty(PendingWrites.ID) long writeId) throws JsonProcessingException {
        WriteAction kept = WriteAction.of(action);
        if (kept == null) {
            return json.readValue(request, Map.class);
        }
        return switch (kept) {
            case CREATE -> {
                JsonNode issue = json.readTree(request);
                NewIssue created = issue.has("issue") ? json.treeToValue(issue, NewIssue.class)
                        : new NewIssue(json.treeToValue(issue, IssueDraft.class), null, null);
                yield created.repository() == null ? new NewIssue(created.issue(), created.alert(), repository) : created;
            }
            case COMMENT -> new CommentDraft(json.readValue(request, CommentDraft.class).body() + "\n" + PendingWrites.writeMarker(writeId));
            case CLOSE, REOPEN -> {
                IssueStateChange change = json.readValue(request, IssueStateChange.class);
                yield new IssueStateChange(change.comment() + "\n" + PendingWrites.writeMarker(writeId), change.state(),
                        change.stateReason(), change.regression());
            }
            case SENTRY_STATUS -> json.readValue(request, SentryStatusUpdate.class);
            case CHECK_DUPLICATES -> json.readValue(request, DuplicateCheck.class);
        };
    }

    /** The reason a close means to give (completed, not_planned); null for a reopen or a comment. */
    public String closeReason(@ExchangeProperty("githubRequest") Object request) {
        return request instanceof IssueStateChange change && "closed".equals(change.state()) ? change.stateReason() : null;
    }

    /** The comment a write posts: an update comment itself, or the comment of a close or reopen. */
    public CommentDraft comment(@ExchangeProperty("githubRequest") Object request) {
        return request instanceof IssueStateChange change ? new CommentDraft(change.comment()) : (CommentDraft) request;
    }

    /**
     * The PATCH of a close or reopen. A regression adds its label to those the issue has (PATCH replaces them); an
     * update comment that found its issue closed ({@code verdict} reopen) reopens it as a regression.
     */
    public Map<String, Object> stateChange(@ExchangeProperty("githubRequest") Object request,
                                           @ExchangeProperty("githubIssue") GitHubIssue issue) {
        IssueStateChange change = request instanceof IssueStateChange c ? c : new IssueStateChange("", "open", null, true);
        Map<String, Object> patch = new LinkedHashMap<>();
        patch.put("state", change.state());
        if (change.stateReason() != null) {
            patch.put("state_reason", change.stateReason());
        }
        if (change.regression() && !issue.labels().contains(regressionLabel)) {
            List<String> withRegression = new ArrayList<>(issue.labels());
            withRegression.add(regressionLabel);
            patch.put("labels", withRegression);
        }
        return patch;
    }

}
