package io.github.sentrygithubbridge.github;

import java.util.List;

/** Where a new issue goes and who sees it: the labels beyond BRIDGE_LABELS, and the assignees. */
public record IssueTarget(List<String> labels, List<String> assignees) {

    public static final IssueTarget DEFAULT = new IssueTarget(List.of(), List.of());
}
