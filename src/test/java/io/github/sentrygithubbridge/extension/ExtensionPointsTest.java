package io.github.sentrygithubbridge.extension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.sentrygithubbridge.support.GitHubStandIn;
import io.github.sentrygithubbridge.support.HookReceiver;
import io.github.sentrygithubbridge.support.SentryDeliveries;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The extension points with the examples under examples/routes loaded from BRIDGE_ROUTES_DIR, and the templates
 * of examples/templates, through the front door: a tagged alert gets the labels and assignee its route chose, the others the defaults, and a route that calls a
 * chat webhook after each new issue never holds up or fails the GitHub writes.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "bridge.webhook.secret=" + SentryDeliveries.SECRET,
        "bridge.routes-dir=examples/routes",
        "bridge.templates-dir=examples/templates",
        "bridge.admin-token=" + ExtensionPointsTest.ADMIN,
        "github.token=" + ExtensionPointsTest.TOKEN,
        "github.repository=acme/shop",
        "github.repositories=acme/payments",
        "github.webhook-secret=" + ExtensionPointsTest.GITHUB_SECRET,
        "github.write-interval=PT0.02S"
})
class ExtensionPointsTest {

    static final String TOKEN = "ghp_extension-points-test";
    static final String ADMIN = "admin-token-of-the-extension-points-test";
    static final String GITHUB_SECRET = "github-webhook-secret-of-the-extension-points-test";
    static final GitHubStandIn GITHUB = GitHubStandIn.start(TOKEN);

    static {
        GITHUB.assignable("payments-oncall");
    }
    static final HookReceiver CHAT = HookReceiver.start();
    static final AtomicLong IDS = new AtomicLong(9_100_000);
    static final ObjectMapper JSON = new ObjectMapper();

    @DynamicPropertySource
    static void wiring(DynamicPropertyRegistry registry) throws IOException {
        Path data = Files.createTempDirectory("bridge-extension-points");
        registry.add("github.api-url", GITHUB::apiUrl);
        registry.add("chat.webhook-url", CHAT::url);
        registry.add("bridge.data-dir", data::toString);
    }

    @AfterAll
    static void stop() {
        GITHUB.close();
        CHAT.close();
    }

    @LocalServerPort
    int port;

    @Autowired
    MeterRegistry meters;

    @Test
    void aTaggedAlertGetsTheLabelsAndAssigneeItsRouteChoseAndTheChatHearsOfIt() {
        String id = Long.toString(IDS.incrementAndGet());
        assertThat(post(alert(id, "error", "team", "payments")).statusCode()).isEqualTo(202);

        GitHubStandIn.Issue issue = issueOf(id);
        assertThat(GITHUB.repository(issue.number())).isEqualTo("acme/payments");
        assertThat(issue.labels()).containsExactly("agent:builder", "team:payments", "env:production");
        assertThat(GITHUB.assignees(issue.number())).containsExactly("payments-oncall");
        assertThat(GITHUB.labelNames()).contains("team:payments", "env:production");

        JsonNode told = await().atMost(Duration.ofSeconds(10)).until(() -> heard(id), java.util.Objects::nonNull);
        assertThat(told.path("number").asLong()).isEqualTo(issue.number());
        assertThat(told.path("url").asText()).isEqualTo("https://github.test/acme/payments/issues/" + issue.number());
        assertThat(told.path("repository").asText()).isEqualTo("acme/payments");
        assertThat(told.path("level").asText()).isEqualTo("error");
        assertThat(told.path("title").asText()).isNotBlank();
        // the hook route's exchange carries nothing of the lane's: no GitHub token in what it sends on
        assertThat(told.toString()).doesNotContain(TOKEN, SentryDeliveries.SECRET);
        assertThat(CHAT.headers()).isNotEmpty().noneMatch(h -> h.contains(TOKEN) || h.startsWith("Authorization"));
        // the properties the README names, as the example's header shows them
        assertThat(CHAT.headers()).contains("X-github-issue: acme/payments#" + issue.number() + " https://github.test/acme/payments/issues/"
                + issue.number() + " (Sentry " + id + ", error)");
    }

