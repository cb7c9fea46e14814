package io.github.sentrygithubbridge.github;

import org.apache.camel.ExchangeProperty;
import org.springframework.stereotype.Component;

/** What a dry run writes instead of calling GitHub: the issue or comment as a Markdown file. */
@Component("dryRunDocument")
public class DryRunDocument {

    public String render(@ExchangeProperty("githubRequest") Object request,
                         @ExchangeProperty("sentryIssueKey") String key) {
        if (request instanceof NewIssue created) {
            IssueDraft issue = created.issue();
            return "# " + issue.title() + "\n\nLabels: " + String.join(", ", issue.labels())
                    + (issue.assignees().isEmpty() ? "" : "\nAssignees: " + String.join(", ", issue.assignees())) + "\n\n" + issue.body() + "\n";
        }
        if (request instanceof CommentDraft comment) {
            return "# Comment on the issue of Sentry issue " + key + "\n\n" + comment.body() + "\n";
        }
        if (request instanceof IssueStateChange change) {
            return "# " + ("open".equals(change.state()) ? "Reopen" : "Close (" + change.stateReason() + ")")
                    + " the issue of Sentry issue " + key + (change.regression() ? ", as a regression" : "") + "\n\n"
                    + change.comment() + "\n";
        }
        return "# Label\n\n" + request + "\n";
    }
}
