package io.github.sentrygithubbridge;

import static io.github.sentrygithubbridge.support.SentryDeliveries.eventAlert;
import static io.github.sentrygithubbridge.support.SentryDeliveries.issueStatus;
import static io.github.sentrygithubbridge.support.SentryDeliveries.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.github.sentrygithubbridge.support.GitHubStandIn;
import io.github.sentrygithubbridge.support.MutableClock;
import io.github.sentrygithubbridge.support.SentryApiStandIn;
import io.github.sentrygithubbridge.support.SentryDeliveries;
import io.github.sentrygithubbridge.support.TestClockConfiguration;
import io.github.sentrygithubbridge.web.SignatureVerifier;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The issue lifecycle through the front door, one test per row of the README's lifecycle table and per edge of
 * docs/lifecycle.md: signed Sentry deliveries in, a stateful GitHub stand-in that sends signed issues webhooks back,
 * and a Sentry API stand-in for GitHub -> Sentry.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "bridge.webhook.secret=" + SentryDeliveries.SECRET,
        "bridge.admin-token=" + LifecycleEndToEndTest.ADMIN,
        "bridge.lifecycle.cooldown=PT1H",
        "bridge.lifecycle.reopen-window=P30D",
        "bridge.sentry-api.token=" + LifecycleEndToEndTest.SENTRY_TOKEN,
        "bridge.sentry-api.org=acme",
        "github.token=" + LifecycleEndToEndTest.TOKEN,
        "github.repository=acme/shop",
        "github.webhook-secret=" + LifecycleEndToEndTest.GITHUB_SECRET,
        "github.write-interval=PT0.02S",
        "github.first-retry-delay=PT0.05S",
        "github.max-retry-delay=PT0.2S"
})
@Import(TestClockConfiguration.class)
@org.springframework.boot.micrometer.metrics.test.autoconfigure.AutoConfigureMetrics
class LifecycleEndToEndTest {

    static final String TOKEN = "ghp_lifecycleToken0123456789";
    static final String SENTRY_TOKEN = "sntrys_lifecycleToken0123456789";
    static final String GITHUB_SECRET = "github-webhook-secret";
    static final String ADMIN = "admin-token";
    static final GitHubStandIn GITHUB = GitHubStandIn.start(TOKEN);
    static final SentryApiStandIn SENTRY_API = SentryApiStandIn.start();
    static final Path DATA_DIR = temporaryDirectory();
    static final HttpClient HTTP = HttpClient.newHttpClient();

    @DynamicPropertySource
    static void wiring(DynamicPropertyRegistry registry) {
        registry.add("github.api-url", GITHUB::apiUrl);
        registry.add("bridge.sentry-api.url", SENTRY_API::url);
        registry.add("bridge.data-dir", DATA_DIR::toString);
    }

    @AfterAll
    static void stopStandIns() {
        GITHUB.close();
        SENTRY_API.close();
    }

    @LocalServerPort
    int port;

    @Autowired
    MutableClock clock;

    @Autowired
    MeterRegistry meters;

    SentryDeliveries sentry;

    @BeforeEach
    void setUp() {
        sentry = new SentryDeliveries(port, clock);
        GITHUB.sendWebhooksTo("http://127.0.0.1:" + port + "/webhooks/github", GITHUB_SECRET);
    }

    @Test
    void resolvedInSentryClosesTheIssueAsCompletedWithOneCommentAndTheEchoIsNotMirrored() {
        int number = filed("9001");

        HttpResponse<String> answer = sentry.post("issue", SENTRY_API.agreeWith(issueStatus("9001", "resolved", null, "Jane Doe",
                Map.of("inRelease", "shop@1.2.3"))));

        assertThat(answer.statusCode()).isEqualTo(202);
        awaitState(number, "closed", "completed");
        assertThat(GITHUB.comments(number)).singleElement().satisfies(comment -> assertThat(comment)
                .contains("Resolved in Sentry", "Jane Doe", "shop@1.2.3", "in_release"));
        assertNoSentryWriteFor("9001");
        assertThat(meters.get("bridge.issues").tag("action", "closed").counter().count()).isPositive();
    }