    @Test
    void anUntaggedAlertGetsTheDefaultsAndAFatalOneItsLevelLabel() {
        String plain = Long.toString(IDS.incrementAndGet());
        String fatal = Long.toString(IDS.incrementAndGet());
        assertThat(post(alert(plain, "error", "team", "search")).statusCode()).isEqualTo(202);
        assertThat(post(alert(fatal, "fatal", null, null)).statusCode()).isEqualTo(202);

        GitHubStandIn.Issue plainIssue = issueOf(plain);
        assertThat(GITHUB.repository(plainIssue.number())).isEqualTo("acme/shop");
        assertThat(plainIssue.labels()).containsExactly("agent:builder");
        assertThat(GITHUB.assignees(plainIssue.number())).isEmpty();
        assertThat(issueOf(fatal).labels()).containsExactly("agent:builder", "severity:fatal");
    }

    @Test
    void thePreviewShowsWhatWouldBeFiledWithTheEngineersRoutesAndDoesNothing() throws Exception {
        String id = Long.toString(IDS.incrementAndGet());
        int writesBefore = GITHUB.receivedWrites();

        var preview = preview(alert(id, "error", "team", "payments"), ADMIN);

        assertThat(preview.statusCode()).isEqualTo(200);
        JsonNode shown = JSON.readTree(preview.body());
        assertThat(shown.path("decision").asText()).isEqualTo("open-issue");
        assertThat(shown.path("reason").asText()).isEqualTo("a GitHub issue will be opened");
        assertThat(shown.path("repository").asText()).isEqualTo("acme/payments");
        // examples/templates made them
        assertThat(shown.path("title").asText()).isEqualTo("[error] ReferenceError: heck is not defined (production)");
        assertThat(shown.path("body").asText()).startsWith("<!-- sentry-github-bridge: " + id + " -->\n\n**ReferenceError: heck is not defined** — `error` in `production`")
                .contains("\nCulprit: `?(<anonymous>)`\n", "\n[The issue in Sentry](https://sentry.io/");
        assertThat(shown.path("labels")).extracting(JsonNode::asText).containsExactly("agent:builder", "team:payments", "env:production");
        assertThat(shown.path("assignees")).extracting(JsonNode::asText).containsExactly("payments-oncall");
        // nothing claimed: the same delivery, sent for real, still opens the issue, exactly as previewed
        assertThat(GITHUB.receivedWrites()).isEqualTo(writesBefore);
        assertThat(SentryDeliveries.json(post(alert(id, "error", "team", "payments")))).containsEntry("status", "accepted");
        GitHubStandIn.Issue issue = issueOf(id);
        assertThat(issue.title()).isEqualTo(shown.path("title").asText());
        assertThat(issue.body()).isEqualTo(shown.path("body").asText());

        JsonNode repeat = JSON.readTree(preview(alert(id, "error", "team", "payments"), ADMIN).body());
        assertThat(repeat.path("decision").asText()).isEqualTo("repeat");
        assertThat(repeat.path("title").isNull()).isTrue();
        JsonNode info = JSON.readTree(preview(alert(Long.toString(IDS.incrementAndGet()), "info", null, null), ADMIN).body());
        assertThat(info.path("decision").asText()).isEqualTo("ignore");
        assertThat(info.path("reason").asText()).isEqualTo("level info is below error");

        assertThat(preview(alert(id, "error", null, null), "wrong").statusCode()).isEqualTo(401);
        assertThat(preview("{not json".getBytes(java.nio.charset.StandardCharsets.UTF_8), ADMIN).statusCode()).isEqualTo(400);
    }

