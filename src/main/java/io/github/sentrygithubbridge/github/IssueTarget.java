package io.github.sentrygithubbridge.github;

import java.util.List;

/**
 * Where a new issue goes and who sees it.
 *
 * @param repository owner/name, one of GITHUB_REPOSITORY and BRIDGE_REPOSITORIES; null = GITHUB_REPOSITORY
 * @param labels     the labels beyond BRIDGE_LABELS
 * @param assignees  GitHub logins
 */
public record IssueTarget(String repository, List<String> labels, List<String> assignees) {

    public static final IssueTarget DEFAULT = new IssueTarget(null, List.of(), List.of());
}
