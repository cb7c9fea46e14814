package io.github.sentrygithubbridge.github;

import io.github.sentrygithubbridge.sentry.Level;
import io.github.sentrygithubbridge.sentry.SentryAlert;
import io.github.sentrygithubbridge.sentry.SentryAlertNormaliser;
import io.github.sentrygithubbridge.sentry.SentryAlert.Breadcrumb;
import io.github.sentrygithubbridge.sentry.SentryAlert.Frame;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.springframework.stereotype.Component;

/**
 * Writes the GitHub issue for a Sentry alert, and the comment that updates it after a cooldown. Everything
 * from Sentry is untrusted text that goes through {@link Markdown}; nothing beyond the normalised alert is written.
 */
@Component("issueRenderer")
public class IssueRenderer {

    static final int TITLE_LIMIT = 256;
    /** GitHub refuses bodies of 65,536 characters or more; the margin is for whoever edits the issue later. */
    static final int BODY_LIMIT = 65_000;
    static final int FRAMES_SHOWN = 10;
    static final int BREADCRUMBS_SHOWN = 10;
    static final int BREADCRUMB_MESSAGE_LIMIT = 200;
    /** A summary value, frame part or table cell: Sentry text can be any length. */
    static final int VALUE_LIMIT = 300;

    // the keys the normaliser makes are plain tokens; anything else could close the HTML comment it sits in
    private static final Pattern KEY = Pattern.compile("[A-Za-z0-9_.:-]+");
    private static final Pattern FOLLOWS = Pattern.compile("<!-- sentry-github-bridge-follows: (\\d{1,19}) -->");
    private static final Pattern MARKER = Pattern.compile("<!-- sentry-github-bridge: (" + KEY.pattern() + ") -->");
    private static final DateTimeFormatter CLOCK_TIME = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneOffset.UTC);

    /** The hidden marker that ties a GitHub issue to its Sentry issue, so it can be found again. */
    public static String marker(String key) {
        if (key == null || !KEY.matcher(key).matches()) {
            throw new IllegalArgumentException("Not a marker key: " + key);
        }
        return "<!-- sentry-github-bridge: " + key + " -->";
    }

    /** The hidden line of an issue opened after an earlier one of the same Sentry issue: it is no duplicate of it. */
    public static String followsMarker(long number) {
        return "<!-- sentry-github-bridge-follows: " + number + " -->";
    }

    /** The issue a body says it follows, or null. */
    public static Long followedNumber(String body) {
        Matcher m = FOLLOWS.matcher(body == null ? "" : body);
        return m.find() ? Long.valueOf(m.group(1)) : null;
    }

    /** The key in the first marker of a body, if it has one. */
    public static Optional<String> markedKey(String body) {
        Matcher m = MARKER.matcher(body == null ? "" : body);
        return m.find() ? Optional.of(m.group(1)) : Optional.empty();
    }

    public IssueDraft render(SentryAlert alert, List<String> labels, List<String> assignees) {
        return new IssueDraft(title(alert), truncate(body(alert)), labels, assignees);
    }

    public CommentDraft renderComment(SentryAlert latest, long eventsSinceLastUpdate, Instant lastUpdate) {
        StringBuilder md = new StringBuilder(marker(latest.key())).append("\n\n");
        md.append("**").append(eventsSinceLastUpdate).append(eventsSinceLastUpdate == 1 ? " more event**" : " more events**");
        if (lastUpdate != null) {
            md.append(" since ").append(iso(lastUpdate));
        }
        md.append(".\n\n");
        item(md, "Latest event", latest.eventTime() == null ? null : iso(latest.eventTime()));
        item(md, "Release", code(latest.release()));
        item(md, "Environment", code(latest.environment()));
        String link = Markdown.link("View the latest event in Sentry", latest.eventUrl());
        if (link != null) {
            md.append('\n').append(link).append('\n');
        }
        return new CommentDraft(md.toString());
    }

    static String title(SentryAlert alert) {
        String what = Stream.of(exception(alert), alert.title(), alert.message())
                .filter(IssueRenderer::present)
                .findFirst()
                .orElse("Sentry issue " + alert.key());
        return cut("[" + level(alert).label() + "] " + Markdown.title(what), TITLE_LIMIT);
    }

    private static String body(SentryAlert alert) {
        StringBuilder md = new StringBuilder(marker(alert.key())).append("\n\n");
        item(md, "Level", Markdown.code(level(alert).label()));
        item(md, "Environment", code(alert.environment()));
        item(md, "Release", code(alert.release()));
        item(md, "Sentry issue", sentryIssue(alert));
        item(md, "Event time", alert.eventTime() == null ? null : iso(alert.eventTime()));
        item(md, "Culprit", code(alert.culprit()));
        item(md, "Project", code(alert.project()));
        item(md, "Alert rule", present(alert.triggeredRule()) ? cell(alert.triggeredRule(), VALUE_LIMIT) : null);
        String links = Stream.of(Markdown.link("View event in Sentry", alert.eventUrl()), Markdown.link("View issue in Sentry", alert.issueUrl()))
                .filter(Objects::nonNull)
                .reduce((a, b) -> a + " · " + b)
                .orElse(null);
        if (links != null) {
            md.append('\n').append(links).append('\n');
        }
        section(md, "Exception", exception(alert));
        section(md, "Message", alert.message());
        section(md, "Description", alert.description());
        appendFrames(md, alert.frames() == null ? List.of() : alert.frames());
        appendBreadcrumbs(md, alert.breadcrumbs() == null ? List.of() : alert.breadcrumbs());
        appendTags(md, alert.tags() == null ? Map.of() : alert.tags());

        md.append("\n---\n_Opened by sentry-github-bridge from a Sentry alert._\n");
        return md.toString();
    }

    /** The top in-app frames, crashing frame first; all frames when none is in-app. */
    private static void appendFrames(StringBuilder md, List<Frame> frames) {
        List<Frame> inApp = frames.stream().filter(Frame::inApp).toList();
        List<String> lines = (inApp.isEmpty() ? frames : inApp).stream()
                .map(IssueRenderer::frame)
                .filter(Objects::nonNull)
                .limit(FRAMES_SHOWN)
                .toList();
        if (lines.isEmpty()) {
            return;
        }
        md.append("\n### Stack trace\n\n").append(inApp.isEmpty() ? "All frames" : "In-app frames").append(", crashing frame first:\n\n")
                .append(Markdown.fence(String.join("\n", lines)));
    }

    /** {@code file:line in function}, leaving out what Sentry did not send; null when it sent nothing. */
    private static String frame(Frame f) {
        String file = present(f.filename()) ? oneLine(f.filename()) : null;
        String line = f.lineno() == null ? null : String.valueOf(f.lineno());
        String where = file != null && line != null ? file + ":" + line : file != null ? file : line != null ? "line " + line : null;
        String function = present(f.function()) ? "in " + oneLine(f.function()) : null;
        return where == null ? function : function == null ? where : where + " " + function;
    }

    /** The most recent breadcrumbs, oldest first. */
    private static void appendBreadcrumbs(StringBuilder md, List<Breadcrumb> breadcrumbs) {
        if (breadcrumbs.isEmpty()) {
            return;
        }
        md.append("\n### Breadcrumbs\n\n| Time (UTC) | Category | Message |\n|---|---|---|\n");
        for (Breadcrumb b : breadcrumbs.subList(Math.max(0, breadcrumbs.size() - BREADCRUMBS_SHOWN), breadcrumbs.size())) {
            md.append("| ").append(b.timestamp() == null ? "" : CLOCK_TIME.format(b.timestamp()))
                    .append(" | ").append(cell(b.category(), VALUE_LIMIT))
                    .append(" | ").append(cell(b.message(), BREADCRUMB_MESSAGE_LIMIT))
                    .append(" |\n");
        }
    }

    /** Only the tags that say where it happened: the others are the engineer's, for routing, and may be private. */
    private static void appendTags(StringBuilder md, Map<String, String> tags) {
        Map<String, String> shown = shownTags(tags);
        if (shown.isEmpty()) {
            return;
        }
        md.append("\n### Tags\n\n| Tag | Value |\n|---|---|\n");
        shown.forEach((k, v) -> md.append("| ").append(cell(k, VALUE_LIMIT)).append(" | ").append(cell(v, VALUE_LIMIT)).append(" |\n"));
    }

    static Map<String, String> shownTags(Map<String, String> tags) {
        Map<String, String> shown = new java.util.LinkedHashMap<>();
        tags.forEach((k, v) -> {
            if (SentryAlertNormaliser.SHOWN_TAGS.contains(k)) {
                shown.put(k, v);
            }
        });
        return shown;
    }

    private static void section(StringBuilder md, String heading, String text) {
        if (present(text)) {
            md.append("\n### ").append(heading).append("\n\n").append(Markdown.fence(text));
        }
    }

    private static void item(StringBuilder md, String name, String value) {
        if (value != null) {
            md.append("- **").append(name).append(":** ").append(value).append('\n');
        }
    }

    private static String sentryIssue(SentryAlert alert) {
        String id = code(alert.sentryIssueId());
        String shortId = code(alert.shortId());
        return id == null ? shortId : shortId == null ? id : id + " (" + shortId + ")";
    }

    private static String exception(SentryAlert alert) {
        boolean type = present(alert.exceptionType());
        boolean value = present(alert.exceptionValue());
        return type && value ? alert.exceptionType() + ": " + alert.exceptionValue()
                : type ? alert.exceptionType() : value ? alert.exceptionValue() : null;
    }

    private static Level level(SentryAlert alert) {
        return alert.level() == null ? Level.ERROR : alert.level();
    }

    /** Inline code for a summary value, or null when there is none. */
    private static String code(String value) {
        return present(value) ? Markdown.code(cut(oneLine(value), VALUE_LIMIT)) : null;
    }

    private static String cell(String value, int limit) {
        return Markdown.text(cut(oneLine(value), limit));
    }

    private static String oneLine(String text) {
        return Markdown.oneLine(text);
    }

    private static boolean present(String text) {
        return !Markdown.oneLine(text).isEmpty();
    }

    private static String iso(Instant instant) {
        return instant.truncatedTo(ChronoUnit.MILLIS).toString();
    }

    /** Cuts to at most {@code limit} characters with an ellipsis, never splitting a surrogate pair. */
    static String cut(String text, int limit) {
        if (text.length() <= limit) {
            return text;
        }
        return text.substring(0, safeEnd(text, limit - 1)) + "…";
    }

    /**
     * Keeps a body under GitHub's limit. Inside a code block the cut may fall anywhere, and the block is closed;
     * outside one it falls at a line end, so no inline code span is left open to expose what it held.
     */
    static String truncate(String body) {
        if (body.length() <= BODY_LIMIT) {
            return body;
        }
        int markerLine = body.indexOf('\n') + 1;
        int keep = BODY_LIMIT - 60;
        while (true) {
            String kept = body.substring(0, safeEnd(body, keep));
            String fence = openFence(kept);
            if (fence == null) {
                kept = kept.substring(0, Math.max(markerLine, kept.lastIndexOf('\n') + 1));
            }
            String tail = (fence == null ? "\n" : "\n" + fence + "\n\n")
                    + "_…truncated: " + (body.length() - kept.length()) + " characters omitted._\n";
            if (kept.length() + tail.length() <= BODY_LIMIT) {
                return kept + tail;
            }
            // a very long fence did not fit: cut earlier, never into the marker
            keep = Math.max(markerLine, BODY_LIMIT - tail.length());
        }
    }

    private static int safeEnd(String text, int end) {
        return end > 0 && Character.isHighSurrogate(text.charAt(end - 1)) ? end - 1 : end;
    }

    /** The fence left open at the end of the text, if any; the body only ever has fences at the start of a line. */
    private static String openFence(String text) {
        String open = null;
        for (String line : text.split("\n", -1)) {
            int ticks = 0;
            while (ticks < line.length() && line.charAt(ticks) == '`') {
                ticks++;
            }
            if (open == null && ticks >= 3) {
                open = line.substring(0, ticks);
            } else if (open != null && ticks >= open.length() && line.strip().length() == ticks) {
                open = null;
            }
        }
        return open;
    }
}
