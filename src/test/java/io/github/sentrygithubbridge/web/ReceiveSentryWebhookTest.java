package io.github.sentrygithubbridge.web;

import static io.github.sentrygithubbridge.support.SentryDeliveries.eventAlert;
import static io.github.sentrygithubbridge.support.SentryDeliveries.fixture;
import static io.github.sentrygithubbridge.support.SentryDeliveries.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.github.sentrygithubbridge.support.MutableClock;
import io.github.sentrygithubbridge.support.SentryDeliveries;
import io.github.sentrygithubbridge.support.TestClockConfiguration;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The webhook through the front door: real HTTP against the real YAML routes, in a dry run. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "bridge.webhook.secret=old-secret, " + SentryDeliveries.SECRET,
        "bridge.webhook.max-body=64KB",
        "bridge.filter.environments=production,prod",
        "github.token=",
        "github.write-interval=PT0.01S"
})
@Import(TestClockConfiguration.class)
class ReceiveSentryWebhookTest {

    static final Path DATA_DIR = temporaryDirectory();

    @DynamicPropertySource
    static void dataDir(DynamicPropertyRegistry registry) {
        registry.add("bridge.data-dir", DATA_DIR::toString);
    }

    @LocalServerPort
    int port;

    @Autowired
    MutableClock clock;

    SentryDeliveries sentry;

    @BeforeEach
    void setUp() {
        sentry = new SentryDeliveries(port, clock);
    }

