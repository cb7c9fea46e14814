package io.github.sentrygithubbridge.github;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/** The GitHub issue the bridge will open: exactly the JSON body of POST /repos/{o}/{r}/issues. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record IssueDraft(String title, String body, List<String> labels, List<String> assignees) {

    public IssueDraft {
        labels = labels == null ? List.of() : List.copyOf(labels);
        assignees = assignees == null ? List.of() : List.copyOf(assignees);
    }

    /** The same issue for nobody: GitHub refuses a whole creation over one login it cannot assign. */
    public IssueDraft withoutAssignees() {
        return new IssueDraft(title, body, labels, List.of());
    }
}