    @Test
    void archivedClosesAsNotPlannedAndUnresolvedReopensTheBridgesOwnClose() {
        int number = filed("9002");

        assertThat(sentry.post("issue", SENTRY_API.agreeWith(issueStatus("9002", "archived", "archived_until_escalating", "Jane", Map.of()))).statusCode())
                .isEqualTo(202);
        awaitState(number, "closed", "not_planned");
        assertThat(GITHUB.comments(number)).singleElement().satisfies(c -> assertThat(c).contains("Archived in Sentry", "until it escalates"));
        // GitHub's echo of the bridge's own close is not a person's call
        await().atMost(Duration.ofSeconds(5)).until(() -> "archived".equals(view("9002").get("state")));

        assertThat(sentry.post("issue", SENTRY_API.agreeWith(issueStatus("9002", "unresolved", "escalating", "Sentry", Map.of()))).statusCode()).isEqualTo(202);

        awaitState(number, "open", "reopened");
        assertThat(GITHUB.comments(number)).hasSize(2).last().satisfies(c -> assertThat(c).contains("escalating"));
        assertThat(GITHUB.issue(number).labels()).doesNotContain("regression");
        assertNoSentryWriteFor("9002");
    }

    @Test
    void aRegressionInSentryReopensWithTheLabelAndItsAlertIsTheSameStateChange() {
        int number = filed("9003");
        resolve("9003", number);

        assertThat(sentry.post("issue", SENTRY_API.agreeWith(issueStatus("9003", "unresolved", "regressed", "Sentry", Map.of()))).statusCode()).isEqualTo(202);
        awaitState(number, "open", "reopened");
        assertThat(GITHUB.issue(number).labels()).contains("regression", "agent:builder");
        assertThat(GITHUB.comments(number)).last().satisfies(c -> assertThat(c).contains("regression"));

        HttpResponse<String> alert = sentry.post("event_alert", eventAlert("9003"));
        assertThat(alert.statusCode()).isEqualTo(200);
        assertThat(json(alert)).containsEntry("status", "duplicate");
    }

    @Test
    void aNewAlertReopensAResolvedIssueWithinTheWindowAndOpensANewOneAfterIt() {
        int number = filed("9004");
        resolve("9004", number);

        assertThat(sentry.post("event_alert", eventAlert("9004")).statusCode()).isEqualTo(202);
        awaitState(number, "open", "reopened");
        assertThat(GITHUB.issue(number).labels()).contains("regression");
        assertThat(GITHUB.comments(number)).last().satisfies(c -> assertThat(c).contains("Regression", "production"));

        resolve("9004", number);
        clock.advance(Duration.ofDays(31));
        HttpResponse<String> late = sentry.post("event_alert", eventAlert("9004"));

        assertThat(late.statusCode()).isEqualTo(202);
        assertThat(json(late).get("reason").toString()).contains("#" + number);
        await().atMost(Duration.ofSeconds(10)).until(() -> GITHUB.issuesPerSentryIssue().get("9004") == 2);
        GitHubStandIn.Issue regression = GITHUB.issues().stream().filter(i -> i.body().contains("sentry-github-bridge: 9004 "))
                .reduce((a, b) -> b).orElseThrow();
        assertThat(regression.body()).contains("Regression of #" + number);
        assertThat(GITHUB.issue(number).state()).isEqualTo("closed");
        await().atMost(Duration.ofSeconds(5)).until(() -> Integer.valueOf(regression.number()).equals(view("9004").get("githubIssueNumber")));
        assertThat(view("9004")).containsEntry("previousIssueNumber", number);
    }

