package io.github.sentrygithubbridge;

import static io.github.sentrygithubbridge.support.BridgeProcess.ADMIN_TOKEN;
import static io.github.sentrygithubbridge.support.SentryDeliveries.eventAlert;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.sentrygithubbridge.support.BridgeProcess;
import io.github.sentrygithubbridge.support.GitHubStandIn;
import io.github.sentrygithubbridge.support.TestPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Fault injection on loopback, with the packaged jar against a stateful GitHub stand-in, on the embedded
 * store and on a real PostgreSQL: crashes (SIGKILL) during a GitHub outage and mid-request, a wiped data
 * directory, two replicas with one killed, the database stopped under load, and the dead-letter replay.
 * Each ends by counting what reached GitHub: every accepted alert there, and nothing twice. Each case has its own
 * GitHub, data directory and database, so they run side by side: most of their time is spent waiting.
 */
@Execution(ExecutionMode.CONCURRENT)
class FaultInjectionIT {

    static final String TOKEN = "ghp_faultInjectionToken0123456789";
    static final ObjectMapper JSON = new ObjectMapper();
    static final TestPostgres POSTGRES = TestPostgres.start();

    GitHubStandIn github;
    Path dataDir;
    String databaseUrl;
    final List<BridgeProcess> bridges = new ArrayList<>();

    @BeforeEach
    void setUp() throws IOException {
        github = GitHubStandIn.start(TOKEN);
        dataDir = Files.createTempDirectory("bridge-fault");
        databaseUrl = POSTGRES.newDatabase();
    }

    @AfterEach
    void tearDown() throws InterruptedException {
        for (BridgeProcess bridge : bridges) {
            bridge.close();
        }
        github.close();
    }

    @AfterAll
    static void stopPostgres() {
        POSTGRES.close();
    }

    @ParameterizedTest
    @ValueSource(strings = {"embedded", "postgres"})
    void aCrashDuringAGitHubOutageLosesNothing(String store) throws Exception {
        BridgeProcess bridge = start(store, "one");
        // GitHub goes down once the bridge has read it: the writes are tried, and fail
        await().atMost(Duration.ofSeconds(20)).until(() -> bridge.log().contains("Read the issues already on GitHub"));
        github.down(503);
        List<String> accepted = deliver(bridge, ids(1, 10));
        assertThat(accepted).hasSize(10);
        await().atMost(Duration.ofSeconds(10)).until(() -> github.receivedWrites() >= 3);

        bridge.kill();
        github.up();
        BridgeProcess again = start(store, "one");

        awaitOnGitHub(again, accepted);
        assertExactlyOneIssueEach(accepted);
    }

