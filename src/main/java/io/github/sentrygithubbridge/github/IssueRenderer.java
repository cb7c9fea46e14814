package io.github.sentrygithubbridge.github;

import io.github.sentrygithubbridge.sentry.SentryAlert;
import io.github.sentrygithubbridge.sentry.SentryAlert.Breadcrumb;
import io.github.sentrygithubbridge.sentry.SentryAlert.Frame;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.stereotype.Component;

/**
 * Writes the GitHub issue for a Sentry alert, and the comment that updates it after a cooldown. Everything
 * from Sentry is treated as untrusted text; nothing beyond the normalised alert is ever written.
 */
@Component("issueRenderer")
public class IssueRenderer {

    static final int TITLE_LIMIT = 256;
    /** GitHub refuses bodies of 65,536 characters or more; keep room for the truncation note. */
    static final int BODY_LIMIT = 65_000;
    static final int FRAMES_SHOWN = 10;
    static final int BREADCRUMB_MESSAGE_LIMIT = 200;

    private static final Pattern MARKER = Pattern.compile("<!-- sentry-github-bridge: (\\S+) -->");
    private static final DateTimeFormatter CLOCK_TIME = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneOffset.UTC);

    /** The hidden marker that ties a GitHub issue to its Sentry issue, so it can be found again. */
    public static String marker(String key) {
        return "<!-- sentry-github-bridge: " + key + " -->";
    }

    /** The key in a body's marker, if it has one. */
    public static Optional<String> markedKey(String body) {
        Matcher m = MARKER.matcher(body == null ? "" : body);
        return m.find() ? Optional.of(m.group(1)) : Optional.empty();
    }

    public IssueDraft render(SentryAlert alert, List<String> labels) {
        return new IssueDraft(title(alert), truncate(body(alert)), List.copyOf(labels));
    }

    public CommentDraft renderComment(SentryAlert latest, long eventsSinceLastUpdate, Instant lastUpdate) {
        StringBuilder md = new StringBuilder(marker(latest.key())).append("\n\n");
        md.append("**").append(eventsSinceLastUpdate).append(eventsSinceLastUpdate == 1 ? " more event" : " more events")
                .append("** since ").append(iso(lastUpdate)).append(".\n\n");
        row(md, "Latest event", latest.eventTime() == null ? null : iso(latest.eventTime()));
        row(md, "Release", codeOrNull(latest.release()));
        row(md, "Environment", codeOrNull(latest.environment()));
        if (latest.eventUrl() != null) {
            md.append("\n[View the latest event in Sentry](").append(latest.eventUrl()).append(")\n");
        }
        return new CommentDraft(truncate(md.toString()));
    }

    static String title(SentryAlert alert) {
        String what;
        if (alert.exceptionType() != null || alert.exceptionValue() != null) {
            what = alert.exceptionType() == null ? alert.exceptionValue()
                    : alert.exceptionValue() == null ? alert.exceptionType()
                    : alert.exceptionType() + ": " + alert.exceptionValue();
        } else if (alert.title() != null) {
            what = alert.title();
        } else if (alert.message() != null) {
            what = alert.message();
        } else {
            what = "Sentry issue " + alert.key();
        }
        return cut("[" + alert.level().label() + "] " + Markdown.oneLine(what), TITLE_LIMIT);
    }

    private static String body(SentryAlert alert) {
        StringBuilder md = new StringBuilder(marker(alert.key())).append("\n\n");
        row(md, "Level", "`" + alert.level().label() + "`");
        row(md, "Environment", codeOrNull(alert.environment()));
        row(md, "Release", codeOrNull(alert.release()));
        row(md, "Sentry issue", alert.sentryIssueId() == null ? null
                : codeOrNull(alert.sentryIssueId()) + (alert.shortId() == null ? "" : " (" + Markdown.code(alert.shortId()) + ")"));
        row(md, "Event time", alert.eventTime() == null ? null : iso(alert.eventTime()));
        row(md, "Culprit", codeOrNull(alert.culprit()));
        row(md, "Project", codeOrNull(alert.project()));
        row(md, "Alert rule", alert.triggeredRule() == null ? null : Markdown.text(alert.triggeredRule()));
        if (alert.eventUrl() != null || alert.issueUrl() != null) {
            md.append('\n');
            if (alert.eventUrl() != null) {
                md.append("[View event in Sentry](").append(alert.eventUrl()).append(")");
            }
            if (alert.issueUrl() != null) {
                md.append(alert.eventUrl() != null ? " · " : "").append("[View issue in Sentry](").append(alert.issueUrl()).append(")");
            }
            md.append('\n');
        }
        if (alert.exceptionType() != null || alert.exceptionValue() != null) {
            md.append("\n### Exception\n\n").append(Markdown.fence(join(alert.exceptionType(), alert.exceptionValue())));
        }
        if (alert.message() != null) {
            md.append("\n### Message\n\n").append(Markdown.fence(alert.message()));
        }
        if (alert.description() != null) {
            md.append("\n### Description\n\n").append(Markdown.fence(alert.description()));
        }
        appendFrames(md, alert.frames());
        appendBreadcrumbs(md, alert.breadcrumbs());
        appendTags(md, alert.tags());
        md.append("\n---\n_Opened by sentry-github-bridge from a Sentry `").append(alert.resource()).append("` alert._\n");
        return md.toString();
    }

    /** The top in-app frames, crashing frame first; all frames when none is in-app. */
    private static void appendFrames(StringBuilder md, List<Frame> frames) {
        List<Frame> inApp = frames.stream().filter(Frame::inApp).toList();
        List<Frame> shown = (inApp.isEmpty() ? frames : inApp).stream().limit(FRAMES_SHOWN).toList();
        if (shown.isEmpty()) {
            return;
        }
        StringBuilder lines = new StringBuilder();
        for (Frame f : shown) {
            String where = (f.filename() == null ? "?" : f.filename()) + (f.lineno() == null ? "" : ":" + f.lineno());
            lines.append(where).append(f.function() == null ? "" : " in " + f.function()).append('\n');
        }
        md.append("\n### Stack trace").append(inApp.isEmpty() ? "" : " (in-app frames)").append(", crashing frame first\n\n")
                .append(Markdown.fence(lines.toString().stripTrailing()));
    }

    private static void appendBreadcrumbs(StringBuilder md, List<Breadcrumb> breadcrumbs) {
        if (breadcrumbs.isEmpty()) {
            return;
        }
        md.append("\n### Breadcrumbs\n\n| time (UTC) | category | message |\n|---|---|---|\n");
        for (Breadcrumb b : breadcrumbs) {
            md.append("| ").append(b.timestamp() == null ? "" : CLOCK_TIME.format(b.timestamp()))
                    .append(" | ").append(Markdown.text(b.category()))
                    .append(" | ").append(Markdown.text(cut(Markdown.oneLine(b.message()), BREADCRUMB_MESSAGE_LIMIT)))
                    .append(" |\n");
        }
    }

    private static void appendTags(StringBuilder md, Map<String, String> tags) {
        if (tags.isEmpty()) {
            return;
        }
        md.append("\n### Tags\n\n| tag | value |\n|---|---|\n");
        tags.forEach((k, v) -> md.append("| ").append(Markdown.text(k)).append(" | ").append(Markdown.text(v)).append(" |\n"));
    }

    private static void row(StringBuilder md, String name, String value) {
        if (value != null) {
            md.append("- **").append(name).append(":** ").append(value).append('\n');
        }
    }

    private static String codeOrNull(String value) {
        return value == null ? null : Markdown.code(value);
    }

    private static String join(String type, String value) {
        return type == null ? value : value == null ? type : type + ": " + value;
    }

    private static String iso(Instant instant) {
        return instant.truncatedTo(ChronoUnit.MILLIS).toString();
    }

    /** Cuts to at most {@code limit} characters with an ellipsis, never splitting a surrogate pair. */
    static String cut(String text, int limit) {
        if (text.length() <= limit) {
            return text;
        }
        int end = limit - 1;
        if (Character.isHighSurrogate(text.charAt(end - 1))) {
            end--;
        }
        return text.substring(0, end) + "…";
    }

    /** Keeps the body under GitHub's limit: the marker stays at the top and an open fence is closed. */
    static String truncate(String body) {
        if (body.length() <= BODY_LIMIT) {
            return body;
        }
        String kept = cut(body, BODY_LIMIT).replaceAll("…$", "");
        StringBuilder out = new StringBuilder(kept);
        String openFence = openFence(kept);
        if (openFence != null) {
            out.append('\n').append(openFence).append('\n');
        }
        out.append("\n_…truncated: ").append(body.length() - kept.length()).append(" characters omitted._\n");
        return out.toString();
    }

    /** The fence left open at the end of the text, if any. */
    private static String openFence(String text) {
        String open = null;
        for (String line : text.split("\n", -1)) {
            String trimmed = line.strip();
            if (trimmed.startsWith("```")) {
                String ticks = trimmed.replaceAll("^(`+).*$", "$1");
                if (open == null) {
                    open = ticks;
                } else if (trimmed.equals(open)) {
                    open = null;
                }
            }
        }
        return open;
    }
}
