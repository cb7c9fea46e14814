package io.github.sentrygithubbridge;

import static io.github.sentrygithubbridge.support.BridgeProcess.ADMIN_TOKEN;
import static io.github.sentrygithubbridge.support.SentryDeliveries.eventAlert;
import static io.github.sentrygithubbridge.support.SentryDeliveries.issueStatus;
import static io.github.sentrygithubbridge.support.SentryDeliveries.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.sentrygithubbridge.support.BridgeProcess;
import io.github.sentrygithubbridge.support.GitHubStandIn;
import io.github.sentrygithubbridge.support.SentryApiStandIn;
import io.github.sentrygithubbridge.support.SentryDeliveries;
import io.github.sentrygithubbridge.support.TestPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The issue lifecycle through the packaged jar, configured only by environment variables, on the embedded store
 * and on a real PostgreSQL: a stateful GitHub stand-in that sends signed issues webhooks, a Sentry API stand-in,
 * kill -9 between a Sentry issue's writes, and two replicas sharing one Sentry issue's writes.
 */
// each case has its own GitHub, data directory and database: they run side by side (pom.xml, failsafe)
@Execution(ExecutionMode.CONCURRENT)
class LifecycleIT {

    static final String TOKEN = "ghp_lifecycleItToken0123456789";
    static final String SENTRY_TOKEN = "sntrys_lifecycleItToken0123456789abcdef";
    static final String GITHUB_SECRET = "github-webhook-secret-for-the-lifecycle";
    static final ObjectMapper JSON = new ObjectMapper();
    static final TestPostgres POSTGRES = TestPostgres.start();

    GitHubStandIn github;
    SentryApiStandIn sentryApi;
    Path dataDir;
    String databaseUrl;
    final List<BridgeProcess> bridges = new ArrayList<>();

    @BeforeEach
    void setUp() throws IOException {
        github = GitHubStandIn.start(TOKEN);
        sentryApi = SentryApiStandIn.start();
        dataDir = Files.createTempDirectory("bridge-lifecycle");
        databaseUrl = POSTGRES.newDatabase();
    }

    @AfterEach
    void tearDown() throws InterruptedException {
        for (BridgeProcess bridge : bridges) {
            bridge.close();
        }
        github.close();
        sentryApi.close();
    }

    @AfterAll
    static void stopPostgres() {
        POSTGRES.close();
    }