    @Test
    void aPersonClosingAsNotPlannedHoldsTheIssueAndArchivesItInSentry() {
        int number = filed("9005");
        int patches = GITHUB.patches().size();

        GITHUB.closeByPerson(number, "not_planned");

        await().atMost(Duration.ofSeconds(10)).until(() -> sentryWrites("9005").size() == 1);
        assertThat(sentryWrites("9005").get(0).body()).isEqualTo("{\"status\":\"ignored\"}");
        assertThat(sentryWrites("9005").get(0).authorization()).isEqualTo("Bearer " + SENTRY_TOKEN);
        for (HttpResponse<String> later : List.of(sentry.post("event_alert", eventAlert("9005")),
                sentry.post("issue", SENTRY_API.agreeWith(issueStatus("9005", "unresolved", "regressed", "Sentry", Map.of()))),
                sentry.post("issue", SENTRY_API.agreeWith(issueStatus("9005", "resolved", null, "Sentry", Map.of()))))) {
            assertThat(later.statusCode()).isEqualTo(200);
            assertThat(json(later)).containsEntry("status", "ignored")
                    .containsEntry("reason", "closed as not planned on GitHub (#" + number + ")");
        }
        assertThat(GITHUB.patches()).hasSize(patches);
        assertThat(GITHUB.comments(number)).isEmpty();
        assertThat(view("9005")).containsEntry("state", "held").containsEntry("closedBy", "person");
    }

    @Test
    void withoutTheWebhookTheLaneReadsTheIssueAndHonoursAPersonsNotPlanned() {
        int number = filed("9006");
        GITHUB.sendWebhooksTo(null, null);
        GITHUB.closeByPerson(number, "duplicate");

        assertThat(sentry.post("issue", SENTRY_API.agreeWith(issueStatus("9006", "resolved", null, "Jane", Map.of()))).statusCode()).isEqualTo(202);

        await().atMost(Duration.ofSeconds(10)).until(() -> "held".equals(view("9006").get("state")));
        assertThat(GITHUB.issue(number).stateReason()).isEqualTo("duplicate");
        assertThat(GITHUB.comments(number)).isEmpty();
        // what the lane learned is a person's call, mirrored to Sentry like the webhook's
        await().atMost(Duration.ofSeconds(10)).until(() -> ((List<?>) view("9006").get("pendingWrites")).isEmpty());
        assertThat(sentryWrites("9006")).singleElement().satisfies(w -> assertThat(w.body()).isEqualTo("{\"status\":\"ignored\"}"));
    }

    @Test
    void aPersonClosingAsCompletedResolvesSentryAndReopeningUnresolvesItWithoutPingPong() {
        int number = filed("9007");
        // Sentry is busy at first: the write is kept and sent again as long after as it asks (Retry-After)
        SENTRY_API.rateLimit(1);

        GITHUB.closeByPerson(number, "completed");
        await().atMost(Duration.ofSeconds(10)).until(() -> sentryWrites("9007").size() == 1);
        assertThat(meters.get("bridge.sentry.requests").tag("status", "429").counter().count()).isEqualTo(1);
        assertThat(sentryWrites("9007").get(0).path()).isEqualTo("/api/0/organizations/acme/issues/9007/");
        assertThat(sentryWrites("9007").get(0).body()).isEqualTo("{\"status\":\"resolved\"}");
        // Sentry's own webhook for that change is its echo: nothing is written back to GitHub
        HttpResponse<String> echo = sentry.post("issue", SENTRY_API.agreeWith(issueStatus("9007", "resolved", null, "bridge", Map.of())));
        assertThat(json(echo)).containsEntry("status", "ignored");

        GITHUB.reopenByPerson(number);
        await().atMost(Duration.ofSeconds(10)).until(() -> sentryWrites("9007").size() == 2);
        assertThat(sentryWrites("9007").get(1).body()).isEqualTo("{\"status\":\"unresolved\"}");
        assertThat(json(sentry.post("issue", SENTRY_API.agreeWith(issueStatus("9007", "unresolved", "ongoing", "bridge", Map.of()))))).containsEntry("status", "ignored");
        assertThat(GITHUB.comments(number)).isEmpty();
        assertThat(GITHUB.patches()).noneMatch(p -> p.startsWith("#" + number + " "));
    }

