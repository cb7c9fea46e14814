package io.github.sentrygithubbridge.sentry;

import com.fasterxml.jackson.databind.JsonNode;
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
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.camel.Body;
import org.apache.camel.Header;
import org.springframework.stereotype.Component;

/**
 * Reads any Sentry delivery into one {@link SentryAlert}. Lenient with odd values, because real deliveries
 * differ from the documented ones; strict only where the delivery cannot be understood at all. Takes nothing
 * personal or secret: no frame vars, request, user, or breadcrumb data.
 */
@Component("sentryAlertNormaliser")
public class SentryAlertNormaliser {

    static final int BREADCRUMBS_KEPT = 10;

    /** Tags that say where an error happened without saying who hit it. */
    static final Set<String> KEPT_TAGS = Set.of("browser", "browser.name", "os", "os.name", "runtime", "runtime.name",
            "device", "device.family", "server_name", "transaction", "handled", "mechanism", "logger", "level", "url",
            "release", "environment");

    private static final Pattern ISSUE_IN_URL = Pattern.compile("/issues/(\\d+)");

    public SentryAlert normalise(@Header("Sentry-Hook-Resource") String resourceHeader, @Body JsonNode payload) {
        if (payload == null || !payload.isObject()) {
            throw new MalformedDeliveryException("the body must be a JSON object, got " + describe(payload));
        }
        JsonNode data = payload.path("data");
        String resource = resourceHeader == null || resourceHeader.isBlank() ? inferResource(data) : resourceHeader.trim();
        String action = text(payload.path("action"));
        return switch (resource) {
            case "event_alert" -> event(resource, action == null ? "triggered" : action, "triggered", data.path("event"), data, "data.event");
            case "error" -> event(resource, action == null ? "created" : action, "created", data.path("error"), data, "data.error");
            case "issue" -> issue(action, data.path("issue"));
            case "metric_alert" -> metric(action, data);
            default -> nothing(resource, action, data);
        };
    }

    private SentryAlert event(String resource, String action, String filedAction, JsonNode event, JsonNode data, String path) {
        if (!event.isObject()) {
            throw new MalformedDeliveryException(resource + " delivery has no " + path + " object");
        }
        Map<String, String> allTags = tags(event.path("tags"));
        String issueId = firstNonNull(text(event.path("issue_id")), issueIdFromUrl(text(event.path("issue_url"))),
                issueIdFromUrl(text(event.path("web_url"))), issueIdFromUrl(text(event.path("url"))));
        String eventId = text(event.path("event_id"));
        String key = issueId != null ? issueId : eventId != null ? "event:" + eventId : null;
        JsonNode main = lastOf(event.path("exception").path("values"));
        JsonNode metadata = event.path("metadata");
        JsonNode frames = main.path("stacktrace").path("frames");
        if (!frames.isArray() || frames.isEmpty()) {
            frames = event.path("stacktrace").path("frames");
        }
        String webUrl = text(event.path("web_url"));
        return new SentryAlert(
                resource, action, filedAction.equals(action) ? Kind.EVENT : Kind.NONE, key, issueId, null,
                Level.parse(firstNonNull(text(event.path("level")), allTags.get("level"))),
                text(event.path("title")),
                firstNonNull(text(main.path("type")), text(metadata.path("type"))),
                firstNonNull(text(main.path("value")), text(metadata.path("value"))),
                firstNonNull(text(event.path("logentry").path("formatted")), text(event.path("logentry").path("message")),
                        event.path("message").isTextual() ? text(event.path("message")) : null),
                text(event.path("culprit")),
                firstNonNull(text(event.path("environment")), allTags.get("environment")),
                firstNonNull(release(event.path("release")), allTags.get("release")),
                eventId,
                firstNonNull(instant(event.path("datetime")), instant(event.path("timestamp"))),
                webUrl,
                issueUiUrl(webUrl, issueId),
                text(event.path("project")),
                frames(frames),
                breadcrumbs(event.path("breadcrumbs")),
                selected(allTags),
                rule(data),
                null);
    }

    private SentryAlert issue(String action, JsonNode issue) {
        String act = action == null ? "created" : action;
        if (!issue.isObject()) {
            throw new MalformedDeliveryException("issue delivery has no data.issue object");
        }
        String id = firstNonNull(text(issue.path("id")), issueIdFromUrl(text(issue.path("web_url"))),
                issueIdFromUrl(text(issue.path("permalink"))), issueIdFromUrl(text(issue.path("url"))));
        JsonNode metadata = issue.path("metadata");
        JsonNode project = issue.path("project");
        return new SentryAlert(
                "issue", act, "created".equals(act) ? Kind.ISSUE : Kind.NONE, id, id,
                firstNonNull(text(issue.path("shortId")), text(issue.path("short_id"))),
                Level.parse(text(issue.path("level"))),
                text(issue.path("title")),
                text(metadata.path("type")),
                text(metadata.path("value")),
                null,
                text(issue.path("culprit")),
                null, null, null,
                firstNonNull(instant(issue.path("lastSeen")), instant(issue.path("firstSeen"))),
                null,
                firstNonNull(text(issue.path("web_url")), text(issue.path("permalink"))),
                firstNonNull(text(project.path("slug")), text(project.path("name")), text(project.path("id"))),
                List.of(), List.of(), Map.of(), null, null);
    }

