package io.github.sentrygithubbridge.support;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.sentrygithubbridge.web.SignatureVerifier;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;

/** Builds and sends signed Sentry deliveries, as Sentry does, to a running bridge on loopback. */
public final class SentryDeliveries {

    public static final String SECRET = "test-secret";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = HttpClient.newHttpClient();
    private final URI webhook;
    private final Clock clock;

    public SentryDeliveries(int port, Clock clock) {
        this.webhook = URI.create("http://127.0.0.1:" + port + "/webhooks/sentry");
        this.clock = clock;
    }

    /** The bytes of a fixture under src/test/resources/sentry. */
    public static byte[] fixture(String name) {
        try (InputStream in = SentryDeliveries.class.getResourceAsStream("/sentry/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture " + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Sentry's documented event_alert, re-pointed at another Sentry issue (and optionally level/environment). */
    public static byte[] eventAlert(String issueId, String level, String environment) {
        try {
            ObjectNode root = (ObjectNode) JSON.readTree(fixture("event_alert_triggered.sentry-docs.json"));
            ObjectNode event = (ObjectNode) root.path("data").path("event");
            event.put("issue_id", issueId);
            event.put("issue_url", "https://sentry.io/api/0/issues/" + issueId + "/");
            event.put("web_url", "https://sentry.io/organizations/acme/issues/" + issueId + "/events/e4874d664c3540c1a32eab185f12c5ab/");
            event.put("level", level);
            event.put("environment", environment);
            return JSON.writeValueAsBytes(root);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** An event_alert with one more tag on its event (a tag an engineer's route chooses by); null adds none. */
    public static byte[] withTag(byte[] eventAlert, String tag, String value) {
        if (tag == null) {
            return eventAlert;
        }
        try {
            ObjectNode root = (ObjectNode) JSON.readTree(eventAlert);
            ((com.fasterxml.jackson.databind.node.ArrayNode) root.path("data").path("event").path("tags")).addArray().add(tag).add(value);
            return JSON.writeValueAsBytes(root);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static byte[] eventAlert(String issueId) {
        return eventAlert(issueId, "error", "production");
    }

    /** Sentry's documented issue.created, re-pointed at another Sentry issue. */
    public static byte[] issueCreated(String issueId) {
        try {
            ObjectNode root = (ObjectNode) JSON.readTree(fixture("issue_created.sentry-docs.json"));
            ((ObjectNode) root.path("data").path("issue")).put("id", issueId);
            return JSON.writeValueAsBytes(root);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Sentry's issue webhook for a status change (resolved, archived, ignored, unresolved) of a Sentry issue, as
     * {@code actor} made it; {@code statusDetails} as Sentry sends them (may be empty).
     */
    public static byte[] issueStatus(String issueId, String action, String substatus, String actor, Map<String, Object> statusDetails) {
        try {
            ObjectNode root = (ObjectNode) JSON.readTree(fixture("integration-platform-example/issue_resolved.json"));
            root.put("action", action);
            ObjectNode issue = (ObjectNode) root.path("data").path("issue");
            issue.put("id", issueId);
            issue.put("status", action.equals("archived") ? "ignored" : action);
            if (substatus != null) {
                issue.put("substatus", substatus);
            }
            issue.set("statusDetails", JSON.valueToTree(statusDetails));
            if (action.equals("resolved")) {
                ((ObjectNode) root.path("data")).put("resolution_type", statusDetails.containsKey("inRelease") ? "in_release" : "now");
            }
            ObjectNode by = root.putObject("actor");
            by.put("type", "user");
            by.put("name", actor);
            return JSON.writeValueAsBytes(root);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static String sign(String secret, byte[] body) {
        return SignatureVerifier.sign(secret, body);
    }

    /** Signs the body with the test secret and posts it with Sentry's headers. */
    public HttpResponse<String> post(String resource, byte[] body) {
        return post(body, sentryHeaders(resource, body, SECRET));
    }

    public Map<String, String> sentryHeaders(String resource, byte[] body, String secret) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", "application/json");
        headers.put("Request-ID", java.util.UUID.randomUUID().toString().replace("-", ""));
        headers.put("Sentry-Hook-Resource", resource);
        headers.put("Sentry-Hook-Timestamp", Long.toString(clock.instant().getEpochSecond()));
        headers.put("Sentry-Hook-Signature", SignatureVerifier.sign(secret, body));
        return headers;
    }

    public HttpResponse<String> post(byte[] body, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(webhook).POST(HttpRequest.BodyPublishers.ofByteArray(body));
        headers.forEach(request::header);
        return send(request.build());
    }

    public HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Parses a JSON reply. */
    public static Map<String, Object> json(HttpResponse<String> response) {
        try {
            @SuppressWarnings("unchecked")
            Map<String, Object> map = JSON.readValue(response.body(), Map.class);
            return map;
        } catch (IOException e) {
            throw new UncheckedIOException(response.body(), e);
        }
    }
}
