package io.github.sentrygithubbridge;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static io.github.sentrygithubbridge.support.SentryDeliveries.eventAlert;
import static io.github.sentrygithubbridge.support.SentryDeliveries.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.github.sentrygithubbridge.state.DeadLetter;
import io.github.sentrygithubbridge.state.DeadLetters;
import io.github.sentrygithubbridge.state.PendingWrites;
import io.github.sentrygithubbridge.support.MutableClock;
import io.github.sentrygithubbridge.support.SentryDeliveries;
import io.github.sentrygithubbridge.support.TestClockConfiguration;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.apache.camel.CamelContext;
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
 * The whole bridge against a real HTTP server standing in for GitHub: the exact REST calls it makes,
 * one issue per Sentry issue, the cooldown comment, retries, dead letters and pacing.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "bridge.webhook.secret=" + SentryDeliveries.SECRET,
        "bridge.lifecycle.cooldown=PT1H",
        "github.token=test-token",
        "github.repository=acme/shop",
        "github.labels=agent:builder, sentry",
        "github.write-interval=PT0.2S",
        "github.creates-per-minute=4",
        "github.creation-window=PT2S",
        "github.max-retries=3",
        "github.first-retry-delay=PT0.05S",
        "github.max-retry-delay=PT0.5S"
})
@Import(TestClockConfiguration.class)
@org.springframework.boot.micrometer.metrics.test.autoconfigure.AutoConfigureMetrics
class GitHubWritesEndToEndTest {

    static final WireMockServer GITHUB = startGitHub();
    static final Path DATA_DIR = temporaryDirectory();
    static final ObjectMapper JSON = new ObjectMapper();
    static final String ISSUES = "/repos/acme/shop/issues";

    @DynamicPropertySource
    static void wiring(DynamicPropertyRegistry registry) {
        registry.add("github.api-url", () -> "http://127.0.0.1:" + GITHUB.port());
        registry.add("bridge.data-dir", DATA_DIR::toString);
    }

    @AfterAll
    static void stopGitHub() {
        GITHUB.stop();
    }

    @LocalServerPort
    int port;

    @org.springframework.boot.test.web.server.LocalManagementPort
    int managementPort;

    @Autowired
    MutableClock clock;

    @Autowired
    CamelContext camel;

    @Autowired
    PendingWrites pendingWrites;

    @Autowired
    DeadLetters deadLetters;

    @Autowired
    io.github.sentrygithubbridge.lifecycle.SentryIssueLifecycle lifecycle;

    @Autowired
    io.micrometer.core.instrument.MeterRegistry meters;

    SentryDeliveries sentry;

    @BeforeEach
    void setUp() {
        sentry = new SentryDeliveries(port, clock);
    }