    @ParameterizedTest
    @ValueSource(strings = {"embedded", "postgres"})
    void everyRowOfTheLifecycleHoldsThroughThePackagedJar(String store) throws Exception {
        BridgeProcess bridge = start(store, "one");
        SentryDeliveries sentry = bridge.sentry();
        github.sendWebhooksTo(bridge.url("/webhooks/github"), GITHUB_SECRET);

        // resolved in Sentry: closed as completed, one comment saying by whom and where
        int resolved = filed(bridge, "701");
        assertThat(sentry.post("issue", sentryApi.agreeWith(issueStatus("701", "resolved", null, "Jane Doe", Map.of("inRelease", "shop@2.0.0")))).statusCode())
                .isEqualTo(202);
        awaitState(resolved, "closed", "completed");
        assertThat(github.comments(resolved)).singleElement().satisfies(c -> assertThat(c).contains("Jane Doe", "shop@2.0.0"));

        // archived: closed as not planned by the bridge; unresolved as a regression: reopened with the label
        int archived = filed(bridge, "702");
        assertThat(sentry.post("issue", sentryApi.agreeWith(issueStatus("702", "archived", "archived_forever", "Jane", Map.of()))).statusCode()).isEqualTo(202);
        awaitState(archived, "closed", "not_planned");
        assertThat(sentry.post("issue", sentryApi.agreeWith(issueStatus("702", "unresolved", "regressed", "Sentry", Map.of()))).statusCode()).isEqualTo(202);
        awaitState(archived, "open", "reopened");
        assertThat(github.issue(archived).labels()).contains("regression");

        // a new alert while closed as completed: reopened within the window, a new issue after it
        int regressed = filed(bridge, "703");
        resolve(bridge, "703", regressed);
        assertThat(sentry.post("event_alert", eventAlert("703")).statusCode()).isEqualTo(202);
        awaitState(regressed, "open", "reopened");
        assertThat(github.issue(regressed).labels()).contains("regression");
        resolve(bridge, "703", regressed);
        Instant closedAt = github.issue(regressed).closedAt();
        await().atMost(Duration.ofSeconds(10)).until(() -> Instant.now().isAfter(closedAt.plusSeconds(3)));
        assertThat(sentry.post("event_alert", eventAlert("703")).statusCode()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(20)).until(() -> github.issuesPerSentryIssue().get("703") == 2);
        assertThat(github.issues()).filteredOn(i -> i.number() != regressed && i.body().contains("sentry-github-bridge: 703 "))
                .singleElement().satisfies(i -> assertThat(i.body()).contains("Regression of #" + regressed));

        // a person closes as not planned: held for good, archived in Sentry
        int held = filed(bridge, "704");
        github.closeByPerson(held, "not_planned");
        await().atMost(Duration.ofSeconds(20)).until(() -> sentryWrites("704").size() == 1);
        assertThat(sentryWrites("704").get(0).body()).isEqualTo("{\"status\":\"ignored\"}");
        HttpResponse<String> ignored = sentry.post("event_alert", eventAlert("704"));
        assertThat(ignored.statusCode()).isEqualTo(200);
        assertThat(json(ignored)).containsEntry("status", "ignored").containsEntry("reason", "closed as not planned on GitHub (#" + held + ")");

        // a person closes as completed: resolved in Sentry, and Sentry's echo writes nothing back
        int byHand = filed(bridge, "705");
        github.closeByPerson(byHand, "completed");
        await().atMost(Duration.ofSeconds(20)).until(() -> sentryWrites("705").size() == 1);
        assertThat(sentryWrites("705").get(0).body()).isEqualTo("{\"status\":\"resolved\"}");
        assertThat(json(sentry.post("issue", sentryApi.agreeWith(issueStatus("705", "resolved", null, "bridge", Map.of()))))).containsEntry("status", "ignored");

        // a deleted issue: a new one at the next alert
        int deleted = filed(bridge, "706");
        github.deleteByPerson(deleted);
        await().atMost(Duration.ofSeconds(20)).until(() -> "gone".equals(view(bridge, "706").path("state").asText()));
        assertThat(sentry.post("event_alert", eventAlert("706")).statusCode()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(20)).until(() -> github.issues().stream()
                .anyMatch(i -> i.number() != deleted && i.body().contains("sentry-github-bridge: 706 ")));

        // a resolved metric alert closes its incident's issue
        byte[] critical = SentryDeliveries.fixture("integration-platform-example/metric_alert_critical.json");
        String incident = json(sentry.post("metric_alert", critical)).get("key").toString();
        await().atMost(Duration.ofSeconds(20)).until(() -> github.issuesPerSentryIssue().containsKey(incident)
                && view(bridge, incident).path("githubIssueNumber").isNumber());
        int metric = view(bridge, incident).path("githubIssueNumber").asInt();
        sentryApi.incident(incident.substring(incident.lastIndexOf(':') + 1), 2);
        assertThat(sentry.post("metric_alert", SentryDeliveries.fixture("integration-platform-example/metric_alert_resolved.json"))
                .statusCode()).isEqualTo(202);
        awaitState(metric, "closed", "completed");

        // the bridge's own changes were never mirrored, and no token reached a log line or GitHub
        assertThat(sentryApi.requests()).hasSize(2);
        assertThat(sentryApi.requests()).allSatisfy(r -> assertThat(r.authorization()).isEqualTo("Bearer " + SENTRY_TOKEN));
        assertThat(bridge.log()).doesNotContain(SENTRY_TOKEN, TOKEN, GITHUB_SECRET);
        assertThat(github.issues()).allSatisfy(i -> assertThat(i.body()).doesNotContain(SENTRY_TOKEN));

        replaysAndLateEchoesChangeNothing(bridge, sentry);
    }