    @Test
    void acceptsASignedEventAlertAndWritesTheIssueItWouldOpenInADryRun() throws IOException {
        String id = newIssueId();
        HttpResponse<String> response = sentry.post("event_alert", eventAlert(id));

        assertThat(response.statusCode()).isEqualTo(202);
        assertThat(json(response)).containsEntry("status", "accepted").containsEntry("sentryIssueId", id);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("application/json"));
        Path file = await().atMost(Duration.ofSeconds(10)).until(() -> dryRunFileMentioning(id), f -> f != null);
        String issue = Files.readString(file);
        assertThat(issue).startsWith("# [error] ReferenceError: heck is not defined").contains("Labels: agent:builder");
    }

    @Test
    void writesEachLifecycleWriteToTheDryRunLikeTheOthers() throws IOException {
        String id = newIssueId();
        assertThat(sentry.post("event_alert", eventAlert(id)).statusCode()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(10)).until(() -> dryRunFiles(id, "# [error]").size() == 1);

        assertThat(sentry.post("issue", SentryDeliveries.issueStatus(id, "resolved", null, "Jane Doe", java.util.Map.of())).statusCode())
                .isEqualTo(202);
        await().atMost(Duration.ofSeconds(10)).until(() -> dryRunFiles(id, "# Close (completed)").size() == 1);
        assertThat(sentry.post("issue", SentryDeliveries.issueStatus(id, "unresolved", "regressed", "Sentry", java.util.Map.of())).statusCode())
                .isEqualTo(202);

        List<Path> reopen = await().atMost(Duration.ofSeconds(10)).until(() -> dryRunFiles(id, "# Reopen"), files -> files.size() == 1);
        assertThat(Files.readString(reopen.get(0))).contains("as a regression", "Unresolved in Sentry");
        assertThat(Files.readString(dryRunFiles(id, "# Close (completed)").get(0))).contains("**Resolved in Sentry** by Jane Doe");
    }

    @Test
    void takesTheSignatureAndTimestampFromTheRequestsHeadersOnly() {
        byte[] body = eventAlert(newIssueId());
        java.util.Map<String, String> headers = sentry.sentryHeaders("event_alert", body, SentryDeliveries.SECRET);
        String signature = headers.remove("Sentry-Hook-Signature");
        java.net.http.HttpRequest.Builder request = java.net.http.HttpRequest.newBuilder(java.net.URI.create(
                "http://127.0.0.1:" + port + "/webhooks/sentry?Sentry-Hook-Signature=" + signature + "&sentry-app-signature=" + signature))
                .POST(java.net.http.HttpRequest.BodyPublishers.ofByteArray(body));
        headers.forEach(request::header);

        HttpResponse<String> response = sentry.send(request.build());

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(json(response)).containsEntry("status", "rejected");
    }

    @Test
    void answersADuplicateForTheSameSentryIssueAndNamesIt() {
        String id = newIssueId();
        assertThat(sentry.post("event_alert", eventAlert(id)).statusCode()).isEqualTo(202);

        HttpResponse<String> again = sentry.post("event_alert", eventAlert(id));
        HttpResponse<String> issueCreated = sentry.post("issue", SentryDeliveries.issueCreated(id));

        assertThat(again.statusCode()).isEqualTo(200);
        assertThat(json(again)).containsEntry("status", "duplicate").containsEntry("sentryIssueId", id);
        assertThat(issueCreated.statusCode()).isEqualTo(200);
        assertThat(json(issueCreated)).containsEntry("status", "duplicate").containsEntry("sentryIssueId", id);
    }

    @Test
    void refusesAMissingSignatureAndTakesNothingFromTheDelivery() {
        String id = newIssueId();
        byte[] body = eventAlert(id);
        Map<String, String> headers = sentry.sentryHeaders("event_alert", body, SentryDeliveries.SECRET);
        headers.remove("Sentry-Hook-Signature");

        HttpResponse<String> response = sentry.post(body, headers);

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(json(response)).containsEntry("status", "rejected");
        // nothing was claimed: the properly signed delivery still opens the issue
        assertThat(sentry.post("event_alert", body).statusCode()).isEqualTo(202);
    }

    @Test
    void refusesASignatureMadeWithAnotherSecret() {
        byte[] body = eventAlert(newIssueId());
        HttpResponse<String> response = sentry.post(body, sentry.sentryHeaders("event_alert", body, "not-our-secret"));

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(json(response).get("reason")).asString().contains("signature does not match");
    }

    @Test
    void refusesASignatureOverDifferentBytesOfTheSameJson() {
        byte[] body = eventAlert(newIssueId());
        Map<String, String> headers = sentry.sentryHeaders("event_alert", body, SentryDeliveries.SECRET);
        byte[] reformatted = (new String(body, StandardCharsets.UTF_8) + "\n").getBytes(StandardCharsets.UTF_8);

        assertThat(sentry.post(reformatted, headers).statusCode()).isEqualTo(401);
    }

    @Test
    void acceptsTheOldSecretWhileRotatingAndTheLegacySignatureHeader() {
        byte[] rotated = eventAlert(newIssueId());
        assertThat(sentry.post(rotated, sentry.sentryHeaders("event_alert", rotated, "old-secret")).statusCode()).isEqualTo(202);

        byte[] legacy = eventAlert(newIssueId());
        Map<String, String> headers = sentry.sentryHeaders("event_alert", legacy, SentryDeliveries.SECRET);
        headers.put("sentry-app-signature", headers.remove("Sentry-Hook-Signature"));
        assertThat(sentry.post(legacy, headers).statusCode()).isEqualTo(202);
    }

    @Test
    void refusesATimestampOutsideTheAllowedSkew() {
        byte[] body = eventAlert(newIssueId());
        Map<String, String> stale = sentry.sentryHeaders("event_alert", body, SentryDeliveries.SECRET);
        stale.put("Sentry-Hook-Timestamp", Long.toString(clock.instant().minus(Duration.ofMinutes(6)).getEpochSecond()));
        Map<String, String> future = sentry.sentryHeaders("event_alert", body, SentryDeliveries.SECRET);
        future.put("Sentry-Hook-Timestamp", Long.toString(clock.instant().plus(Duration.ofMinutes(6)).getEpochSecond()));

        assertThat(sentry.post(body, stale).statusCode()).isEqualTo(401);
        assertThat(sentry.post(body, future).statusCode()).isEqualTo(401);
        assertThat(json(sentry.post(body, stale)).get("reason")).asString().contains("Sentry-Hook-Timestamp");
    }

    @Test
    void refusesADeliveryWithoutATimestamp() {
        byte[] body = eventAlert(newIssueId());
        Map<String, String> headers = sentry.sentryHeaders("event_alert", body, SentryDeliveries.SECRET);
        headers.remove("Sentry-Hook-Timestamp");

        HttpResponse<String> response = sentry.post(body, headers);

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(json(response).get("reason")).asString().contains("Sentry-Hook-Timestamp is missing");
    }

    @Test
    void refusesABodyOverTheLimitBeforeParsingIt() {
        byte[] big = ("{\"pad\":\"" + "x".repeat(70 * 1024) + "\"}").getBytes(StandardCharsets.UTF_8);

        HttpResponse<String> response = sentry.post("event_alert", big);

        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(json(response)).containsEntry("status", "rejected");
    }

    @Test
    void refusesAnOversizedBodySentWithoutAContentLength() {
        byte[] big = ("{\"pad\":\"" + "x".repeat(70 * 1024) + "\"}").getBytes(StandardCharsets.UTF_8);
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/webhooks/sentry"))
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(big)));
        sentry.sentryHeaders("event_alert", big, SentryDeliveries.SECRET).forEach(request::header);

        assertThat(sentry.send(request.build()).statusCode()).isEqualTo(413);
    }

    @Test
    void answersASignedBodyThatIsNotAJsonObjectWithAJsonError() {
        HttpResponse<String> array = sentry.post("event_alert", "[1,2]".getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> broken = sentry.post("event_alert", "{\"action\":".getBytes(StandardCharsets.UTF_8));

        assertThat(array.statusCode()).isEqualTo(400);
        assertThat(json(array)).containsEntry("status", "invalid");
        assertThat(json(array).get("reason")).asString().contains("JSON object");
        assertThat(broken.statusCode()).isEqualTo(400);
        assertThat(json(broken).get("reason")).asString().contains("not valid JSON");
    }

    @Test
    void answersOtherMethodsWith405() {
        HttpRequest get = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/webhooks/sentry")).GET().build();
        HttpRequest put = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/webhooks/sentry"))
                .PUT(HttpRequest.BodyPublishers.ofString("{}")).header("Content-Type", "application/json").build();

        assertThat(sentry.send(get).statusCode()).isEqualTo(405);
        assertThat(sentry.send(put).statusCode()).isEqualTo(405);
    }

    @Test
    void ignoresResourcesWithNothingToFileAndSaysWhy() {
        HttpResponse<String> installation = sentry.post("installation", fixture("integration-platform-example/installation_created.json"));
        HttpResponse<String> resolved = sentry.post("issue", fixture("integration-platform-example/issue_resolved.json"));

        assertThat(installation.statusCode()).isEqualTo(200);
        assertThat(json(installation)).containsEntry("status", "ignored");
        assertThat(json(installation).get("reason")).asString().contains("installation");
        assertThat(resolved.statusCode()).isEqualTo(200);
        assertThat(json(resolved)).containsEntry("status", "ignored").containsKey("sentryIssueId");
    }

    @Test
    void ignoresAlertsBelowTheMinimumLevelOrFromOtherEnvironments() {
        String quiet = newIssueId();
        HttpResponse<String> info = sentry.post("event_alert", eventAlert(quiet, "info", "production"));
        HttpResponse<String> staging = sentry.post("event_alert", eventAlert(newIssueId(), "fatal", "staging"));

        assertThat(info.statusCode()).isEqualTo(200);
        assertThat(json(info)).containsEntry("status", "ignored").containsEntry("sentryIssueId", quiet);
        assertThat(json(info).get("reason")).asString().contains("below error");
        assertThat(staging.statusCode()).isEqualTo(200);
        assertThat(json(staging).get("reason")).asString().contains("staging");
    }

    @Test
    void reportsHealthOnceTheRoutesRun() {
        HttpRequest health = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health")).GET().build();

        HttpResponse<String> response = sentry.send(health);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(json(response)).containsEntry("status", "UP");
    }

    private static String newIssueId() {
        return Long.toString(Math.abs(UUID.randomUUID().getMostSignificantBits() % 1_000_000_000L) + 1);
    }

    private static List<Path> dryRunFiles(String id, String heading) throws IOException {
        Path dir = DATA_DIR.resolve("dry-run");
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> read(f).startsWith(heading) && read(f).contains("sentry-github-bridge: " + id + " ")).toList();
        }
    }

    private static Path dryRunFileMentioning(String id) throws IOException {
        Path dir = DATA_DIR.resolve("dry-run");
        if (!Files.isDirectory(dir)) {
            return null;
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> read(f).contains("sentry-github-bridge: " + id + " ")).findFirst().orElse(null);
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            return "";
        }
    }

    private static Path temporaryDirectory() {
        try {
            return Files.createTempDirectory("bridge-route-test");
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
