package io.github.sentrygithubbridge.github;

import io.github.sentrygithubbridge.sentry.SentryAlert;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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
    static final int VALUE_LIMIT = IssueModel.VALUE_LIMIT;

    // the keys the normaliser makes are plain tokens; anything else could close the HTML comment it sits in
    private static final Pattern KEY = Pattern.compile("[A-Za-z0-9_.:-]+");
    // read only where the bridge puts them, at the top of the body: a marker further down may be Sentry's text
    // (an exception message, a breadcrumb) quoted in the issue
    private static final Pattern MARKER = Pattern.compile("\\A\\s*<!-- sentry-github-bridge: (" + KEY.pattern() + ") -->");
    private static final Pattern FOLLOWS = Pattern.compile(MARKER.pattern() + "\\s*<!-- sentry-github-bridge-follows: (\\d{1,19}) -->");

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

    /** The issue a body says it follows (the line after the marker), or null. */
    public static Long followedNumber(String body) {
        Matcher m = FOLLOWS.matcher(body == null ? "" : body);
        return m.find() ? Long.valueOf(m.group(2)) : null;
    }

    /** The key of the marker a body starts with, if it has one. */
    public static Optional<String> markedKey(String body) {
        Matcher m = MARKER.matcher(body == null ? "" : body);
        return m.find() ? Optional.of(m.group(1)) : Optional.empty();
    }

    private final IssueTemplates templates;

    /** With the built-in templates. */
    public IssueRenderer() {
        this(IssueTemplates.builtIn());
    }

    @org.springframework.beans.factory.annotation.Autowired
    public IssueRenderer(IssueTemplates templates) {
        this.templates = templates;
    }

    /** The title and body the templates make, held to GitHub's limits; the marker is always the body's first line. */
    public IssueDraft render(SentryAlert alert, List<String> labels, List<String> assignees) {
        String title = cut(Markdown.title(templates.title(IssueModel.forTitle(alert))), TITLE_LIMIT);
        if (title.isEmpty()) {
            title = cut(Markdown.title("Sentry issue " + alert.key()), TITLE_LIMIT);
        }
        // a template's leading comment or blank lines would only push the text down
        String body = marker(alert.key()) + "\n\n" + templates.body(IssueModel.forBody(alert)).replaceFirst("^\\s*\\n", "");
        return new IssueDraft(title, truncate(body), labels, assignees);
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

    private static void item(StringBuilder md, String name, String value) {
        if (value != null) {
            md.append("- **").append(name).append(":** ").append(value).append('\n');
        }
    }

    /** Inline code for a summary value, or null when there is none. */
    private static String code(String value) {
        return present(value) ? Markdown.code(cut(oneLine(value), VALUE_LIMIT)) : null;
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
