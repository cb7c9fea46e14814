package io.github.sentrygithubbridge.sentry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import io.github.sentrygithubbridge.sentry.SentryAlert.Breadcrumb;
import io.github.sentrygithubbridge.sentry.SentryAlert.Frame;
import io.github.sentrygithubbridge.sentry.SentryAlert.Kind;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.camel.Body;
import org.apache.camel.Header;
import org.springframework.stereotype.Component;

/**
 * Reads any Sentry delivery into one {@link SentryAlert}: lenient with odd values, because real deliveries differ
 * from the documented ones, strict only where a delivery to be filed cannot be understood; never takes anything
 * personal or secret (frame vars, request, user, breadcrumb data).
 */
@Component("sentryAlertNormaliser")
public class SentryAlertNormaliser {

    static final int BREADCRUMBS_KEPT = 10;

    /** Tags that say where an error happened without saying who hit it: the ones an issue shows. */
    public static final Set<String> SHOWN_TAGS = Set.of("browser", "browser.name", "os", "os.name", "runtime", "runtime.name",
            "device", "device.family", "server_name", "transaction", "handled", "mechanism", "logger", "level", "url",
            "release", "environment");

    // user, user.email, sentry:user, ip, client_ip, email, ip_address, ...
    private static final Pattern PERSONAL_TAG = Pattern.compile("(?i)(^|[^a-z])(user|username|ip|email|e-mail|ip_address|client_ip|phone)($|[^a-z])");
    // the same rule as issue_id: at most 20 digits
    private static final Pattern ISSUE_IN_URL = Pattern.compile("/issues/(\\d{1,20})(?![0-9])");
    // ids become dedup keys and a marker in a GitHub issue body: only plain tokens may get that far
    private static final Pattern ISSUE_ID = Pattern.compile("\\d{1,20}");
    private static final Pattern KEY_PART = Pattern.compile("[A-Za-z0-9_.-]{1,100}");

    public SentryAlert normalise(@Header("Sentry-Hook-Resource") String resourceHeader, @Body JsonNode payload) {
        if (payload == null || !payload.isObject()) {
            throw new MalformedDeliveryException("the body must be a JSON object, got " + describe(payload));
        }
        JsonNode data = payload.path("data");
        String resource = resourceHeader == null || resourceHeader.isBlank() ? inferResource(data) : resourceHeader.trim();
        String action = text(payload.path("action"));
        return switch (resource) {
            case "event_alert" -> event(resource, action == null ? "triggered" : action, "triggered", data, "event");
            case "error" -> event(resource, action == null ? "created" : action, "created", data, "error");
            case "issue" -> issue(action, data);
            case "metric_alert" -> metric(action, data);
            default -> nothing(resource, action, data);
        };
    }

    /**
     * The status change an {@code issue} (resolved, archived or ignored, unresolved) or {@code metric_alert}
     * (resolved) delivery announces; null for any other delivery.
     */
    public SentryStatus status(@Header("Sentry-Hook-Resource") String resourceHeader, @Body JsonNode payload) {
        if (payload == null || !payload.isObject()) {
            return null;
        }
        JsonNode data = payload.path("data");
        String resource = resourceHeader == null || resourceHeader.isBlank() ? inferResource(data) : resourceHeader.trim();
        String action = text(payload.path("action"));
        String actor = text(payload.path("actor").path("name"));
        if ("metric_alert".equals(resource)) {
            return "resolved".equals(action) ? new SentryStatus(SentryStatus.RESOLVED, null, actor, null, false, null, null) : null;
        }
        if (!"issue".equals(resource) || action == null) {
            return null;
        }
        JsonNode issue = data.path("issue");
        JsonNode details = issue.path("statusDetails");
        String substatus = text(issue.path("substatus"));
        return switch (action) {
            case "resolved" -> new SentryStatus(SentryStatus.RESOLVED, substatus, actor, text(details.path("inRelease")),
                    details.path("inNextRelease").asBoolean(false), commit(details.path("inCommit")),
                    text(data.path("resolution_type")));
            case "archived", "ignored" -> new SentryStatus(SentryStatus.ARCHIVED, substatus == null ? archiveKind(details) : substatus,
                    actor, null, false, null, null);
            case "unresolved" -> new SentryStatus(SentryStatus.UNRESOLVED, substatus, actor, null, false, null, null);
            default -> null;
        };
    }

    /** Older deliveries name no substatus: the details say how long the archive lasts. */
    private static String archiveKind(JsonNode details) {
        if (details.path("ignoreUntilEscalating").asBoolean(false)) {
            return "archived_until_escalating";
        }
        if (details.has("ignoreCount") || details.has("ignoreDuration") || details.has("ignoreUserCount")
                || details.has("ignoreWindow")) {
            return "archived_until_condition_met";
        }
        return "archived_forever";
    }

