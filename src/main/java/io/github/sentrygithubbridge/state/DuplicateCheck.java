package io.github.sentrygithubbridge.state;

/**
 * A kept look for issues GitHub opened twice for one Sentry issue (a creation it answered too late).
 *
 * @param since the creations to look at: those since this time (epoch milliseconds; 0 for all)
 */
public record DuplicateCheck(long since) {
}