    /** Sentry and GitHub are asked, not the payload; the bridge knows its own echo (issue 20: F1, F2, F3). */
    private void replaysAndLateEchoesChangeNothing(BridgeProcess bridge, SentryDeliveries sentry) throws Exception {
        // a captured Sentry "resolved", replayed (signed afresh) after the issue was unresolved, changes nothing
        int replayed = filed(bridge, "707");
        byte[] resolvedDelivery = issueStatus("707", "resolved", null, "Jane", Map.of());
        assertThat(sentry.post("issue", sentryApi.agreeWith(resolvedDelivery)).statusCode()).isEqualTo(202);
        awaitState(replayed, "closed", "completed");
        assertThat(sentry.post("issue", sentryApi.agreeWith(issueStatus("707", "unresolved", "ongoing", "Jane", Map.of()))).statusCode()).isEqualTo(202);
        awaitState(replayed, "open", "reopened");
        int comments = github.comments(replayed).size();
        HttpResponse<String> replay = sentry.post("issue", resolvedDelivery);
        assertThat(replay.statusCode()).isEqualTo(200);
        assertThat(json(replay)).containsEntry("status", "ignored")
                .containsEntry("reason", "Sentry says 707 is unresolved now: this resolved delivery changes nothing (late or replayed)");

        // GitHub's "Redeliver" of a person's close after they reopened the issue, and a signed "deleted" of an issue
        // that is still there: no state changed, no call to Sentry, no second issue
        int redelivered = filed(bridge, "708");
        github.closeByPerson(redelivered, "completed");
        await().atMost(Duration.ofSeconds(20)).until(() -> sentryWrites("708").size() == 1);
        github.reopenByPerson(redelivered);
        await().atMost(Duration.ofSeconds(20)).until(() -> sentryWrites("708").size() == 2);
        HttpResponse<String> closedAgain = github.redeliver(webhook("closed", redelivered, "octocat").get(0));
        assertThat(json(closedAgain)).containsEntry("reason",
                "GitHub says #" + redelivered + " is open now: the closed event changes nothing (late or replayed)");
        HttpResponse<String> deleted = github.deliver("deleted", redelivered, "octocat");
        assertThat(json(deleted)).containsEntry("reason",
                "GitHub says #" + redelivered + " is open now: the deleted event changes nothing (late or replayed)");
        assertThat(view(bridge, "708").path("state").asText()).isEqualTo("open");
        assertThat(sentry.post("event_alert", eventAlert("708")).statusCode()).isBetween(200, 202);

        // the bridge's own close and reopen of 707 echoed late, in reverse order, then in order: nothing written
        List<String> echoes = new ArrayList<>(webhook("closed", replayed, "bridge[bot]"));
        echoes.addAll(webhook("reopened", replayed, "bridge[bot]"));
        assertThat(echoes).hasSize(2);
        int patches = github.patches().size();
        int sentryCalls = sentryApi.requests().size();
        for (String echo : List.of(echoes.get(1), echoes.get(0), echoes.get(0), echoes.get(1))) {
            assertThat(json(github.redeliver(echo)).get("reason").toString()).contains("the bridge's own change");
        }
        await().atMost(Duration.ofSeconds(20)).until(() -> view(bridge, "708").path("pendingWrites").isEmpty()
                && view(bridge, "707").path("pendingWrites").isEmpty());
        assertThat(github.patches()).hasSize(patches);
        assertThat(github.comments(replayed)).hasSize(comments);
        assertThat(github.issue(replayed).state()).isEqualTo("open");
        assertThat(sentryApi.requests()).hasSize(sentryCalls);
        assertThat(github.issuesPerSentryIssue()).containsEntry("708", 1L).containsEntry("707", 1L);
    }

    /** The issues webhooks GitHub sent of this action, issue and sender, in order. */
    private List<String> webhook(String action, int number, String sender) throws IOException {
        List<String> found = new ArrayList<>();
        for (String sent : github.webhooksSent()) {
            JsonNode event = JSON.readTree(sent);
            if (event.path("action").asText().equals(action) && event.path("issue").path("number").asInt() == number
                    && event.path("sender").path("login").asText().equals(sender)) {
                found.add(sent);
            }
        }
        return found;
    }

    @ParameterizedTest
    @ValueSource(strings = {"embedded", "postgres"})
    void aSentryIssuesWritesSurviveKill9AndReachGitHubOnceInTheirOrder(String store) throws Exception {
        BridgeProcess bridge = start(store, "one");
        int number = filed(bridge, "711");
        // GitHub takes comments but fails every state change until it is fixed
        github.failPatches(Integer.MAX_VALUE);
        SentryDeliveries sentry = bridge.sentry();
        assertThat(sentry.post("issue", sentryApi.agreeWith(issueStatus("711", "resolved", null, "Jane", Map.of()))).statusCode()).isEqualTo(202);
        assertThat(sentry.post("issue", sentryApi.agreeWith(issueStatus("711", "unresolved", "ongoing", "Jane", Map.of()))).statusCode()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(20)).until(() -> github.comments(number).size() == 1);

        bridge.kill();
        github.failPatches(0);
        BridgeProcess again = start(store, "one");

        await().atMost(Duration.ofSeconds(30)).until(() -> github.patches().size() == 2);
        assertThat(github.patches()).containsExactly("#" + number + " closed completed", "#" + number + " open");
        awaitState(number, "open", "reopened");
        await().atMost(Duration.ofSeconds(10)).until(() -> view(again, "711").path("pendingWrites").isEmpty());
        assertThat(github.comments(number)).hasSize(2);
        assertThat(github.comments(number).get(0)).contains("Resolved in Sentry");
        assertThat(github.comments(number).get(1)).contains("Unresolved in Sentry");
    }