    private SentryAlert metric(String action, JsonNode data) {
        JsonNode incident = data.path("metric_alert");
        boolean raised = "critical".equals(action) || "warning".equals(action);
        if (raised && !incident.isObject()) {
            throw new MalformedDeliveryException("metric_alert delivery has no data.metric_alert object");
        }
        JsonNode rule = incident.path("alert_rule");
        String ruleId = text(rule.path("id"));
        String identifier = firstNonNull(text(incident.path("identifier")), text(incident.path("id")));
        String key = ruleId == null && identifier == null ? null : "metric-alert:" + ruleId + ":" + identifier;
        JsonNode projects = incident.path("projects");
        return new SentryAlert(
                "metric_alert", action, raised ? Kind.METRIC : Kind.NONE, key, null, null,
                "critical".equals(action) ? Level.FATAL : Level.WARNING,
                firstNonNull(text(data.path("description_title")), text(incident.path("title"))),
                null, null, null, null,
                text(rule.path("environment")),
                null, null,
                firstNonNull(instant(incident.path("date_started")), instant(incident.path("date_detected"))),
                null,
                text(data.path("web_url")),
                projects.isArray() && !projects.isEmpty() ? text(projects.get(0)) : null,
                List.of(), List.of(), Map.of(),
                text(rule.path("name")),
                text(data.path("description_text")));
    }

    private SentryAlert nothing(String resource, String action, JsonNode data) {
        // still name the Sentry issue when the delivery does, so the answer can say which one it was about
        String id = firstNonNull(text(data.path("issue").path("id")), text(data.path("event").path("issue_id")),
                text(data.path("comment").path("issue_id")), text(data.path("issue_id")));
        return new SentryAlert(resource, action, Kind.NONE, id, id, null, Level.ERROR, text(data.path("issue").path("title")),
                null, null, null, null, null, null, null, null, null, null, null, List.of(), List.of(), Map.of(), null, null);
    }

    private static String inferResource(JsonNode data) {
        for (String resource : List.of("event", "error", "issue", "metric_alert")) {
            if (data.path(resource).isObject()) {
                return "event".equals(resource) ? "event_alert" : resource;
            }
        }
        return "unknown";
    }

    /** Crashing frame first: Sentry lists frames oldest to newest. */
    private static List<Frame> frames(JsonNode frames) {
        if (!frames.isArray()) {
            return List.of();
        }
        List<Frame> out = new ArrayList<>();
        for (JsonNode frame : frames) {
            if (frame.isObject()) {
                JsonNode line = frame.path("lineno");
                out.add(new Frame(
                        firstNonNull(text(frame.path("filename")), text(frame.path("abs_path")), text(frame.path("module"))),
                        line.canConvertToInt() ? Integer.valueOf(line.asInt()) : null,
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
                if (tag.isArray() && tag.size() >= 2) {
                    put(tags, text(tag.get(0)), text(tag.get(1)));
                } else if (tag.isObject()) {
                    put(tags, text(tag.path("key")), text(tag.path("value")));
                }
            }
        } else if (node.isObject()) {
            node.fields().forEachRemaining(e -> put(tags, e.getKey(), text(e.getValue())));
        }
        return tags;
    }

    private static Map<String, String> selected(Map<String, String> tags) {
        Map<String, String> kept = new LinkedHashMap<>();
        tags.forEach((k, v) -> {
            if (KEPT_TAGS.contains(k)) {
                // a query string or fragment can carry tokens and personal data
                kept.put(k, "url".equals(k) ? v.replaceAll("[?#].*$", "") : v);
            }
        });
        return Collections.unmodifiableMap(kept);
    }

    private static void put(Map<String, String> tags, String key, String value) {
        if (key != null && value != null) {
            tags.put(key, value);
        }
    }

    private static String rule(JsonNode data) {
        return firstNonNull(text(data.path("triggered_rule")), text(data.path("issue_alert").path("title")));
    }

    private static String release(JsonNode release) {
        return release.isObject() ? firstNonNull(text(release.path("version")), text(release.path("shortVersion"))) : text(release);
    }

    /** Sentry's UI link to the issue, cut from the event's link: .../issues/123/events/abc/ → .../issues/123/ */
    private static String issueUiUrl(String eventUrl, String issueId) {
        if (eventUrl == null) {
            return null;
        }
        Matcher m = ISSUE_IN_URL.matcher(eventUrl);
        return m.find() && (issueId == null || issueId.equals(m.group(1))) ? eventUrl.substring(0, m.end()) + "/" : null;
    }

    private static String issueIdFromUrl(String url) {
        if (url == null) {
            return null;
        }
        Matcher m = ISSUE_IN_URL.matcher(url);
        return m.find() ? m.group(1) : null;
    }

    private static JsonNode lastOf(JsonNode array) {
        return array.isArray() && !array.isEmpty() ? array.get(array.size() - 1) : com.fasterxml.jackson.databind.node.MissingNode.getInstance();
    }

    /** Text of a scalar; null for missing, null, blank, objects and arrays. */
    private static String text(JsonNode node) {
        if (node == null || !node.isValueNode() || node.isNull()) {
            return null;
        }
        String text = node.asText();
        return text.isBlank() ? null : text;
    }

    /** ISO-8601 text or epoch seconds; null when it cannot be read. */
    private static Instant instant(JsonNode node) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return null;
        }
        if (node.isNumber()) {
            return Instant.ofEpochMilli((long) (node.asDouble() * 1000));
        }
        String text = text(node);
        if (text == null) {
            return null;
        }
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            try {
                return Instant.parse(text + (text.endsWith("Z") ? "" : "Z"));
            } catch (DateTimeParseException again) {
                try {
                    return Instant.ofEpochMilli((long) (Double.parseDouble(text) * 1000));
                } catch (NumberFormatException notANumber) {
                    return null;
                }
            }
        }
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
        if (node == null || node.isNull()) {
            return "null";
        }
        return switch (node.getNodeType()) {
            case ARRAY -> "an array";
            case STRING -> "a string";
            case NUMBER -> "a number";
            case BOOLEAN -> "a boolean";
            default -> node.getNodeType().name().toLowerCase(java.util.Locale.ROOT);
        };
    }
}
