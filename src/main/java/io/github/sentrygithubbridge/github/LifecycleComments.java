package io.github.sentrygithubbridge.github;

import io.github.sentrygithubbridge.sentry.SentryAlert;
import io.github.sentrygithubbridge.sentry.SentryStatus;

/** The comments that say why the bridge closed or reopened an issue; every value from Sentry escaped. */
final class LifecycleComments {

    private LifecycleComments() {
    }

    static String resolved(String key, SentryStatus status) {
        StringBuilder md = new StringBuilder(IssueRenderer.marker(key)).append("\n\n**Resolved in Sentry**");
        by(md, status);
        md.append(".\n\n");
        item(md, "In release", status.inRelease());
        if (status.inNextRelease()) {
            md.append("- **In:** the next release\n");
        }
        item(md, "In commit", status.inCommit());
        item(md, "Resolution", status.resolutionType());
        return md.toString();
    }

    static String metricResolved(String key) {
        return IssueRenderer.marker(key) + "\n\n**The metric alert is resolved in Sentry**: the incident is over.\n";
    }

    static String archived(String key, SentryStatus status) {
        StringBuilder md = new StringBuilder(IssueRenderer.marker(key)).append("\n\n**Archived in Sentry**");
        by(md, status);
        md.append(": ").append(archiveKind(status.substatus())).append(".\n");
        return md.toString();
    }

    static String unresolved(String key, SentryStatus status) {
        StringBuilder md = new StringBuilder(IssueRenderer.marker(key)).append("\n\n**Unresolved in Sentry**");
        by(md, status);
        md.append(": ").append(switch (status.substatus() == null ? "" : status.substatus()) {
            case "regressed" -> "the error came back after it was resolved (a regression)";
            case "escalating" -> "the issue is escalating";
            case "ongoing" -> "the issue is ongoing again";
            default -> "the issue is open again";
        }).append(".\n");
        return md.toString();
    }

    static String regression(SentryAlert alert, long events) {
        StringBuilder md = new StringBuilder(IssueRenderer.marker(alert.key()))
                .append("\n\n**Regression**: the error came back after this issue was closed as completed");
        md.append(events > 1 ? " (" + events + " events)" : "").append(".\n\n");
        item(md, "Release", alert.release());
        item(md, "Environment", alert.environment());
        String link = Markdown.link("View the latest event in Sentry", alert.eventUrl());
        if (link != null) {
            md.append("\n").append(link).append('\n');
        }
        return md.toString();
    }

    /** The line of a new issue opened for a regression; {@code repository} when the old issue is in another one. */
    static String regressionOf(long number, String repository) {
        return "**Regression of " + (repository == null ? "" : repository) + "#" + number + "**, which was closed as completed.\n\n";
    }

    private static String archiveKind(String substatus) {
        return switch (substatus == null ? "" : substatus) {
            case "archived_until_escalating" -> "until it escalates";
            case "archived_until_condition_met" -> "until a condition is met (a count, a number of users or a time)";
            case "archived_forever" -> "forever";
            default -> "archived";
        };
    }

    private static void by(StringBuilder md, SentryStatus status) {
        if (status.actor() != null && !Markdown.oneLine(status.actor()).isEmpty()) {
            md.append(" by ").append(Markdown.text(Markdown.oneLine(status.actor())));
        }
    }

    private static void item(StringBuilder md, String name, String value) {
        if (value != null && !Markdown.oneLine(value).isEmpty()) {
            md.append("- **").append(name).append(":** ").append(Markdown.code(IssueRenderer.cut(Markdown.oneLine(value),
                    IssueRenderer.VALUE_LIMIT))).append('\n');
        }
    }
}