    @Test
    void writesOfOneSentryIssueReachGitHubInTheOrderTheyWereAcceptedWhenGitHubFailsTheFirstTries() {
        int number = filed("9008");
        GITHUB.failPatches(3);

        assertThat(sentry.post("issue", SENTRY_API.agreeWith(issueStatus("9008", "resolved", null, "Jane", Map.of()))).statusCode()).isEqualTo(202);
        assertThat(sentry.post("issue", SENTRY_API.agreeWith(issueStatus("9008", "unresolved", "ongoing", "Jane", Map.of()))).statusCode()).isEqualTo(202);

        await().atMost(Duration.ofSeconds(15)).until(() -> GITHUB.patches().stream().filter(p -> p.startsWith("#" + number + " ")).count() == 2);
        assertThat(GITHUB.patches()).filteredOn(p -> p.startsWith("#" + number + " "))
                .containsExactly("#" + number + " closed completed", "#" + number + " open");
        awaitState(number, "open", "reopened");
    }

    @Test
    void aDeletedIssueGetsANewIssueAtTheNextAlert() {
        int number = filed("9009");

        GITHUB.deleteByPerson(number);
        await().atMost(Duration.ofSeconds(10)).until(() -> "gone".equals(view("9009").get("state")));
        assertThat(sentry.post("event_alert", eventAlert("9009")).statusCode()).isEqualTo(202);

        await().atMost(Duration.ofSeconds(10)).until(() -> GITHUB.issues().stream()
                .anyMatch(i -> i.number() != number && !i.deleted() && i.body().contains("sentry-github-bridge: 9009 ")));
    }

    @Test
    void aResolvedMetricAlertClosesItsIncidentsIssue() throws IOException {
        byte[] critical = SentryDeliveries.fixture("integration-platform-example/metric_alert_critical.json");
        assertThat(sentry.post("metric_alert", critical).statusCode()).isEqualTo(202);
        String key = json(sentry.post("metric_alert", critical)).get("key").toString();
        await().atMost(Duration.ofSeconds(10)).until(() -> GITHUB.issuesPerSentryIssue().containsKey(key));
        int number = GITHUB.issues().stream().filter(i -> i.body().contains("sentry-github-bridge: " + key + " ")).findFirst().orElseThrow().number();
        await().atMost(Duration.ofSeconds(5)).until(() -> view(key).get("githubIssueNumber") != null);

        byte[] resolved = new String(SentryDeliveries.fixture("integration-platform-example/metric_alert_resolved.json"), StandardCharsets.UTF_8)
                .getBytes(StandardCharsets.UTF_8);
        SENTRY_API.incident(key.substring(key.lastIndexOf(':') + 1), 2);
        assertThat(sentry.post("metric_alert", resolved).statusCode()).isEqualTo(202);

        awaitState(number, "closed", "completed");
        assertThat(GITHUB.comments(number)).singleElement().satisfies(c -> assertThat(c).contains("metric alert is resolved"));
    }

    @Test
    void theGitHubWebhookIsVerifiedLikeSentrysAndAnswersPing() throws Exception {
        int number = filed("9010");
        byte[] closed = ("{\"action\":\"closed\",\"issue\":{\"number\":" + number + ",\"state\":\"closed\",\"state_reason\":\"not_planned\"},"
                + "\"repository\":{\"full_name\":\"acme/shop\"}}").getBytes(StandardCharsets.UTF_8);

        assertThat(github("issues", closed, "sha256=" + SignatureVerifier.sign("wrong", closed)).statusCode()).isEqualTo(401);
        assertThat(github("issues", closed, null).statusCode()).isEqualTo(401);
        assertThat(view("9010")).containsEntry("state", "open");

        byte[] ping = "{\"zen\":\"Keep it logically awesome.\"}".getBytes(StandardCharsets.UTF_8);
        assertThat(github("ping", ping, "sha256=" + SignatureVerifier.sign(GITHUB_SECRET, ping)).statusCode()).isEqualTo(200);
        GITHUB.closeByPersonUnannounced(number, "not_planned");
        HttpResponse<String> accepted = github("issues", closed, "sha256=" + SignatureVerifier.sign(GITHUB_SECRET, closed));
        assertThat(accepted.statusCode()).isEqualTo(200);
        assertThat(json(accepted).get("reason").toString()).contains("a person closed #" + number + " as not planned");
        assertThat(view("9010")).containsEntry("state", "held");
    }

