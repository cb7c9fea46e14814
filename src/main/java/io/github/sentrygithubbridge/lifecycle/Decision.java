package io.github.sentrygithubbridge.lifecycle;

import java.time.Instant;

/**
 * What the bridge makes of one delivery, read from the state it was decided on ({@code version}), and how Sentry
 * is answered.
 *
 * @param key            the Sentry issue's key
 * @param transition     the edge taken
 * @param version        the state's version it was decided on; the commit checks it is still current
 * @param issueNumber    the GitHub issue it concerns, when there is one
 * @param events         events counted since the issue was opened or last updated (for the update comment)
 * @param since          when the issue was opened or last updated
 * @param regression     a reopen that is a regression (gets the regression label)
 * @param outcome        accepted, duplicate or ignored
 * @param reason         a sentence for Sentry and the logs
 * @param kept           its write is in the store, with the transition
 * @param repository     the repository of {@code issueNumber} when it is not GITHUB_REPOSITORY, else null
 */
public record Decision(String key, Transition transition, long version, Long issueNumber, long events, Instant since,
                       boolean regression, String outcome, String reason, boolean kept, String repository) {

    public Decision(String key, Transition transition, long version, Long issueNumber, long events, Instant since,
                    boolean regression, String outcome, String reason, boolean kept) {
        this(key, transition, version, issueNumber, events, since, regression, outcome, reason, kept, null);
    }

    /** Whether it queues a write, so the write is rendered and committed. */
    public boolean writes() {
        return transition.write() != null;
    }

    /** A write still to be rendered and kept: the claim route loops until there is none. */
    public boolean pending() {
        return writes() && !kept;
    }

    /** Whether it opens a new GitHub issue, so the engineer's route may choose where and with which labels. */
    public boolean opensIssue() {
        return transition == Transition.OPEN_ISSUE || transition == Transition.OPEN_REGRESSION_ISSUE;
    }

    Decision asKept() {
        return new Decision(key, transition, version, issueNumber, events, since, regression, outcome, reason, true, repository);
    }

    /** The answer's HTTP status: 202 when a write was queued, 200 otherwise. */
    public int httpStatus() {
        return writes() ? 202 : 200;
    }

    static Decision ignore(String key, String reason) {
        return new Decision(key, Transition.IGNORE, -1, null, 0, null, false, "ignored", reason, false);
    }

    static Decision repeat(String key, String reason) {
        return new Decision(key, Transition.REPEAT, -1, null, 0, null, false, "duplicate", reason, false);
    }
}
