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

    /** A delivery of this resource and action, everything else named as it is found (nothing to file, level error, until said). */
    public static Builder of(String resource, String action) {
        return new Builder(resource, action);
    }

    /** Builds a {@link SentryAlert} field by field: each delivery's shape names only what it carries. */
    public static final class Builder {
        private final String resource;
        private final String action;
        private Kind kind = Kind.NONE;
        private String key;
        private String sentryIssueId;
        private String shortId;
        private Level level = Level.ERROR;
        private String title;
        private String exceptionType;
        private String exceptionValue;
        private String message;
        private String culprit;
        private String environment;
        private String release;
        private String eventId;
        private Instant eventTime;
        private String eventUrl;
        private String issueUrl;
        private String project;
        private List<Frame> frames = List.of();
        private List<Breadcrumb> breadcrumbs = List.of();
        private Map<String, String> tags = Map.of();
        private String triggeredRule;
        private String description;

        private Builder(String resource, String action) {
            this.resource = resource;
            this.action = action;
        }

        public Builder kind(Kind kind) {
            this.kind = kind;
            return this;
        }

        public Builder key(String key) {
            this.key = key;
            return this;
        }

        public Builder sentryIssueId(String sentryIssueId) {
            this.sentryIssueId = sentryIssueId;
            return this;
        }

        public Builder shortId(String shortId) {
            this.shortId = shortId;
            return this;
        }

        public Builder level(Level level) {
            this.level = level;
            return this;
        }

        public Builder title(String title) {
            this.title = title;
            return this;
        }

        public Builder exceptionType(String exceptionType) {
            this.exceptionType = exceptionType;
            return this;
        }

        public Builder exceptionValue(String exceptionValue) {
            this.exceptionValue = exceptionValue;
            return this;
        }

        public Builder message(String message) {
            this.message = message;
            return this;
        }

        public Builder culprit(String culprit) {
            this.culprit = culprit;
            return this;
        }

        public Builder environment(String environment) {
            this.environment = environment;
            return this;
        }

        public Builder release(String release) {
            this.release = release;
            return this;
        }

        public Builder eventId(String eventId) {
            this.eventId = eventId;
            return this;
        }

        public Builder eventTime(Instant eventTime) {
            this.eventTime = eventTime;
            return this;
        }

        public Builder eventUrl(String eventUrl) {
            this.eventUrl = eventUrl;
            return this;
        }

        public Builder issueUrl(String issueUrl) {
            this.issueUrl = issueUrl;
            return this;
        }

        public Builder project(String project) {
            this.project = project;
            return this;
        }

        public Builder frames(List<Frame> frames) {
            this.frames = frames;
            return this;
        }

        public Builder breadcrumbs(List<Breadcrumb> breadcrumbs) {
            this.breadcrumbs = breadcrumbs;
            return this;
        }

        public Builder tags(Map<String, String> tags) {
            this.tags = tags;
            return this;
        }

        public Builder triggeredRule(String triggeredRule) {
            this.triggeredRule = triggeredRule;
            return this;
        }

        public Builder description(String description) {
            this.description = description;
            return this;
        }

        public SentryAlert build() {
            return new SentryAlert(resource, action, kind, key, sentryIssueId, shortId, level, title, exceptionType, exceptionValue, message, culprit, environment, release, eventId, eventTime, eventUrl, issueUrl, project, frames, breadcrumbs, tags, triggeredRule, description);
        }
    }

    /** One stack frame; {@code function} and {@code lineno} may be null. */
    public record Frame(String filename, Integer lineno, String function, boolean inApp) {
    }

    /** One breadcrumb; never its data map. */
    public record Breadcrumb(Instant timestamp, String category, String message, String level) {
    }
}