    private java.net.http.HttpResponse<String> preview(byte[] body, String bearer) {
        return new SentryDeliveries(port, Clock.systemUTC()).send(java.net.http.HttpRequest.newBuilder(
                        java.net.URI.create("http://127.0.0.1:" + port + "/internal/preview"))
                .header("Authorization", "Bearer " + bearer)
                .header("Content-Type", "application/json")
                .header("Sentry-Hook-Resource", "event_alert")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofByteArray(body)).build());
    }

    @Test
    void aRoutedIssueLivesItsLifeInItsRepository() {
        GITHUB.sendWebhooksTo("http://127.0.0.1:" + port + "/webhooks/github", GITHUB_SECRET);
        String id = Long.toString(IDS.incrementAndGet());
        post(alert(id, "error", "team", "payments"));
        int number = issueOf(id).number();

        // resolved in Sentry: closed as completed, in acme/payments (a PATCH to acme/shop would find no such issue)
        var resolved = new SentryDeliveries(port, Clock.systemUTC()).post("issue", SentryDeliveries.issueStatus(id, "resolved", null, "Jane", java.util.Map.of()));
        assertThat(resolved.statusCode()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(15)).until(() -> "closed".equals(GITHUB.issue(number).state()));
        assertThat(GITHUB.issue(number).stateReason()).isEqualTo("completed");

        // a person reopens it there, and closes it as not planned: the bridge holds it, its echo of acme/payments is matched
        GITHUB.reopenByPerson(number);
        GITHUB.closeByPerson(number, "not_planned");
        await().atMost(Duration.ofSeconds(15)).until(() -> SentryDeliveries.json(post(alert(id, "error", "team", "payments")))
                .get("reason").toString().contains("closed as not planned on GitHub (#" + number + ")"));
        assertThat(GITHUB.issuesPerSentryIssue()).containsEntry(id, 1L);
    }

    @Test
    void anAssigneeGitHubRefusesLeavesTheIssueUnassignedRatherThanUnopened() {
        GITHUB.assignableOnly("nobody-else");
        try {
            String id = Long.toString(IDS.incrementAndGet());
            post(alert(id, "error", "team", "payments"));

            GitHubStandIn.Issue issue = issueOf(id);
            assertThat(issue.labels()).contains("team:payments");
            assertThat(GITHUB.assignees(issue.number())).isEmpty();
        } finally {
            GITHUB.assignableOnly("payments-oncall");
        }
    }

    @Test
    void aChatThatFailsOrHangsNeverHoldsUpTheGitHubWrites() {
        double failedBefore = failures();
        CHAT.answer(500);
        String failing = Long.toString(IDS.incrementAndGet());
        post(alert(failing, "error", null, null));
        issueOf(failing);
        await().atMost(Duration.ofSeconds(10)).until(() -> failures() > failedBefore);

        CHAT.answer(204);
        CHAT.hang();
        try {
            String first = Long.toString(IDS.incrementAndGet());
            String second = Long.toString(IDS.incrementAndGet());
            String third = Long.toString(IDS.incrementAndGet());
            post(alert(first, "error", null, null));
            post(alert(second, "error", null, null));
            post(alert(third, "error", null, null));
            // the chat holds both extension threads; the lane opens the issues all the same
            issueOf(first);
            issueOf(second);
            issueOf(third);
            assertThat(heard(third)).as("not told yet: the chat is hanging").isNull();
        } finally {
            CHAT.release();
        }
    }

    private double failures() {
        var counter = meters.find("bridge.extension.failures").tag("route", "on-github-issue-opened").counter();
        return counter == null ? 0 : counter.count();
    }

    private JsonNode heard(String sentryIssueId) {
        return CHAT.received().stream().filter(n -> n.path("sentryIssueId").asText().equals(sentryIssueId)).findFirst().orElse(null);
    }

    private static GitHubStandIn.Issue issueOf(String sentryIssueId) {
        return await().atMost(Duration.ofSeconds(15)).until(() -> GITHUB.issues().stream()
                .filter(i -> i.body().contains("<!-- sentry-github-bridge: " + sentryIssueId + " -->")).findFirst().orElse(null),
                java.util.Objects::nonNull);
    }

    private java.net.http.HttpResponse<String> post(byte[] body) {
        return new SentryDeliveries(port, Clock.systemUTC()).post("event_alert", body);
    }

    /** Sentry's documented event_alert for another Sentry issue, at a level, with one more tag. */
    static byte[] alert(String issueId, String level, String tag, String value) {
        return SentryDeliveries.withTag(SentryDeliveries.eventAlert(issueId, level, "production"), tag, value);
    }
}
