package io.github.sentrygithubbridge;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static io.github.sentrygithubbridge.support.SentryDeliveries.eventAlert;
import static io.github.sentrygithubbridge.support.SentryDeliveries.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.github.sentrygithubbridge.support.BridgeProcess;
import io.github.sentrygithubbridge.support.SentryDeliveries;
import io.github.sentrygithubbridge.support.SentryIngestStandIn;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The packaged jar as a user runs it: its own process, configured only by environment variables, against a
 * GitHub Enterprise-style stand-in ({@code /api/v3}) on loopback.
 */
class PackagedJarIT {

    static final Path JAR = Path.of("target", "sentry-github-bridge.jar");
    static final String TOKEN = "ghp_packagedJarTestToken0123456789";
    static final String ADMIN_TOKEN = "admin-token-for-the-jar-test";
    static final String ISSUES = "/api/v3/repos/acme/shop/issues";
    static final ObjectMapper JSON = new ObjectMapper();

    static WireMockServer github;
    static SentryIngestStandIn sentryIngest;
    static Process bridge;
    static Path dataDir;
    static Path log;
    static Path errors;
    static SentryDeliveries sentry;
    static int managementPort;
    static String bridgeUrl;

    @BeforeAll
    static void startBridge() throws IOException {
        github = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
        github.start();
        github.stubFor(post(urlEqualTo(ISSUES)).willReturn(aResponse().withStatus(201)
                .withHeader("Content-Type", "application/json").withBody("{\"number\": 12}")));
        github.stubFor(com.github.tomakehurst.wiremock.client.WireMock.get(com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo(ISSUES))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json").withBody("[]")));
        github.stubFor(post(urlEqualTo("/api/v3/repos/acme/shop/labels")).willReturn(aResponse().withStatus(201)
                .withHeader("Content-Type", "application/json").withBody("{}")));

        sentryIngest = new SentryIngestStandIn();
        int port = BridgeProcess.freePort();
        managementPort = BridgeProcess.freePort();
        dataDir = Files.createTempDirectory("bridge-jar-it");
        log = Files.createTempFile("bridge-jar-it", ".log");
        errors = Files.createTempFile("bridge-jar-it", ".err");
        ProcessBuilder process = new ProcessBuilder(BridgeProcess.jvm(javaBinary(), "-Xmx256m", "-jar", JAR.toString()))
                .redirectOutput(log.toFile()).redirectError(errors.toFile());
        Map<String, String> env = process.environment();
        env.put("SERVER_PORT", Integer.toString(port));
        env.put("MANAGEMENT_SERVER_PORT", Integer.toString(managementPort));
        env.put("SENTRY_WEBHOOK_SECRET", SentryDeliveries.SECRET);
        env.put("GITHUB_TOKEN", TOKEN);
        env.put("GITHUB_REPOSITORY", "acme/shop");
        env.put("GITHUB_API_URL", "http://127.0.0.1:" + github.port() + "/api/v3");
        env.put("BRIDGE_LABELS", "agent:builder,bug");
        env.put("BRIDGE_MIN_LEVEL", "warning");
        env.put("BRIDGE_DATA_DIR", dataDir.toString());
        env.put("BRIDGE_GITHUB_WRITE_INTERVAL", "PT0.1S");
        env.put("BRIDGE_ADMIN_TOKEN", ADMIN_TOKEN);
        env.put("SENTRY_DSN", sentryIngest.dsn());
        env.put("SENTRY_RELEASE", "1a2b3c4d");
        env.put("SENTRY_ENVIRONMENT", "staging");
        bridge = process.start();
        sentry = new SentryDeliveries(port, Clock.systemUTC());
        bridgeUrl = "http://127.0.0.1:" + port;

        HttpRequest health = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health")).GET().build();
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).ignoreExceptions()
                .failFast("the bridge exited; see " + log, () -> !bridge.isAlive())
                .until(() -> sentry.send(health).statusCode() == 200);
    }

    @AfterAll
    static void stopBridge() throws InterruptedException {
        if (bridge != null) {
            bridge.destroy();
            if (!bridge.waitFor(20, TimeUnit.SECONDS)) {
                bridge.destroyForcibly();
            }
        }
        if (github != null) {
            github.stop();
        }
        if (sentryIngest != null) {
            sentryIngest.close();
        }
    }

