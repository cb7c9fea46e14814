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
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * What the issue templates see: the normalised alert's fields by the same names, escaped for where they go, and
 * nothing else — no secret or personal data is in the alert, and only the tags that say where it happened are here.
 * Every value is fenced by {@link IssueTemplates}' invisible marks.
 */
final class IssueModel {

    static final int FRAMES_SHOWN = 10;
    static final int BREADCRUMBS_SHOWN = 10;
    static final int BREADCRUMB_MESSAGE_LIMIT = 200;
    /** A summary value, frame part or table cell: Sentry text can be any length. */
    static final int VALUE_LIMIT = 300;
    private static final DateTimeFormatter CLOCK_TIME = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneOffset.UTC);

    private IssueModel() {
    }

    /** For the title: plain text, one line, mentions and references inert (a title is not Markdown). */
    static Map<String, Object> forTitle(SentryAlert alert) {
        Map<String, Object> model = new HashMap<>();
        model.put("level", value(level(alert).label()));
        model.put("headline", value(Markdown.title(headline(alert))));
        for (var field : fields(alert).entrySet()) {
            model.put(field.getKey(), present(field.getValue()) ? value(Markdown.title(cut(Markdown.oneLine(field.getValue()), VALUE_LIMIT))) : null);
        }
        return model;
    }

    /** For the body: Markdown text, with inline code spans (*Code), fenced blocks (*Block) and tables' rows as lists. */
    static Map<String, Object> forBody(SentryAlert alert) {
        Map<String, Object> model = new HashMap<>();
        model.put("level", value(level(alert).label()));
        model.put("levelCode", value(Markdown.code(level(alert).label())));
        model.put("headline", value(cell(headline(alert), VALUE_LIMIT)));
        fields(alert).forEach((name, text) -> model.put(name, present(text) ? value(cell(text, VALUE_LIMIT)) : null));
        model.put("environmentCode", code(alert.environment()));
        model.put("releaseCode", code(alert.release()));
        model.put("culpritCode", code(alert.culprit()));
        model.put("projectCode", code(alert.project()));
        String id = code(alert.sentryIssueId());
        String shortId = code(alert.shortId());
        model.put("sentryIssueCode", id == null ? shortId : shortId == null ? id : id + " (" + shortId + ")");
        model.put("eventTime", alert.eventTime() == null ? null : value(iso(alert.eventTime())));
        String eventUrl = url(alert.eventUrl());
        String sentryUrl = url(alert.issueUrl());
        model.put("eventUrl", eventUrl);
        model.put("sentryUrl", sentryUrl);
        model.put("hasLinks", eventUrl != null || sentryUrl != null);
        model.put("hasBothLinks", eventUrl != null && sentryUrl != null);
        String exception = exception(alert);
        model.put("exception", exception == null ? List.of() : List.of(Map.of(
                "type", present(alert.exceptionType()) ? value(cell(alert.exceptionType(), VALUE_LIMIT)) : "",
                "value", present(alert.exceptionValue()) ? value(cell(alert.exceptionValue(), VALUE_LIMIT)) : "",
                "block", block(exception))));
        model.put("messageBlock", present(alert.message()) ? block(alert.message()) : null);
        model.put("descriptionBlock", present(alert.description()) ? block(alert.description()) : null);
        frames(alert, model);
        breadcrumbs(alert, model);
        List<Map<String, Object>> tags = new ArrayList<>();
        shownTags(alert.tags() == null ? Map.of() : alert.tags())
                .forEach((k, v) -> tags.add(Map.of("name", value(cell(k, VALUE_LIMIT)), "value", value(cell(v, VALUE_LIMIT)))));
        model.put("tags", tags);
        model.put("hasTags", !tags.isEmpty());
        return model;
    }

    /** Only the tags that say where it happened: the others are the engineer's, for routing, and may be private. */
    private static Map<String, String> shownTags(Map<String, String> tags) {
        Map<String, String> shown = new java.util.LinkedHashMap<>();
        tags.forEach((k, v) -> {
            if (SentryAlertNormaliser.SHOWN_TAGS.contains(k)) {
                shown.put(k, v);
            }
        });
        return shown;
    }

    /** The alert's text fields, by the names the templates use. */
    private static Map<String, String> fields(SentryAlert alert) {
        Map<String, String> fields = new HashMap<>();
        fields.put("environment", alert.environment());
        fields.put("release", alert.release());
        fields.put("title", alert.title());
        fields.put("culprit", alert.culprit());
        fields.put("project", alert.project());
        fields.put("rule", alert.rule());
        fields.put("shortId", alert.shortId());
        fields.put("sentryIssueId", alert.sentryIssueId());
        fields.put("message", alert.message());
        fields.put("description", alert.description());
        return fields;
    }

    /** The top in-app frames, crashing frame first; all frames when none is in-app. */
    private static void frames(SentryAlert alert, Map<String, Object> model) {
        List<Frame> all = alert.frames() == null ? List.of() : alert.frames();
        List<Frame> inApp = all.stream().filter(Frame::inApp).toList();
        List<Frame> shown = (inApp.isEmpty() ? all : inApp).stream().filter(f -> frame(f) != null).limit(FRAMES_SHOWN).toList();
        List<Map<String, Object>> frames = new ArrayList<>();
        for (Frame f : shown) {
            Map<String, Object> frame = new HashMap<>();
            frame.put("file", present(f.filename()) ? value(cell(f.filename(), VALUE_LIMIT)) : null);
            frame.put("line", f.lineno() == null ? null : value(String.valueOf(f.lineno())));
            frame.put("function", present(f.function()) ? value(cell(f.function(), VALUE_LIMIT)) : null);
            frame.put("inApp", f.inApp());
            frame.put("code", value(Markdown.code(frame(f))));
            frames.add(frame);
        }
        model.put("frames", frames);
        model.put("crashingFrame", frames.isEmpty() ? List.of() : List.of(frames.get(0)));
        model.put("framesInApp", !inApp.isEmpty());
        model.put("stackTraceBlock", shown.isEmpty() ? null
                : block(String.join("\n", shown.stream().map(IssueModel::frame).toList())));
    }

    /** {@code file:line in function}, leaving out what Sentry did not send; null when it sent nothing. */
    private static String frame(Frame f) {
        String file = present(f.filename()) ? Markdown.oneLine(f.filename()) : null;
        String line = f.lineno() == null ? null : String.valueOf(f.lineno());
        String where = file != null && line != null ? file + ":" + line : file != null ? file : line != null ? "line " + line : null;
        String function = present(f.function()) ? "in " + Markdown.oneLine(f.function()) : null;
        return where == null ? function : function == null ? where : where + " " + function;
    }

    /** The most recent breadcrumbs, oldest first. */
    private static void breadcrumbs(SentryAlert alert, Map<String, Object> model) {
        List<Breadcrumb> all = alert.breadcrumbs() == null ? List.of() : alert.breadcrumbs();
        List<Map<String, Object>> breadcrumbs = new ArrayList<>();
        for (Breadcrumb b : all.subList(Math.max(0, all.size() - BREADCRUMBS_SHOWN), all.size())) {
            Map<String, Object> crumb = new HashMap<>();
            crumb.put("time", b.timestamp() == null ? "" : value(CLOCK_TIME.format(b.timestamp())));
            crumb.put("category", value(cell(b.category(), VALUE_LIMIT)));
            crumb.put("message", value(cell(b.message(), BREADCRUMB_MESSAGE_LIMIT)));
            crumb.put("level", value(cell(b.level(), VALUE_LIMIT)));
            breadcrumbs.add(crumb);
        }
        model.put("breadcrumbs", breadcrumbs);
        model.put("hasBreadcrumbs", !breadcrumbs.isEmpty());
    }

    static String headline(SentryAlert alert) {
        return Stream.of(exception(alert), alert.title(), alert.message())
                .filter(IssueModel::present)
                .findFirst()
                .orElse("Sentry issue " + alert.key());
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

    /** A fenced block, without its last line break (the template's line gives it). */
    private static String block(String text) {
        String fenced = Markdown.fence(text);
        return value(fenced.substring(0, fenced.length() - 1));
    }

    private static String code(String text) {
        return present(text) ? value(Markdown.code(cut(Markdown.oneLine(text), VALUE_LIMIT))) : null;
    }

    private static String cell(String text, int limit) {
        return Markdown.text(cut(Markdown.oneLine(text), limit));
    }

    /** An http(s) address with what could end a Markdown link encoded; null for anything else. */
    private static String url(String url) {
        String link = Markdown.link("", url);
        return link == null ? null : IssueTemplates.URL + link.substring(3, link.length() - 1) + IssueTemplates.END;
    }

    private static String value(String text) {
        return IssueTemplates.VALUE + text.replaceAll("[\uE000-\uE002]", "") + IssueTemplates.END;
    }

    private static boolean present(String text) {
        return !Markdown.oneLine(text).isEmpty();
    }

    private static String iso(Instant instant) {
        return instant.truncatedTo(ChronoUnit.MILLIS).toString();
    }

    static String cut(String text, int limit) {
        return IssueRenderer.cut(text, limit);
    }
}