    @Test
    void startsWhileGitHubIsDownAndCatchesUpWithLabelsFirstWhenItReturns() throws Exception {
        github.down(503);
        BridgeProcess bridge = start("embedded", "one");
        List<String> accepted = deliver(bridge, ids(21, 23));
        assertThat(github.issues()).isEmpty();

        github.up();

        awaitOnGitHub(bridge, accepted);
        assertExactlyOneIssueEach(accepted);
        assertThat(github.labelNames()).contains("agent:builder");
        assertThat(github.issues()).allSatisfy(issue -> assertThat(issue.labels()).contains("agent:builder"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"embedded", "postgres"})
    void aCrashMidRequestDoesNotOpenTheIssueTwice(String store) throws Exception {
        // GitHub opens the issue but its answer never reaches the bridge
        github.holdWrites(Duration.ofSeconds(30));
        BridgeProcess bridge = start(store, "one");
        List<String> accepted = deliver(bridge, ids(101, 105));
        await().atMost(Duration.ofSeconds(20)).until(() -> !github.issues().isEmpty());

        bridge.kill();
        github.holdWrites(Duration.ZERO);
        BridgeProcess again = start(store, "one");

        awaitOnGitHub(again, accepted);
        assertExactlyOneIssueEach(accepted);
    }

    @ParameterizedTest
    @ValueSource(strings = {"embedded", "postgres"})
    void aCrashMidCommentDoesNotCommentTwice(String store) throws Exception {
        BridgeProcess bridge = start(store, "one", "BRIDGE_COOLDOWN", "PT1S");
        List<String> accepted = deliver(bridge, ids(121, 121));
        awaitOnGitHub(bridge, accepted);
        github.holdWrites(Duration.ofSeconds(30));
        assertThat(bridge.sentry().post("event_alert", eventAlert("121")).body()).contains("a comment will update");
        await().atMost(Duration.ofSeconds(20)).until(() -> github.commentCount() == 1);

        bridge.kill();
        github.holdWrites(Duration.ZERO);
        BridgeProcess again = start(store, "one", "BRIDGE_COOLDOWN", "PT1S");

        // the restarted bridge finished the write (it leaves the store) without a second comment
        await().atMost(Duration.ofSeconds(30)).until(() -> again.log().contains("is already on GitHub issue #1: not sent again"));
        assertThat(github.commentCount()).isEqualTo(1);
        assertExactlyOneIssueEach(accepted);
    }

    @ParameterizedTest
    @ValueSource(strings = {"embedded", "postgres"})
    void aSlowGitHubThatTimesOutDoesNotOpenTheIssueTwice(String store) throws Exception {
        // longer than BRIDGE_GITHUB_TIMEOUT: the bridge gives up on the answer, GitHub has the issue
        github.holdWrites(Duration.ofMillis(2500));
        BridgeProcess bridge = start(store, "one");
        List<String> accepted = deliver(bridge, ids(151, 153));
        await().atMost(Duration.ofSeconds(15)).until(() -> github.issues().size() >= 2);
        github.holdWrites(Duration.ZERO);

        awaitOnGitHub(bridge, accepted);
        assertExactlyOneIssueEach(accepted);
    }

    @ParameterizedTest
    @ValueSource(strings = {"embedded", "postgres"})
    void aWipedStoreFindsTheIssuesAlreadyOnGitHub(String store) throws Exception {
        BridgeProcess bridge = start(store, "one", "BRIDGE_COOLDOWN", "PT1S");
        List<String> accepted = deliver(bridge, ids(201, 205));
        awaitOnGitHub(bridge, accepted);
        bridge.kill();

        // a new disk, or a new database: only GitHub remembers
        dataDir = Files.createTempDirectory("bridge-fault-wiped");
        databaseUrl = POSTGRES.newDatabase();
        BridgeProcess fresh = start(store, "one", "BRIDGE_COOLDOWN", "PT1S");
        // /health is UP before the first read of GitHub is done: what Sentry sends meanwhile is decided on an empty store
        await().atMost(Duration.ofSeconds(30)).until(() -> fresh.log().contains("Read the issues already on GitHub"));
        for (String id : accepted) {
            HttpResponse<String> again = fresh.sentry().post("event_alert", eventAlert(id));
            assertThat(again.statusCode()).as(again.body()).isEqualTo(202);
            assertThat(again.body()).contains("a comment will update the GitHub issue");
        }

        await().atMost(Duration.ofSeconds(30)).until(() -> github.commentCount() == accepted.size());
        assertExactlyOneIssueEach(accepted);
    }

    @Test
    void twoReplicasOnOnePostgresOpenOneIssuePerSentryIssueWhenOneIsKilled() throws Exception {
        // slow enough that writes are still waiting when a replica dies
        github.holdWrites(Duration.ofMillis(50));
        List<BridgeProcess> replicas = startTogether(settings("postgres", "replica-a", "BRIDGE_GITHUB_WRITE_INTERVAL", "PT0.05S"),
                settings("postgres", "replica-b", "BRIDGE_GITHUB_WRITE_INTERVAL", "PT0.05S"));
        BridgeProcess a = replicas.get(0);
        BridgeProcess b = replicas.get(1);
        List<String> deliveries = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            deliveries.add(Integer.toString(301 + i % 50));
        }
        Collections.shuffle(deliveries, new java.util.Random(7));

        Set<String> accepted = ConcurrentHashMap.newKeySet();
        ExecutorService pool = Executors.newFixedThreadPool(16);
        List<Future<?>> sent = new ArrayList<>();
        for (int i = 0; i < deliveries.size(); i++) {
            String id = deliveries.get(i);
            BridgeProcess to = i % 2 == 0 ? a : b;
            if (i == 100) {
                // halfway: wait for what is in flight, then kill replica a
                for (Future<?> f : sent) {
                    f.get();
                }
                a.kill();
            }
            sent.add(pool.submit(() -> {
                try {
                    HttpResponse<String> answer = to.sentry().post("event_alert", eventAlert(id));
                    if (answer.statusCode() == 202 || answer.statusCode() == 200) {
                        accepted.add(id);
                    }
                } catch (RuntimeException refused) {
                    // the dead replica refuses the connection: Sentry sees a failure, nothing was accepted
                }
            }));
        }
        for (Future<?> f : sent) {
            f.get();
        }
        pool.shutdown();
        assertThat(pool.awaitTermination(30, TimeUnit.SECONDS)).isTrue();

        github.holdWrites(Duration.ZERO);
        awaitOnGitHub(b, List.copyOf(accepted));
        assertExactlyOneIssueEach(List.copyOf(accepted));
        assertThat(accepted).hasSize(50);
        // the cooldown (6 hours by default) holds across replicas: repeats were only counted
        assertThat(github.commentCount()).isZero();
    }

