package io.github.sentrygithubbridge.lifecycle;

import java.time.Instant;

/**
 * What the bridge makes of one delivery, read from the state it was decided on ({@code version}), and how Sentry
 * is answered.
 *
 * @param key        the Sentry issue's key
 * @param transition the edge taken
 * @param version    the state's version it was decided on; the commit checks it is still current
 * @param issue      the GitHub issue it concerns, and what its write says of it
 * @param answer     how Sentry is answered
 * @param kept       its write is in the store, with the transition
 */
public record Decision(String key, Transition transition, long version, Concerning issue, Answer answer, boolean kept) {

    /**
     * The GitHub issue a decision concerns.
     *
     * @param number     the GitHub issue, when there is one
     * @param repository its repository when it is not GITHUB_REPOSITORY, else null
     * @param events     events counted since the issue was opened or last updated (for the update comment)
     * @param since      when the issue was opened or last updated
     * @param regression a reopen (or a new issue) that is a regression: it gets the regression label
     */
    public record Concerning(Long number, String repository, long events, Instant since, boolean regression) {

        static final Concerning NONE = new Concerning(null, null, 0, null, false);
    }

    /**
     * How Sentry is answered.
     *
     * @param outcome accepted, duplicate or ignored
     * @param reason  a sentence for Sentry and the logs
     */
    public record Answer(String outcome, String reason) {
    }

    static Decision accepted(String key, Transition transition, long version, Concerning issue, String reason) {
        return new Decision(key, transition, version, issue, new Answer("accepted", reason), false);
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
        return new Decision(key, transition, version, issue, answer, true);
    }

    /** The answer's HTTP status: 202 when a write was queued, 200 otherwise. */
    public int httpStatus() {
        return writes() ? 202 : 200;
    }

    static Decision ignore(String key, String reason) {
        return new Decision(key, Transition.IGNORE, -1, Concerning.NONE, new Answer("ignored", reason), false);
    }

    static Decision repeat(String key, String reason) {
        return new Decision(key, Transition.REPEAT, -1, Concerning.NONE, new Answer("duplicate", reason), false);
    }
}