    private static String commit(JsonNode commit) {
        if (commit.isObject()) {
            String id = firstNonNull(text(commit.path("id")), text(commit.path("commit")));
            String repository = firstNonNull(text(commit.path("repository")), text(commit.path("repository").path("name")));
            return id == null ? null : repository == null ? id : repository + "@" + id;
        }
        return text(commit);
    }

    private SentryAlert event(String resource, String action, String filedAction, JsonNode data, String field) {
        JsonNode event = data.path(field);
        boolean filed = filedAction.equals(action);
        if (!event.isObject()) {
            if (filed) {
                throw new MalformedDeliveryException(resource + " " + action + " needs data." + field
                        + " to be a JSON object, got " + describe(event));
            }
            return nothing(resource, action, data);
        }
        Map<String, String> allTags = tags(event.path("tags"));
        String issueId = eventIssueId(event);
        String eventId = keyPart(text(event.path("event_id")));
        JsonNode main = lastOf(event.path("exception").path("values"));
        JsonNode metadata = event.path("metadata");
        JsonNode frames = main.path("stacktrace").path("frames");
        if (!frames.isArray() || frames.isEmpty()) {
            frames = event.path("stacktrace").path("frames");
        }
        JsonNode logentry = event.path("logentry");
        JsonNode message = event.path("message");
        String webUrl = text(event.path("web_url"));
        return SentryAlert.of(resource, action)
                .kind(filed ? Kind.EVENT : Kind.NONE)
                .key(issueId != null ? issueId : eventId != null ? "event:" + eventId : null)
                .sentryIssueId(issueId)
                .level(Level.parse(firstNonNull(text(event.path("level")), allTags.get("level"))))
                .title(text(event.path("title")))
                .exceptionType(firstNonNull(text(main.path("type")), text(metadata.path("type"))))
                .exceptionValue(firstNonNull(text(main.path("value")), text(metadata.path("value"))))
                .message(firstNonNull(text(logentry.path("formatted")), text(logentry.path("message")), text(message),
                        text(message.path("formatted")), text(message.path("message"))))
                .culprit(text(event.path("culprit")))
                .environment(firstNonNull(text(event.path("environment")), allTags.get("environment")))
                .release(firstNonNull(release(event.path("release")), allTags.get("release")))
                .eventId(eventId)
                .eventTime(instant(event.path("datetime"), event.path("timestamp")))
                .eventUrl(webUrl)
                .issueUrl(issueUiUrl(webUrl, issueId))
                .project(project(event.path("project")))
                .frames(frames(frames))
                .breadcrumbs(breadcrumbs(event.path("breadcrumbs")))
                .tags(selected(allTags))
                .triggeredRule(firstNonNull(text(data.path("triggered_rule")), text(data.path("issue_alert").path("title"))))
                .build();
    }

    private SentryAlert issue(String action, JsonNode data) {
        JsonNode issue = data.path("issue");
        // without an action, a new issue cannot be told from a resolved one: acknowledge, do not file
        boolean filed = "created".equals(action);
        if (!issue.isObject()) {
            if (filed) {
                throw new MalformedDeliveryException("issue created needs data.issue to be a JSON object, got " + describe(issue));
            }
            return nothing("issue", action, data);
        }
        String id = issueIssueId(issue);
        JsonNode metadata = issue.path("metadata");
        return SentryAlert.of("issue", action)
                .kind(filed ? Kind.ISSUE : Kind.NONE)
                .key(id)
                .sentryIssueId(id)
                .shortId(firstNonNull(text(issue.path("shortId")), text(issue.path("short_id"))))
                .level(Level.parse(text(issue.path("level"))))
                .title(text(issue.path("title")))
                .exceptionType(text(metadata.path("type")))
                .exceptionValue(text(metadata.path("value")))
                .culprit(text(issue.path("culprit")))
                .eventTime(instant(issue.path("lastSeen"), issue.path("firstSeen")))
                .issueUrl(firstNonNull(text(issue.path("web_url")), text(issue.path("permalink"))))
                .project(project(issue.path("project")))
                .build();
    }