    @Test
    void makesSureEachLabelExistsAtStartupAndTakes422AsExisting() {
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            assertThat(requests("/repos/acme/shop/labels")).hasSize(3);
        });
        // the labels of every issue, and the one a regression adds when it reopens its issue
        assertThat(requests("/repos/acme/shop/labels")).extracting(r -> body(r).path("name").asText())
                .containsExactlyInAnyOrder("agent:builder", "sentry", "regression");
        assertThat(deadLetters.list()).noneMatch(letter -> "label".equals(letter.action()));
    }

    @Test
    void opensOneLabelledIssueWithTheHeadersGitHubAsksFor() {
        String id = newIssueId();
        assertThat(sentry.post("event_alert", eventAlert(id)).statusCode()).isEqualTo(202);

        LoggedRequest request = await().atMost(Duration.ofSeconds(10)).until(() -> issuesFor(id), l -> l.size() == 1).get(0);

        assertThat(request.getHeader("Authorization")).isEqualTo("Bearer test-token");
        assertThat(request.getHeader("Accept")).isEqualTo("application/vnd.github+json");
        assertThat(request.getHeader("X-GitHub-Api-Version")).isEqualTo("2022-11-28");
        assertThat(request.getHeader("User-Agent")).isEqualTo("sentry-github-bridge");
        assertThat(request.containsHeader("Sentry-Hook-Signature")).isFalse();
        assertThat(request.containsHeader("Sentry-Hook-Resource")).isFalse();
        JsonNode issue = body(request);
        assertThat(issue.path("title").asText()).isEqualTo("[error] ReferenceError: heck is not defined");
        assertThat(issue.path("labels")).extracting(JsonNode::asText).containsExactly("agent:builder", "sentry");
        assertThat(issue.path("body").asText()).contains("<!-- sentry-github-bridge: " + id + " -->");
    }

    @Test
    void keepsNonAsciiTextAndLeavesEverySecretOutOfTheIssue() {
        assertThat(sentry.post("event_alert", SentryDeliveries.fixture("event_alert_with_secrets.json")).statusCode()).isEqualTo(202);

        LoggedRequest request = await().atMost(Duration.ofSeconds(10)).until(() -> issuesFor("777000111"), l -> l.size() == 1).get(0);

        JsonNode issue = body(request);
        String sent = issue.path("title").asText() + "\n" + issue.path("body").asText();
        assertThat(issue.path("title").asText()).contains("Ünïcödé 日本語 🚀");
        assertThat(issue.path("body").asText()).contains("Ünïcödé 日本語 🚀");
        assertThat(sent).doesNotContain("ghp_VARSECRET_0001", "abc123secretkey", "COOKIESECRET_0002", "HEADERSECRET_0003",
                "DATASECRET_0004", "victim@example.com", "203.0.113.77", "CRUMBSECRET_0005", "4111111111111111");
    }

    @Test
    void opensExactlyOneIssuePerSentryIssueUnderConcurrentDeliveries() throws Exception {
        List<String> ids = List.of(newIssueId(), newIssueId(), newIssueId());
        List<Callable<Integer>> deliveries = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            String id = ids.get(i % ids.size());
            deliveries.add(() -> sentry.post("event_alert", eventAlert(id)).statusCode());
        }
        ExecutorService pool = Executors.newFixedThreadPool(10);
        List<Integer> statuses = new ArrayList<>();
        try {
            for (Future<Integer> f : pool.invokeAll(deliveries)) {
                statuses.add(f.get());
            }
        } finally {
            pool.shutdown();
        }

        assertThat(statuses).filteredOn(s -> s == 202).hasSize(3);
        assertThat(statuses).filteredOn(s -> s == 200).hasSize(27);
        awaitWritesDone();
        for (String id : ids) {
            assertThat(issuesFor(id)).as("issues for Sentry issue %s", id).hasSize(1);
        }
    }

    @Test
    void addsOneCommentWhenTheCooldownIsOverAndNoNewIssue() {
        String id = newIssueId();
        GITHUB.stubFor(post(urlEqualTo(ISSUES)).atPriority(1)
                .withRequestBody(containing("sentry-github-bridge: " + id + " "))
                .willReturn(created("{\"number\": 4242, \"html_url\": \"https://github.com/acme/shop/issues/4242\"}")));
        assertThat(sentry.post("event_alert", eventAlert(id)).statusCode()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(10)).until(() -> issuesFor(id).size() == 1);
        awaitWritesDone();

        assertThat(json(sentry.post("event_alert", eventAlert(id)))).containsEntry("status", "duplicate");
        assertThat(json(sentry.post("event_alert", eventAlert(id)))).containsEntry("status", "duplicate");
        clock.advance(Duration.ofHours(1).plusSeconds(1));
        HttpResponse<String> afterCooldown = sentry.post("event_alert", eventAlert(id));
        assertThat(afterCooldown.statusCode()).isEqualTo(202);
        HttpResponse<String> rightAfter = sentry.post("event_alert", eventAlert(id));
        assertThat(json(rightAfter)).containsEntry("status", "duplicate");

        await().atMost(Duration.ofSeconds(10)).until(() -> requests(ISSUES + "/4242/comments").size() == 1);
        awaitWritesDone();
        assertThat(requests(ISSUES + "/4242/comments")).hasSize(1);
        assertThat(body(requests(ISSUES + "/4242/comments").get(0)).path("body").asText()).contains("3 more event");
        assertThat(issuesFor(id)).hasSize(1);
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {"{}", "null", "{\"number\": -1}", "{\"number\": \"abc\"}", ""})
    void findsTheIssueByItsMarkerWhenA201CarriesNoUsableNumber(String answer) {
        String id = newIssueId();
        GITHUB.stubFor(post(urlEqualTo(ISSUES)).atPriority(1).withRequestBody(containing("sentry-github-bridge: " + id + " "))
                .willReturn(created(answer)));
        String now = java.time.Instant.now().toString();
        com.github.tomakehurst.wiremock.stubbing.StubMapping listed = GITHUB.stubFor(
                com.github.tomakehurst.wiremock.client.WireMock.get(urlPathEqualTo(ISSUES)).atPriority(1)
                        .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json").withBody(
                                "[{\"number\": 5150, \"title\": \"t\", \"state\": \"open\", \"labels\": [], \"created_at\": \"" + now
                                        + "\", \"updated_at\": \"" + now + "\", \"body\": \"<!-- sentry-github-bridge: " + id + " -->\\n\\nx\"}]")));
        try {
            assertThat(sentry.post("event_alert", eventAlert(id)).statusCode()).isEqualTo(202);

            await().atMost(Duration.ofSeconds(10)).until(() -> lifecycle.numberOf(id) != null);
            assertThat(lifecycle.numberOf(id)).isEqualTo(5150L);
            awaitWritesDone();
            assertThat(issuesFor(id)).as("created once, found by its marker").hasSize(1);
        } finally {
            GITHUB.removeStub(listed);
        }
    }

    @Test
    void retriesAfterA502AndOpensTheIssueOnce() {
        String id = newIssueId();
        failFirstThenCreate(id, aResponse().withStatus(502).withBody("Bad gateway"));

        sentry.post("event_alert", eventAlert(id));

        await().atMost(Duration.ofSeconds(10)).until(() -> issuesFor(id).size() == 2);
        awaitWritesDone();
        assertThat(issuesFor(id)).hasSize(2);
        assertThat(deadLettersFor(id)).isEmpty();
    }

    @Test
    void retriesAfterAConnectionReset() {
        String id = newIssueId();
        failFirstThenCreate(id, aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER));

        sentry.post("event_alert", eventAlert(id));

        await().atMost(Duration.ofSeconds(10)).until(() -> issuesFor(id).size() == 2);
        awaitWritesDone();
        assertThat(deadLettersFor(id)).isEmpty();
    }

    @Test
    void waitsAsLongAsRetryAfterSaysAfterARateLimited403() {
        String id = newIssueId();
        failFirstThenCreate(id, aResponse().withStatus(403).withHeader("Retry-After", "1")
                .withHeader("Content-Type", "application/json")
                .withBody("{\"message\": \"You have exceeded a secondary rate limit.\"}"));

        sentry.post("event_alert", eventAlert(id));

        await().atMost(Duration.ofSeconds(10)).until(() -> issuesFor(id).size() == 2);
        List<LoggedRequest> tries = issuesFor(id);
        Duration gap = Duration.between(tries.get(0).getLoggedDate().toInstant(), tries.get(1).getLoggedDate().toInstant());
        // Retry-After: 1 means at least a second, whatever the backoff setting (50 ms here)
        assertThat(gap).isGreaterThanOrEqualTo(Duration.ofMillis(950));
        assertThat(deadLettersFor(id)).isEmpty();
    }

    @Test
    void deadLettersA422WithoutRetryingAndReleasesTheSentryIssue() throws IOException {
        String id = newIssueId();
        GITHUB.stubFor(post(urlEqualTo(ISSUES)).atPriority(1)
                .withRequestBody(containing("sentry-github-bridge: " + id + " "))
                .willReturn(aResponse().withStatus(422).withHeader("Content-Type", "application/json")
                        .withBody("{\"message\": \"Validation Failed\"}")));

        double counted = deadLettersCounted();
        sentry.post("event_alert", eventAlert(id));

        DeadLetter dead = await().atMost(Duration.ofSeconds(10)).until(() -> deadLettersFor(id), l -> !l.isEmpty()).get(0);
        awaitWritesDone();
        assertThat(issuesFor(id)).hasSize(1);
        assertThat(dead.sentryIssueId()).isEqualTo(id);
        assertThat(dead.action()).isEqualTo("create");
        assertThat(dead.attempts()).isEqualTo(1);
        assertThat(dead.error()).contains("422").contains("Validation Failed");
        assertThat(deadLettersCounted()).isEqualTo(counted + 1);
        // released: the next alert of that Sentry issue tries again instead of being a duplicate
        assertThat(sentry.post("event_alert", eventAlert(id)).statusCode()).isEqualTo(202);
    }

    @Test
    void deadLettersAWriteWhenRetriesAreExhausted() throws IOException {
        String id = newIssueId();
        GITHUB.stubFor(post(urlEqualTo(ISSUES)).atPriority(1)
                .withRequestBody(containing("sentry-github-bridge: " + id + " "))
                .willReturn(aResponse().withStatus(503)));

        sentry.post("event_alert", eventAlert(id));

        DeadLetter dead = await().atMost(Duration.ofSeconds(15)).until(() -> deadLettersFor(id), l -> !l.isEmpty()).get(0);
        // the first try and max-retries=3 more
        assertThat(issuesFor(id)).hasSize(4);
        assertThat(dead.attempts()).isEqualTo(4);
    }

    @Test
    void pacesWritesAndHoldsCreationsOverThePerWindowCapWithoutDroppingAny() {
        awaitWritesDone();
        List<String> ids = Stream.generate(GitHubWritesEndToEndTest::newIssueId).limit(6).toList();
        ids.forEach(id -> assertThat(sentry.post("event_alert", eventAlert(id)).statusCode()).isEqualTo(202));

        await().atMost(Duration.ofSeconds(20)).until(() -> ids.stream().allMatch(id -> issuesFor(id).size() == 1));
        List<LoggedRequest> creates = ids.stream().map(id -> issuesFor(id).get(0))
                .sorted(Comparator.comparing(LoggedRequest::getLoggedDate)).toList();
        // paced at 200 ms where the throttle lets a write pass; GitHub logs it a few ms later, more on a busy
        // machine, so a gap may look shorter by that jitter (unpaced, they would come milliseconds apart)
        for (int i = 1; i < creates.size(); i++) {
            assertThat(gap(creates.get(i - 1), creates.get(i))).as("gap before write %d", i)
                    .isGreaterThanOrEqualTo(Duration.ofMillis(140));
        }
        // 4 creations per 2 s window: the fifth waits until the first leaves the window (paced alone, it would
        // come after 0.8 s); the window is measured where the throttle lets a write pass, a few ms before GitHub
        // logs the request, so the bound leaves room for that
        assertThat(gap(creates.get(0), creates.get(4))).isGreaterThanOrEqualTo(Duration.ofMillis(1900));
    }

    @Test
    void exportsTheBridgeFamiliesOnTheManagementPortOnly() throws IOException {
        String id = newIssueId();
        sentry.post("event_alert", eventAlert(id));
        sentry.post("event_alert", eventAlert(id));
        await().atMost(Duration.ofSeconds(10)).until(() -> issuesFor(id).size() == 1);
        awaitWritesDone();

        String metrics = sentry.send(java.net.http.HttpRequest.newBuilder(
                java.net.URI.create("http://127.0.0.1:" + managementPort + "/actuator/prometheus")).GET().build()).body();
        java.nio.file.Files.writeString(java.nio.file.Path.of("target", "prometheus-sample.txt"), metrics);
        int publicStatus = sentry.send(java.net.http.HttpRequest.newBuilder(
                java.net.URI.create("http://127.0.0.1:" + port + "/actuator/prometheus")).GET().build()).statusCode();

        assertThat(publicStatus).isEqualTo(404);
        assertThat(metrics).contains(
                "bridge_webhooks_total{outcome=\"accepted\",resource=\"event_alert\"}",
                "bridge_webhooks_total{outcome=\"duplicate\",resource=\"event_alert\"}",
                "bridge_github_requests_total{operation=\"create\",status=\"201\"}",
                "bridge_issues_total{action=\"opened\"}",
                "bridge_dead_letters_total",
                "bridge_pending_alerts 0.0",
                "bridge_github_ratelimit_remaining 4321.0",
                "bridge_webhook_ack_seconds_bucket");
    }

    @Test
    void exportsEveryMetricTheAlertRulesAndTheDashboardName() throws IOException {
        String id = newIssueId();
        sentry.post("event_alert", eventAlert(id));
        await().atMost(Duration.ofSeconds(10)).until(() -> issuesFor(id).size() == 1);
        awaitWritesDone();
        String exported = sentry.send(java.net.http.HttpRequest.newBuilder(
                java.net.URI.create("http://127.0.0.1:" + managementPort + "/actuator/prometheus")).GET().build()).body();
        java.util.Set<String> exportedNames = metricNames(exported.lines().filter(l -> !l.startsWith("#")).toList());
        String rules = Files.readString(Path.of("deploy/observability/prometheus/alerts.yml"));
        String dashboard = Files.readString(Path.of("deploy/observability/grafana/dashboards/sentry-github-bridge.json"));

        java.util.Set<String> named = metricNames(List.of(rules, dashboard));

        assertThat(named).as("metrics named in rules and dashboard").hasSizeGreaterThan(5);
        assertThat(exportedNames).containsAll(named);
    }

    private static java.util.Set<String> metricNames(List<String> texts) {
        java.util.regex.Pattern name = java.util.regex.Pattern.compile("\\b(?:bridge|camel|jvm|process)_[a-z0-9_]+");
        java.util.Set<String> names = new java.util.TreeSet<>();
        texts.forEach(t -> name.matcher(t).results().forEach(m -> names.add(m.group())));
        return names;
    }

    private void failFirstThenCreate(String id, com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder failure) {
        String scenario = "fail-once-" + id;
        GITHUB.stubFor(post(urlEqualTo(ISSUES)).atPriority(1).inScenario(scenario)
                .whenScenarioStateIs(Scenario.STARTED)
                .withRequestBody(containing("sentry-github-bridge: " + id + " "))
                .willReturn(failure).willSetStateTo("failed once"));
        GITHUB.stubFor(post(urlEqualTo(ISSUES)).atPriority(1).inScenario(scenario)
                .whenScenarioStateIs("failed once")
                .withRequestBody(containing("sentry-github-bridge: " + id + " "))
                .willReturn(created("{\"number\": 7, \"html_url\": \"https://github.com/acme/shop/issues/7\"}")));
    }

    private void awaitWritesDone() {
        await().atMost(Duration.ofSeconds(30)).until(() -> pendingWrites.count() == 0);
    }

    private double deadLettersCounted() {
        io.micrometer.core.instrument.Counter counter = meters.find("bridge.dead.letters").counter();
        return counter == null ? 0 : counter.count();
    }

    private static List<LoggedRequest> issuesFor(String id) {
        return GITHUB.findAll(postRequestedFor(urlEqualTo(ISSUES))
                .withRequestBody(containing("sentry-github-bridge: " + id + " ")));
    }

    private static List<LoggedRequest> requests(String path) {
        return GITHUB.findAll(postRequestedFor(urlPathEqualTo(path)));
    }

    private static Duration gap(LoggedRequest a, LoggedRequest b) {
        return Duration.between(a.getLoggedDate().toInstant(), b.getLoggedDate().toInstant());
    }

    private static JsonNode body(LoggedRequest request) {
        try {
            return JSON.readTree(request.getBodyAsString());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private List<DeadLetter> deadLettersFor(String id) {
        return deadLetters.list().stream().filter(letter -> id.equals(letter.sentryIssueId())).toList();
    }

    private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder created(String json) {
        return aResponse().withStatus(201).withHeader("Content-Type", "application/json")
                .withHeader("x-ratelimit-remaining", "4321").withBody(json);
    }

    private static WireMockServer startGitHub() {
        WireMockServer server = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
        server.start();
        // no issue of the bridge's is on GitHub yet
        server.stubFor(com.github.tomakehurst.wiremock.client.WireMock.get(urlPathEqualTo(ISSUES))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json").withBody("[]")));
        server.stubFor(post(urlEqualTo(ISSUES)).atPriority(5)
                .willReturn(created("{\"number\": 1, \"html_url\": \"https://github.com/acme/shop/issues/1\"}")));
        server.stubFor(post(urlPathEqualTo("/repos/acme/shop/issues/4242/comments"))
                .willReturn(created("{\"id\": 1}")));
        // the lane reads an issue before it comments on it
        server.stubFor(com.github.tomakehurst.wiremock.client.WireMock.get(urlPathEqualTo("/repos/acme/shop/issues/4242"))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                        .withBody("{\"number\": 4242, \"state\": \"open\", \"labels\": []}")));
        server.stubFor(post(urlEqualTo("/repos/acme/shop/labels"))
                .withRequestBody(matchingJsonPath("$.name", equalTo("agent:builder")))
                .willReturn(created("{\"name\": \"agent:builder\"}")));
        server.stubFor(post(urlEqualTo("/repos/acme/shop/labels"))
                .withRequestBody(matchingJsonPath("$.name", equalTo("sentry")))
                .willReturn(aResponse().withStatus(422).withHeader("Content-Type", "application/json")
                        .withBody("{\"message\":\"Validation Failed\",\"errors\":[{\"resource\":\"Label\",\"code\":\"already_exists\",\"field\":\"name\"}]}")));
        return server;
    }

    private static String newIssueId() {
        return Long.toString(Math.abs(UUID.randomUUID().getMostSignificantBits() % 1_000_000_000L) + 1);
    }

    private static Path temporaryDirectory() {
        try {
            return Files.createTempDirectory("bridge-e2e-test");
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