    @Test
    void theDatabaseStoppedUnderLoadGets503sAndLosesNothingAccepted() throws Exception {
        // a server of its own: the cases beside it keep theirs running
        try (TestPostgres stopped = TestPostgres.start()) {
            databaseUrl = stopped.newDatabase();
            underLoad(stopped);
        }
    }

    private void underLoad(TestPostgres postgres) throws Exception {
        BridgeProcess bridge = start("postgres", "one");
        Map<String, Integer> answers = new ConcurrentHashMap<>();
        for (int i = 0; i < 20; i++) {
            String id = Integer.toString(401 + i);
            answers.put(id, bridge.sentry().post("event_alert", eventAlert(id)).statusCode());
        }
        postgres.stop();
        // while it is down, Sentry's deliveries keep coming, several at once
        ExecutorService senders = Executors.newFixedThreadPool(5);
        List<Future<?>> sent = new ArrayList<>();
        for (int i = 20; i < 40; i++) {
            String id = Integer.toString(401 + i);
            sent.add(senders.submit(() -> answers.put(id, bridge.sentry().post("event_alert", eventAlert(id)).statusCode())));
        }
        for (Future<?> f : sent) {
            f.get();
        }
        senders.shutdown();
        int health = bridge.get("/health", null).statusCode();
        postgres.startAgain();
        await().atMost(Duration.ofSeconds(30)).ignoreExceptions().until(() -> bridge.get("/health", null).statusCode() == 200);
        for (int i = 40; i < 60; i++) {
            String id = Integer.toString(401 + i);
            answers.put(id, bridge.sentry().post("event_alert", eventAlert(id)).statusCode());
        }

        assertThat(answers.values()).as("only 202 or 503").allMatch(s -> s == 202 || s == 503);
        assertThat(answers.values()).filteredOn(s -> s == 503).hasSizeGreaterThanOrEqualTo(15);
        assertThat(health).as("/health while the database is down").isEqualTo(503);
        List<String> accepted = answers.entrySet().stream().filter(e -> e.getValue() == 202).map(Map.Entry::getKey).toList();
        assertThat(accepted).hasSizeGreaterThanOrEqualTo(40);
        awaitOnGitHub(bridge, accepted);
        assertExactlyOneIssueEach(accepted);
        assertThat(github.issuesPerSentryIssue().keySet()).containsExactlyInAnyOrderElementsOf(accepted);
    }

    @ParameterizedTest
    @ValueSource(strings = {"embedded", "postgres"})
    void deadLettersAreListedAndReplayed(String store) throws Exception {
        github.failCreates(422);
        BridgeProcess bridge = start(store, "one");
        List<String> accepted = deliver(bridge, ids(501, 503));
        await().atMost(Duration.ofSeconds(20)).until(() -> deadLetters(bridge).size() == 3);

        List<JsonNode> letters = deadLetters(bridge);
        assertThat(letters).extracting(l -> l.path("sentryIssueId").asText()).containsExactlyInAnyOrderElementsOf(accepted);
        assertThat(letters).allSatisfy(l -> {
            assertThat(l.path("error").asText()).contains("422");
            assertThat(l.path("attempts").asInt()).isEqualTo(1);
            assertThat(l.path("failedAt").asText()).isNotBlank();
        });
        assertThat(bridge.get("/internal/dead-letters", "wrong").statusCode()).isEqualTo(401);
        assertThat(bridge.post("/internal/dead-letters/replay", null).statusCode()).isEqualTo(401);

        github.failCreates(0);
        HttpResponse<String> one = bridge.post("/internal/dead-letters/replay?id=" + letters.get(0).path("id").asLong(), ADMIN_TOKEN);
        assertThat(JSON.readTree(one.body()).path("replayed").asInt()).as(one.body()).isEqualTo(1);
        HttpResponse<String> rest = bridge.post("/internal/dead-letters/replay", ADMIN_TOKEN);
        assertThat(JSON.readTree(rest.body()).path("replayed").asInt()).as(rest.body()).isEqualTo(2);

        awaitOnGitHub(bridge, accepted);
        assertExactlyOneIssueEach(accepted);
        assertThat(deadLetters(bridge)).isEmpty();
        // nothing left to replay
        assertThat(JSON.readTree(bridge.post("/internal/dead-letters/replay", ADMIN_TOKEN).body()).path("replayed").asInt()).isZero();
    }