    private SentryAlert metric(String action, JsonNode data) {
        JsonNode incident = data.path("metric_alert");
        boolean filed = "critical".equals(action) || "warning".equals(action);
        if (!incident.isObject()) {
            if (filed) {
                throw new MalformedDeliveryException("metric_alert " + action + " needs data.metric_alert to be a JSON object, got "
                        + describe(incident));
            }
            return nothing("metric_alert", action, data);
        }
        JsonNode rule = incident.path("alert_rule");
        String ruleId = keyPart(text(rule.path("id")));
        String identifier = keyPart(firstNonNull(text(incident.path("identifier")), text(incident.path("id"))));
        JsonNode projects = incident.path("projects").isArray() ? incident.path("projects") : rule.path("projects");
        return SentryAlert.of("metric_alert", action)
                .kind(filed ? Kind.METRIC : Kind.NONE)
                .key(ruleId == null || identifier == null ? null : "metric-alert:" + ruleId + ":" + identifier)
                // metric alerts carry no level: the action is the severity
                .level(Level.parse(action))
                .title(firstNonNull(text(data.path("description_title")), text(incident.path("title"))))
                .environment(text(rule.path("environment")))
                .eventTime(instant(incident.path("date_started"), incident.path("date_detected")))
                .issueUrl(text(data.path("web_url")))
                .project(text(projects.path(0)))
                .triggeredRule(text(rule.path("name")))
                .description(text(data.path("description_text")))
                .build();
    }

    /** Nothing to file, but the reply can still name the Sentry issue when the delivery does. */
    private SentryAlert nothing(String resource, String action, JsonNode data) {
        String id = firstNonNull(issueIssueId(data.path("issue")), eventIssueId(data.path("event")),
                eventIssueId(data.path("error")), eventIssueId(data));
        String title = firstNonNull(text(data.path("issue").path("title")), text(data.path("event").path("title")),
                text(data.path("error").path("title")));
        return SentryAlert.of(resource, action).key(id).sentryIssueId(id).title(title).build();
    }

    private static String inferResource(JsonNode data) {
        for (String field : List.of("event", "error", "issue", "metric_alert")) {
            if (data.path(field).isObject()) {
                return "event".equals(field) ? "event_alert" : field;
            }
        }
        return "unknown";
    }

    /** Older deliveries have no issue_id: the id is then read from the links. */
    private static String eventIssueId(JsonNode event) {
        return firstNonNull(issueId(event.path("issue_id")), issueIdFromUrl(text(event.path("issue_url"))),
                issueIdFromUrl(text(event.path("web_url"))), issueIdFromUrl(text(event.path("url"))));
    }

    private static String issueIssueId(JsonNode issue) {
        return firstNonNull(issueId(issue.path("id")), issueIdFromUrl(text(issue.path("web_url"))),
                issueIdFromUrl(text(issue.path("permalink"))), issueIdFromUrl(text(issue.path("url"))));
    }

    private static String issueId(JsonNode node) {
        String text = text(node);
        return text != null && ISSUE_ID.matcher(text.trim()).matches() ? text.trim() : null;
    }

    private static String issueIdFromUrl(String url) {
        if (url == null) {
            return null;
        }
        Matcher m = ISSUE_IN_URL.matcher(url);
        return m.find() ? m.group(1) : null;
    }

    private static String keyPart(String text) {
        return text != null && KEY_PART.matcher(text.trim()).matches() ? text.trim() : null;
    }

    /** Sentry's UI link to the issue, cut from the event's link: .../issues/123/events/abc/ → .../issues/123/ */
    private static String issueUiUrl(String eventUrl, String issueId) {
        if (eventUrl == null) {
            return null;
        }
        Matcher m = ISSUE_IN_URL.matcher(eventUrl);
        // a link to some other issue would be worse than none
        return m.find() && (issueId == null || issueId.equals(m.group(1))) ? eventUrl.substring(0, m.end()) + "/" : null;
    }

    /** Crashing frame first: Sentry lists frames oldest to newest. */
    private static List<Frame> frames(JsonNode frames) {
        if (!frames.isArray()) {
            return List.of();
        }
        List<Frame> out = new ArrayList<>();
        for (JsonNode frame : frames) {
            if (frame.isObject()) {
                out.add(new Frame(
                        firstNonNull(text(frame.path("filename")), text(frame.path("abs_path")), text(frame.path("module"))),
                        integer(frame.path("lineno")),
                        text(frame.path("function")),
                        frame.path("in_app").asBoolean(false)));
            }
        }
        Collections.reverse(out);
        return List.copyOf(out);
    }

    /** The most recent breadcrumbs, oldest first; never their data. */
    private static List<Breadcrumb> breadcrumbs(JsonNode node) {
        JsonNode values = node.isArray() ? node : node.path("values");
        if (!values.isArray()) {
            return List.of();
        }
        List<Breadcrumb> out = new ArrayList<>();
        for (JsonNode crumb : values) {
            if (crumb.isObject()) {
                out.add(new Breadcrumb(instant(crumb.path("timestamp")), text(crumb.path("category")),
                        firstNonNull(text(crumb.path("message")), text(crumb.path("type"))), text(crumb.path("level"))));
            }
        }
        return List.copyOf(out.subList(Math.max(0, out.size() - BREADCRUMBS_KEPT), out.size()));
    }

