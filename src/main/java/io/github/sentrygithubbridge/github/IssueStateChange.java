package io.github.sentrygithubbridge.github;

/**
 * A close or reopen the bridge will make: a comment saying why, then the new state.
 *
 * @param comment     the comment's Markdown
 * @param state       closed or open
 * @param stateReason completed or not_planned when closing; null when reopening
 * @param regression  a reopen that also gets the regression label
 */
public record IssueStateChange(String comment, String state, String stateReason, boolean regression) {
}
