package io.github.sentrygithubbridge.sentry;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One Sentry delivery, normalised: the same shape for event_alert, error, issue and metric_alert.
 *
 * @param resource       Sentry-Hook-Resource (event_alert, error, issue, metric_alert, installation, ...)
 * @param action         the payload's action (triggered, created, critical, resolved, ...)
 * @param kind           what the bridge files for it; {@link Kind#NONE} when nothing
 * @param key            dedup key: the Sentry issue id, {@code metric-alert:<rule id>:<incident identifier>}
 *                       for metric alerts, {@code event:<event id>} when no issue id can be found; null if none
 * @param sentryIssueId  the Sentry issue id, when the delivery names one
 * @param shortId        the issue's short id (PROJ-1A), when known
 * @param level          severity; missing = error; metric alerts: critical = fatal, warning = warning
 * @param title          Sentry's title for the event, issue or incident
 * @param exceptionType  type of the main (last) exception, if any
 * @param exceptionValue value of the main exception, if any
 * @param message        formatted log message for message events, if any
 * @param culprit        Sentry's culprit
 * @param environment    environment, from the event or its tags
 * @param release        release, from the event or its tags
 * @param eventId        the event id, when the delivery carries an event
 * @param eventTime      when the event (or issue, or incident) happened
 * @param eventUrl       link to the event in Sentry's UI (the payload's web_url)
 * @param issueUrl       link to the issue (or metric alert) in Sentry's UI
 * @param project        project slug or id
 * @param frames         frames of the main exception (or top-level stacktrace), crashing frame first
 * @param breadcrumbs    the most recent breadcrumbs (at most 10), oldest first
 * @param tags           selected tags only: nothing personal, no query strings
 * @param triggeredRule  the alert rule that fired, when named
 * @param description    extra text Sentry sends with metric alerts
 */
public record SentryAlert(
        String resource,
        String action,
        Kind kind,
        String key,
        String sentryIssueId,
        String shortId,
        Level level,
        String title,
        String exceptionType,
        String exceptionValue,
        String message,
        String culprit,
        String environment,
        String release,
        String eventId,
        Instant eventTime,
        String eventUrl,
        String issueUrl,
        String project,
        List<Frame> frames,
        List<Breadcrumb> breadcrumbs,
        Map<String, String> tags,
        String triggeredRule,
        String description) {

    /** The alert rule that fired, as routes and templates name it. */
    public String rule() {
        return triggeredRule;
    }

    /** What a delivery asks the bridge to file. */
    public enum Kind {
        /** event_alert.triggered, error.created: a full event. */
        EVENT,
        /** issue.created: the issue, without an event. */
        ISSUE,
        /** metric_alert.critical / warning: an incident. */
        METRIC,
        /** acknowledged, nothing to file (installation, comment, issue.resolved, metric_alert.resolved, ...). */
        NONE
    }

    /** One stack frame; {@code function} and {@code lineno} may be null. */
    public record Frame(String filename, Integer lineno, String function, boolean inApp) {
    }

    /** One breadcrumb; never its data map. */
    public record Breadcrumb(Instant timestamp, String category, String message, String level) {
    }
}