    @Test
    void twoReplicasSendEachSentryIssuesWritesInTheOrderTheyWereAccepted() throws Exception {
        List<BridgeProcess> replicas = BridgeProcess.startTogether(settings("postgres", "replica-a"), settings("postgres", "replica-b"));
        bridges.addAll(replicas);
        BridgeProcess a = replicas.get(0);
        BridgeProcess b = replicas.get(1);
        List<String> ids = List.of("721", "722", "723", "724", "725", "726");
        Map<String, Integer> numbers = new HashMap<>();
        for (String id : ids) {
            numbers.put(id, filed(a, id));
        }
        // GitHub fails the first tries: the retried close must still come before the reopen accepted after it
        github.failPatches(4);

        for (String id : ids) {
            assertThat(a.sentry().post("issue", sentryApi.agreeWith(issueStatus(id, "resolved", null, "Jane", Map.of()))).statusCode()).isEqualTo(202);
        }
        for (String id : ids) {
            assertThat(b.sentry().post("issue", sentryApi.agreeWith(issueStatus(id, "unresolved", "ongoing", "Jane", Map.of()))).statusCode()).isEqualTo(202);
        }

        await().atMost(Duration.ofSeconds(60)).until(() -> github.patches().size() == ids.size() * 2);
        for (String id : ids) {
            int number = numbers.get(id);
            assertThat(github.patches()).filteredOn(p -> p.startsWith("#" + number + " "))
                    .containsExactly("#" + number + " closed completed", "#" + number + " open");
            assertThat(github.issue(number).state()).isEqualTo("open");
        }
    }

    // ---- helpers ----

    private BridgeProcess start(String store, String replica) {
        BridgeProcess bridge = BridgeProcess.start(settings(store, replica));
        bridges.add(bridge);
        return bridge;
    }

    private Map<String, String> settings(String store, String replica) {
        Map<String, String> settings = new HashMap<>(BridgeProcess.settings(
                "GITHUB_TOKEN", TOKEN,
                "GITHUB_REPOSITORY", "acme/shop",
                "GITHUB_API_URL", github.apiUrl(),
                "GITHUB_WEBHOOK_SECRET", GITHUB_SECRET,
                "SENTRY_API_TOKEN", SENTRY_TOKEN,
                "SENTRY_ORG", "acme",
                "SENTRY_API_URL", sentryApi.url(),
                "BRIDGE_REOPEN_WINDOW", "PT3S",
                "BRIDGE_COOLDOWN", "PT1H",
                "BRIDGE_GITHUB_WRITE_INTERVAL", "PT0.01S",
                "BRIDGE_GITHUB_CREATES_PER_MINUTE", "1000",
                "BRIDGE_GITHUB_FIRST_RETRY_DELAY", "PT0.2S",
                "BRIDGE_GITHUB_MAX_RETRY_DELAY", "PT0.5S",
                "BRIDGE_GITHUB_MAX_RETRIES", "1000",
                "BRIDGE_GITHUB_TIMEOUT", "PT2S",
                "BRIDGE_LEASE", "PT3S",
                "BRIDGE_REPLICA_ID", replica,
                "BRIDGE_DATA_DIR", dataDir.toString()));
        if (store.equals("postgres")) {
            settings.putAll(BridgeProcess.settings("BRIDGE_STORE", "postgres", "BRIDGE_DB_URL", databaseUrl, "BRIDGE_DB_USER", "postgres"));
        }
        return settings;
    }

    /** Sends a first alert and waits until the bridge knows its issue's number. */
    private int filed(BridgeProcess bridge, String id) {
        assertThat(bridge.sentry().post("event_alert", eventAlert(id)).statusCode()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(30)).until(() -> view(bridge, id).path("githubIssueNumber").isNumber()
                && view(bridge, id).path("pendingWrites").isEmpty());
        return view(bridge, id).path("githubIssueNumber").asInt();
    }

    private void resolve(BridgeProcess bridge, String id, int number) {
        assertThat(bridge.sentry().post("issue", sentryApi.agreeWith(issueStatus(id, "resolved", null, "Jane", Map.of()))).statusCode()).isEqualTo(202);
        awaitState(number, "closed", "completed");
        await().atMost(Duration.ofSeconds(10)).until(() -> view(bridge, id).path("pendingWrites").isEmpty());
    }

    private void awaitState(int number, String state, String reason) {
        await().atMost(Duration.ofSeconds(30)).until(() -> state.equals(github.issue(number).state())
                && reason.equals(github.issue(number).stateReason()));
    }

    private List<SentryApiStandIn.Request> sentryWrites(String id) {
        return sentryApi.requests().stream().filter(r -> r.path().equals("/api/0/organizations/acme/issues/" + id + "/")).toList();
    }

    private static JsonNode view(BridgeProcess bridge, String id) {
        try {
            HttpResponse<String> answer = bridge.get("/internal/sentry-issues/" + id, ADMIN_TOKEN);
            return answer.statusCode() == 200 ? JSON.readTree(answer.body()) : JSON.createObjectNode();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