    @Test
    void lateEchoesOfTheBridgesOwnChangesInEitherOrderWriteNothingAndCallNoSentry() throws Exception {
        int number = filed("9020");
        // the bridge closed the issue, then reopened it; their webhooks come late, in reverse order, then in order
        String closedEcho = "{\"action\":\"closed\",\"issue\":{\"number\":" + number + ",\"state\":\"closed\",\"state_reason\":\"completed\","
                + "\"closed_at\":\"2026-01-01T00:00:00Z\"},\"repository\":{\"full_name\":\"acme/shop\"},\"sender\":{\"login\":\"bridge[bot]\"}}";
        String reopenedEcho = "{\"action\":\"reopened\",\"issue\":{\"number\":" + number + ",\"state\":\"open\",\"state_reason\":\"reopened\"},"
                + "\"repository\":{\"full_name\":\"acme/shop\"},\"sender\":{\"login\":\"bridge[bot]\"}}";
        int sentryCalls = SENTRY_API.requests().size();
        int patches = GITHUB.patches().size();

        for (String echo : List.of(reopenedEcho, closedEcho, closedEcho, reopenedEcho)) {
            byte[] body = echo.getBytes(StandardCharsets.UTF_8);
            HttpResponse<String> answer = github("issues", body, "sha256=" + SignatureVerifier.sign(GITHUB_SECRET, body));
            assertThat(json(answer).get("reason").toString()).as(echo).contains("the bridge's own change");
        }

        assertThat(view("9020")).containsEntry("state", "open");
        assertThat(SENTRY_API.requests()).hasSize(sentryCalls);
        assertThat(GITHUB.patches()).hasSize(patches);
        assertThat(view("9020").get("pendingWrites")).asList().isEmpty();
    }

    @Test
    void theOperatorSeesASentryIssuesStateBehindTheAdminToken() {
        int number = filed("9011");
        assertThat(admin("/internal/sentry-issues/9011", "wrong").statusCode()).isEqualTo(401);
        assertThat(admin("/internal/sentry-issues/1", ADMIN).statusCode()).isEqualTo(404);

        Map<String, Object> shown = view("9011");

        assertThat(shown).containsEntry("state", "open").containsEntry("githubIssueNumber", number)
                .containsKeys("eventsSinceUpdate", "lastAlertAt", "pendingWrites");
    }

