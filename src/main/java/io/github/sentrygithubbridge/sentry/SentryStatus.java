package io.github.sentrygithubbridge.sentry;

/**
 * A change of a Sentry issue's (or metric incident's) status, as an {@code issue} or {@code metric_alert}
 * delivery announces it.
 *
 * @param change         resolved, archived (Sentry's older word: ignored) or unresolved
 * @param substatus      why: regressed, escalating, ongoing, archived_until_escalating, archived_forever, ...
 * @param actor          who did it in Sentry (a user's or an application's name), when named
 * @param inRelease      resolved in this release ("latest" included)
 * @param inNextRelease  resolved in the next release
 * @param inCommit       resolved in this commit (its id or repository and id)
 * @param resolutionType how Sentry says it was resolved (now, in_release, in_next_release, in_commit)
 */
public record SentryStatus(String change, String substatus, String actor, String inRelease, boolean inNextRelease,
                           String inCommit, String resolutionType) {

    public static final String RESOLVED = "resolved";
    public static final String ARCHIVED = "archived";
    public static final String UNRESOLVED = "unresolved";

    public boolean isRegression() {
        return UNRESOLVED.equals(change) && "regressed".equals(substatus);
    }
}