    private Map<String, String> settings(String store, String replica, String... extra) {
        Map<String, String> settings = new HashMap<>(BridgeProcess.settings(
                "GITHUB_TOKEN", TOKEN,
                "GITHUB_REPOSITORY", "acme/shop",
                "GITHUB_API_URL", github.apiUrl(),
                "BRIDGE_GITHUB_WRITE_INTERVAL", "PT0.01S",
                "BRIDGE_GITHUB_CREATES_PER_MINUTE", "1000",
                "BRIDGE_GITHUB_FIRST_RETRY_DELAY", "PT0.2S",
                "BRIDGE_GITHUB_MAX_RETRY_DELAY", "PT1S",
                "BRIDGE_GITHUB_MAX_RETRIES", "1000",
                "BRIDGE_GITHUB_TIMEOUT", "PT1S",
                "BRIDGE_LEASE", "PT3S",
                "BRIDGE_REPLICA_ID", replica,
                "BRIDGE_DATA_DIR", dataDir.toString()));
        if (store.equals("postgres")) {
            settings.putAll(BridgeProcess.settings("BRIDGE_STORE", "postgres", "BRIDGE_DB_URL", databaseUrl, "BRIDGE_DB_USER", "postgres"));
        }
        settings.putAll(BridgeProcess.settings(extra));
        return settings;
    }

    private BridgeProcess start(String store, String replica, String... extra) {
        BridgeProcess bridge = BridgeProcess.start(settings(store, replica, extra));
        bridges.add(bridge);
        return bridge;
    }

    @SafeVarargs
    private List<BridgeProcess> startTogether(Map<String, String>... settings) {
        List<BridgeProcess> started = BridgeProcess.startTogether(settings);
        bridges.addAll(started);
        return started;
    }

    private static List<String> ids(int first, int last) {
        return IntStream.rangeClosed(first, last).mapToObj(Integer::toString).toList();
    }

    private static List<String> deliver(BridgeProcess bridge, List<String> ids) {
        List<String> accepted = new ArrayList<>();
        for (String id : ids) {
            HttpResponse<String> answer = bridge.sentry().post("event_alert", eventAlert(id));
            assertThat(answer.statusCode()).as(answer.body()).isEqualTo(202);
            accepted.add(id);
        }
        return accepted;
    }

    private void awaitOnGitHub(BridgeProcess bridge, List<String> ids) {
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                .until(() -> github.issuesPerSentryIssue().keySet().containsAll(ids));
        // a duplicate could only come from a write still kept (a lease of a killed bridge runs out, a duplicate check is
        // due later): none is left in the store, and GitHub's count holds still past a request's timeout (1 s)
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).until(() -> bridge.pendingWrites() == 0);
        int issues = github.issues().size();
        await().during(Duration.ofMillis(1500)).atMost(Duration.ofSeconds(5)).until(() -> github.issues().size(), n -> n == issues);
    }

    private void assertExactlyOneIssueEach(List<String> ids) {
        Map<String, Long> perSentryIssue = github.issuesPerSentryIssue();
        Map<String, Long> twice = perSentryIssue.entrySet().stream().filter(e -> e.getValue() != 1)
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
        assertThat(twice).as("Sentry issues with more than one GitHub issue").isEmpty();
        assertThat(perSentryIssue.keySet()).containsAll(ids);
        assertThat(github.issues()).hasSize(perSentryIssue.size());
    }

    private static List<JsonNode> deadLetters(BridgeProcess bridge) {
        try {
            HttpResponse<String> answer = bridge.get("/internal/dead-letters", ADMIN_TOKEN);
            assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
            List<JsonNode> letters = new ArrayList<>();
            JSON.readTree(answer.body()).forEach(letters::add);
            return letters;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

}