    /** Tags arrive as [[k, v]], as [{key, value}], or as an object. */
    private static Map<String, String> tags(JsonNode node) {
        Map<String, String> tags = new LinkedHashMap<>();
        if (node.isArray()) {
            for (JsonNode tag : node) {
                if (tag.isArray()) {
                    put(tags, text(tag.path(0)), text(tag.path(1)));
                } else if (tag.isObject()) {
                    put(tags, text(tag.path("key")), text(tag.path("value")));
                }
            }
        } else if (node.isObject()) {
            node.fields().forEachRemaining(e -> put(tags, e.getKey(), text(e.getValue())));
        }
        return tags;
    }

    private static void put(Map<String, String> tags, String key, String value) {
        if (key != null && value != null) {
            tags.put(key, value);
        }
    }

    /**
     * The event's tags for the engineer's routes to choose by (team, component, ...), without those that say who hit
     * the error; an issue shows only {@link #SHOWN_TAGS} of them.
     */
    private static Map<String, String> selected(Map<String, String> tags) {
        Map<String, String> kept = new LinkedHashMap<>();
        tags.forEach((k, v) -> {
            if (!PERSONAL_TAG.matcher(k).find()) {
                kept.put(k, "url".equals(k) ? withoutQuery(v) : v);
            }
        });
        return Collections.unmodifiableMap(kept);
    }

    /** A query string or fragment can carry tokens and personal data. */
    private static String withoutQuery(String url) {
        int cut = url.length();
        for (char c : new char[] {'?', '#'}) {
            int at = url.indexOf(c);
            if (at >= 0 && at < cut) {
                cut = at;
            }
        }
        return url.substring(0, cut);
    }

    private static String release(JsonNode release) {
        return release.isObject() ? firstNonNull(text(release.path("version")), text(release.path("shortVersion"))) : text(release);
    }

    private static String project(JsonNode project) {
        return project.isObject()
                ? firstNonNull(text(project.path("slug")), text(project.path("name")), text(project.path("id")))
                : text(project);
    }

    private static JsonNode lastOf(JsonNode array) {
        return array.isArray() && !array.isEmpty() ? array.get(array.size() - 1) : MissingNode.getInstance();
    }

    /** Text of a scalar; null for missing, null, blank, objects and arrays. */
    private static String text(JsonNode node) {
        if (node == null || !node.isValueNode() || node.isNull()) {
            return null;
        }
        String text = node.asText();
        return text.isBlank() ? null : text;
    }

    private static Integer integer(JsonNode node) {
        if (node.isIntegralNumber()) {
            return node.canConvertToInt() ? node.intValue() : null;
        }
        try {
            return node.isTextual() ? Integer.valueOf(node.asText().trim()) : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** The first of two times that can be read; the second is parsed only when the first cannot be. */
    private static Instant instant(JsonNode first, JsonNode second) {
        Instant instant = instant(first);
        return instant != null ? instant : instant(second);
    }

    /** ISO-8601 text or epoch seconds; null when it cannot be read. */
    private static Instant instant(JsonNode node) {
        if (node.isNumber()) {
            return epochSeconds(node.asDouble());
        }
        String text = text(node);
        if (text == null) {
            return null;
        }
        if (text.endsWith("Z")) {
            // Sentry's usual form (UTC, with seconds) takes the cheaper parser first
            try {
                return Instant.parse(text);
            } catch (DateTimeParseException notAnInstant) {
                // e.g. no seconds: the general parser below takes it
            }
        }
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            // Sentry also writes UTC times without an offset
            try {
                return Instant.parse(text + "Z");
            } catch (DateTimeParseException notIsoEither) {
                try {
                    return epochSeconds(Double.parseDouble(text));
                } catch (NumberFormatException notANumber) {
                    return null;
                }
            }
        }
    }

    private static Instant epochSeconds(double seconds) {
        return Double.isFinite(seconds) ? Instant.ofEpochMilli((long) (seconds * 1000)) : null;
    }

    @SafeVarargs
    private static <T> T firstNonNull(T... values) {
        for (T value : values) {
            if (value != null) {
                return value;
            }
        }
        return null;
    }

    private static String describe(JsonNode node) {
        if (node == null) {
            return "nothing";
        }
        return switch (node.getNodeType()) {
            case ARRAY -> "an array";
            case OBJECT -> "an object";
            case STRING -> "a string";
            case NUMBER -> "a number";
            case BOOLEAN -> "a boolean";
            case NULL -> "null";
            case MISSING -> "nothing";
            default -> node.getNodeType().name().toLowerCase(Locale.ROOT);
        };
    }
}