    @Test
    void opensOneIssuePerSentryIssueWithTheConfiguredLabelsAndKeepsTheTokenOutOfTheLog() throws IOException {
        assertThat(sentry.post("event_alert", eventAlert("9001", "warning", "production")).statusCode()).isEqualTo(202);
        assertThat(json(sentry.post("event_alert", eventAlert("9001", "warning", "production")))).containsEntry("status", "duplicate");
        assertThat(json(sentry.post("event_alert", eventAlert("9002", "info", "production")))).containsEntry("status", "ignored");

        await().atMost(Duration.ofSeconds(20)).until(() -> issues("9001").size() == 1);
        LoggedRequest request = issues("9001").get(0);
        JsonNode issue = JSON.readTree(request.getBodyAsString());
        assertThat(issue.path("labels")).extracting(JsonNode::asText).containsExactly("agent:builder", "bug");
        assertThat(request.getHeader("Authorization")).isEqualTo("Bearer " + TOKEN);
        assertThat(issues("9002")).isEmpty();
        await().atMost(Duration.ofSeconds(10)).until(() -> github.findAll(postRequestedFor(urlEqualTo("/api/v3/repos/acme/shop/labels"))).size() == 3);
        assertThat(Files.readString(log)).contains("Opened GitHub issue #12 for Sentry issue 9001").doesNotContain(TOKEN);
        String metrics = sentry.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + managementPort + "/actuator/prometheus"))
                .GET().build()).body();
        // other tests of this class deliver too: the series must be there and counting, whatever the order
        assertThat(metrics).containsPattern("bridge_webhooks_total\\{outcome=\"accepted\",resource=\"event_alert\"} [1-9]")
                .containsPattern("bridge_webhooks_total\\{outcome=\"ignored\",resource=\"event_alert\"} [1-9]")
                .containsPattern("bridge_github_requests_total\\{operation=\"create\",status=\"201\"} [1-9]")
                .contains("bridge_github_requests_total{operation=\"label\",status=\"201\"} 3.0",
                        "bridge_webhook_ack_seconds_bucket", "bridge_pending_alerts", "bridge_route_failures_total");
    }

    @Test
    void logsOneJsonObjectPerLineWithContextAndNoSecret() throws IOException {
        github.stubFor(post(urlEqualTo(ISSUES)).atPriority(1).withRequestBody(containing("sentry-github-bridge: 9010 "))
                .willReturn(aResponse().withStatus(401).withHeader("Content-Type", "application/json")
                        .withBody("{\"message\": \"Bad credentials\"}")));
        byte[] body = eventAlert("9010");
        sentry.post(body, sentry.sentryHeaders("event_alert", body, "forged"));
        assertThat(sentry.post("event_alert", body).statusCode()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(20)).until(() -> Files.readString(log).contains("Gave up on GitHub create for Sentry issue 9010"));

        List<String> lines = Files.readAllLines(log);
        assertThat(lines).isNotEmpty();
        for (String line : lines) {
            JsonNode entry = JSON.readTree(line);
            assertThat(entry.isObject()).as(line).isTrue();
            assertThat(entry.path("@timestamp").isTextual()).as(line).isTrue();
        }
        String audit = lines.stream().filter(l -> l.contains("\"io.github.sentrygithubbridge.audit\"") && l.contains("9010"))
                .findFirst().orElseThrow();
        assertThat(JSON.readTree(audit).path("message").asText()).contains("POST /api/v3/repos/acme/shop/issues answered 401");
        assertThat(JSON.readTree(audit).path("sentryIssueKey").asText()).isEqualTo("9010");
        String everything = Files.readString(log) + Files.readString(errors);
        String signature = SentryDeliveries.sign(SentryDeliveries.SECRET, body);
        assertThat(everything).doesNotContain(TOKEN, ADMIN_TOKEN, SentryDeliveries.SECRET, signature,
                SentryDeliveries.sign("forged", body), SentryIngestStandIn.KEY);
        // the dead letter also reached the bridge's own Sentry, tagged, without the payload
        String reported = await().atMost(Duration.ofSeconds(20)).until(() -> sentryIngest.envelopes().stream()
                .filter(e -> e.contains("\"sentry_issue_id\":\"9010\"")).findFirst().orElse(null), e -> e != null);
        assertThat(reported).contains("\"route_id\":\"open-github-issue\"", "\"release\":\"1a2b3c4d\"")
                .doesNotContain("heck is not defined", TOKEN);
    }

    @Test
    void sendsATestEventWithReleaseAndEnvironmentToSentry() throws IOException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(bridgeUrl + "/internal/sentry-test")).GET();

        assertThat(sentry.send(request.build()).statusCode()).isEqualTo(401);
        var response = sentry.send(request.header("Authorization", "Bearer " + ADMIN_TOKEN).build());

        assertThat(response.statusCode()).isEqualTo(200);
        String eventId = JSON.readTree(response.body()).path("eventId").asText();
        assertThat(eventId).matches("[0-9a-f]{32}");
        String envelope = await().atMost(Duration.ofSeconds(20)).until(() -> sentryIngest.envelopes().stream()
                .filter(e -> e.contains(eventId)).findFirst().orElse(null), e -> e != null);
        assertThat(envelope).contains("\"release\":\"1a2b3c4d\"", "\"environment\":\"staging\"", "test event");
    }

    @Test
    void refusesToStartInProductionWithoutASentryDsn() throws Exception {
        Path output = Files.createTempFile("bridge-jar-it-production", ".log");
        ProcessBuilder production = new ProcessBuilder(BridgeProcess.jvm(javaBinary(), "-Xmx256m", "-jar", JAR.toString()))
                .redirectErrorStream(true).redirectOutput(output.toFile());
        production.environment().put("SERVER_PORT", Integer.toString(BridgeProcess.freePort()));
        production.environment().put("MANAGEMENT_SERVER_PORT", Integer.toString(BridgeProcess.freePort()));
        production.environment().put("SENTRY_ENVIRONMENT", "production");
        production.environment().remove("SENTRY_DSN");
        Process process = production.start();
        try {
            assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("exits by itself").isTrue();
            assertThat(process.exitValue()).isNotZero();
            assertThat(Files.readString(output)).contains("SENTRY_DSN");
        } finally {
            process.destroyForcibly();
        }
    }

    @Test
    void refusesForgedDeliveries() {
        byte[] body = eventAlert("9003");
        assertThat(sentry.post(body, sentry.sentryHeaders("event_alert", body, "forged")).statusCode()).isEqualTo(401);
        assertThat(issues("9003")).isEmpty();
    }

    @Test
    void aStoreLockedByAnotherProcessIsAnswered503WithinTheSecondAndTakenAgainOnceFree() throws Exception {
        // 2 s is no measurement, only what "within the second" may not exceed: the lock's wait was 10 s before
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        try (Connection other = DriverManager.getConnection("jdbc:sqlite:" + dataDir.resolve("bridge.db"));
             Statement lock = other.createStatement()) {
            lock.execute("BEGIN EXCLUSIVE");

            HttpResponse<String> refused = client.send(signed("event_alert", eventAlert("9004", "warning", "production")),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(refused.statusCode()).isEqualTo(503);
            assertThat(json(refused)).containsEntry("status", "unavailable");
            HttpResponse<String> health = client.send(HttpRequest.newBuilder(URI.create(bridgeUrl + "/health"))
                    .timeout(Duration.ofSeconds(2)).GET().build(), HttpResponse.BodyHandlers.ofString());
            assertThat(health.statusCode()).isEqualTo(503);

            lock.execute("ROLLBACK");
        }
        HttpResponse<String> taken = client.send(signed("event_alert", eventAlert("9004", "warning", "production")),
                HttpResponse.BodyHandlers.ofString());
        assertThat(taken.statusCode()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(20)).until(() -> issues("9004").size() == 1);
    }

    @Test
    void anOddSpellingOfTheWebhookPathTricklingItsBodyIsDroppedAtTheBodyDeadline() throws Exception {
        // a byte every 1.5 s keeps the connection from idling out: only the body deadline (5 s) ends it
        try (Socket socket = new Socket("127.0.0.1", URI.create(bridgeUrl).getPort())) {
            OutputStream out = socket.getOutputStream();
            out.write(("POST /%77ebhooks/sentry HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                    + "Sentry-Hook-Resource: event_alert\r\nContent-Length: 1000\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            socket.setSoTimeout(1500);
            StringBuilder answer = new StringBuilder();
            for (int i = 0; i < 14 && answer.isEmpty(); i++) {
                try {
                    out.write('{');
                    out.flush();
                    byte[] read = new byte[512];
                    int n = socket.getInputStream().read(read);
                    answer.append(n < 0 ? "closed" : new String(read, 0, n, StandardCharsets.ISO_8859_1));
                } catch (SocketTimeoutException stillReading) {
                    // the bridge is still waiting for the body
                } catch (IOException closed) {
                    answer.append("closed");
                }
            }
            // within about 21 s of trickling, cut off at 5 s: a 408, or the connection closed
            assertThat(answer.toString()).matches("(?s)(HTTP/1.1 408.*|closed)");
        }
    }

    private HttpRequest signed(String resource, byte[] body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(bridgeUrl + "/webhooks/sentry"))
                .timeout(Duration.ofSeconds(2)).POST(HttpRequest.BodyPublishers.ofByteArray(body));
        sentry.sentryHeaders(resource, body, SentryDeliveries.SECRET).forEach(request::header);
        return request.build();
    }

    private static List<LoggedRequest> issues(String id) {
        return github.findAll(postRequestedFor(urlEqualTo(ISSUES)).withRequestBody(containing("sentry-github-bridge: " + id + " ")));
    }


    private static String javaBinary() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }
}