    @Test
    void refusalsAreJsonWhateverTheRequestCarries() throws IOException, InterruptedException {
        // the reason quotes the id as sent: a quote in it must not break the JSON
        HttpResponse<String> badId = sentry.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                        + "/internal/dead-letters/replay?id=%22%7D,%22status%22:%22x"))
                .header("Authorization", "Bearer " + ADMIN).POST(HttpRequest.BodyPublishers.noBody()).build());
        assertThat(badId.statusCode()).isEqualTo(400);
        assertThat(json(badId)).containsEntry("status", "invalid")
                .containsEntry("reason", "id must be a dead letter's number, not '\"},\"status\":\"x'");

        HttpResponse<String> unsigned = github("issues", "{}".getBytes(StandardCharsets.UTF_8), null);
        assertThat(unsigned.statusCode()).isEqualTo(401);
        assertThat(json(unsigned)).containsEntry("status", "rejected");
        byte[] notJson = "{not json".getBytes(StandardCharsets.UTF_8);
        HttpResponse<String> broken = github("issues", notJson, "sha256=" + SignatureVerifier.sign(GITHUB_SECRET, notJson));
        assertThat(broken.statusCode()).isEqualTo(400);
        assertThat(json(broken)).containsEntry("status", "invalid");
        assertThat((String) json(broken).get("reason")).startsWith("the body is not valid JSON");
    }

    @Test
    void credentialsAndSignaturesAreReadFromTheRequestsHeadersOnly() {
        filed("9012");
        // Camel copies query parameters and form fields into its headers: none of them may pass for a header
        assertThat(sentry.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                + "/internal/sentry-issues/9012?Authorization=Bearer%20" + ADMIN)).GET().build()).statusCode()).isEqualTo(401);
        assertThat(sentry.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/internal/dead-letters/replay"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("Authorization=Bearer%20" + ADMIN)).build()).statusCode()).isEqualTo(401);
        byte[] closed = ("{\"action\":\"closed\",\"issue\":{\"number\":1,\"state\":\"closed\",\"state_reason\":\"not_planned\"}}")
                .getBytes(StandardCharsets.UTF_8);
        assertThat(sentry.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/webhooks/github?X-Hub-Signature-256=sha256%3D"
                        + SignatureVerifier.sign(GITHUB_SECRET, closed)))
                .header("Content-Type", "application/json").header("X-GitHub-Event", "issues")
                .POST(HttpRequest.BodyPublishers.ofByteArray(closed)).build()).statusCode()).isEqualTo(401);
        assertThat(admin("/internal/sentry-issues/9012", ADMIN).statusCode()).isEqualTo(200);
    }

    // ---- helpers ----

    /** Sends a first alert and waits for its issue; returns the issue number. */
    private int filed(String sentryIssueId) {
        assertThat(sentry.post("event_alert", eventAlert(sentryIssueId)).statusCode()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(10)).until(() -> GITHUB.issuesPerSentryIssue().containsKey(sentryIssueId)
                && view(sentryIssueId).get("githubIssueNumber") != null);
        return (Integer) view(sentryIssueId).get("githubIssueNumber");
    }

    private void resolve(String sentryIssueId, int number) {
        assertThat(sentry.post("issue", SENTRY_API.agreeWith(issueStatus(sentryIssueId, "resolved", null, "Jane", Map.of()))).statusCode()).isEqualTo(202);
        awaitState(number, "closed", "completed");
        await().atMost(Duration.ofSeconds(5)).until(() -> ((List<?>) view(sentryIssueId).get("pendingWrites")).isEmpty());
    }

    private void awaitState(int number, String state, String reason) {
        await().atMost(Duration.ofSeconds(15)).until(() -> state.equals(GITHUB.issue(number).state())
                && reason.equals(GITHUB.issue(number).stateReason()));
    }

    private void assertNoSentryWriteFor(String sentryIssueId) {
        assertThat(sentryWrites(sentryIssueId)).isEmpty();
    }

    private static List<SentryApiStandIn.Request> sentryWrites(String sentryIssueId) {
        return SENTRY_API.requests().stream().filter(r -> r.path().endsWith("/issues/" + sentryIssueId + "/")).toList();
    }

    private Map<String, Object> view(String sentryIssueId) {
        HttpResponse<String> response = admin("/internal/sentry-issues/" + sentryIssueId, ADMIN);
        return response.statusCode() == 200 ? json(response) : Map.of();
    }

    private HttpResponse<String> admin(String path, String token) {
        return sentry.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Authorization", "Bearer " + token).GET().build());
    }

    private HttpResponse<String> github(String event, byte[] body, String signature) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/webhooks/github"))
                .header("Content-Type", "application/json").header("X-GitHub-Event", event)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (signature != null) {
            request.header("X-Hub-Signature-256", signature);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static Path temporaryDirectory() {
        try {
            return Files.createTempDirectory("bridge-lifecycle");
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
