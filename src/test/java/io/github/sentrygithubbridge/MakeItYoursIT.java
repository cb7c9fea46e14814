package io.github.sentrygithubbridge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.sentrygithubbridge.support.AppKeys;
import io.github.sentrygithubbridge.support.BridgeProcess;
import io.github.sentrygithubbridge.support.GitHubStandIn;
import io.github.sentrygithubbridge.support.HookReceiver;
import io.github.sentrygithubbridge.support.SentryDeliveries;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

/**
 * "Make it yours" through the packaged jar, configured only by environment variables, as the README shows it: the
 * examples' routes send tagged alerts to another repository with labels and an assignee, a hook route tells a chat
 * about each new issue, the examples' templates make the issue, the preview shows the same and writes nothing, a
 * wiped store opens no second issue in either repository, and the GitHub App sign-in needs one token for many writes.
 */
// each case has its own GitHub, data directory and database: they run side by side (pom.xml, failsafe)
@Execution(ExecutionMode.CONCURRENT)
class MakeItYoursIT {

    static final String TOKEN = "ghp_makeItYoursItToken0123456789";
    static final String ADMIN = BridgeProcess.ADMIN_TOKEN;
    static final ObjectMapper JSON = new ObjectMapper();
    static final HttpClient HTTP = HttpClient.newHttpClient();

    GitHubStandIn github;
    HookReceiver chat;
    BridgeProcess bridge;

    @AfterEach
    void stop() throws InterruptedException {
        if (bridge != null) {
            bridge.close();
        }
        if (github != null) {
            github.close();
        }
        if (chat != null) {
            chat.close();
        }
    }

    @Test
    void theEngineersRoutesAndTemplatesShapeEveryIssueAndAWipedStoreOpensNoneTwiceInAnyRepository() throws Exception {
        github = GitHubStandIn.start(TOKEN);
        github.assignable("payments-oncall");
        chat = HookReceiver.start();
        Map<String, String> settings = new HashMap<>(Map.of(
                "GITHUB_TOKEN", TOKEN,
                "GITHUB_REPOSITORY", "acme/shop",
                "BRIDGE_REPOSITORIES", "acme/payments",
                "GITHUB_API_URL", github.apiUrl(),
                "BRIDGE_ROUTES_DIR", Path.of("examples/routes").toAbsolutePath().toString(),
                "BRIDGE_TEMPLATES_DIR", Path.of("examples/templates").toAbsolutePath().toString(),
                "CHAT_WEBHOOK_URL", chat.url(),
                "BRIDGE_GITHUB_WRITE_INTERVAL", "PT0.05S",
                "BRIDGE_DATA_DIR", Files.createTempDirectory("bridge-make-it-yours").toString()));
        bridge = BridgeProcess.start(settings);
        assertThat(bridge.log()).contains("Route choose-github-target of ", "Route on-github-issue-opened of ", "replaces the built-in route");

        // the preview first: what it shows is what is filed, and it files nothing
        JsonNode preview = JSON.readTree(preview(alert("9400001", "payments")).body());
        assertThat(github.issues()).isEmpty();

        SentryDeliveries sentry = bridge.sentry();
        assertThat(sentry.post("event_alert", alert("9400001", "payments")).statusCode()).isEqualTo(202);
        assertThat(sentry.post("event_alert", alert("9400002", null)).statusCode()).isEqualTo(202);

        GitHubStandIn.Issue payments = issueOf("9400001");
        GitHubStandIn.Issue shop = issueOf("9400002");
        assertThat(github.repository(payments.number())).isEqualTo("acme/payments");
        assertThat(payments.labels()).containsExactly("agent:builder", "team:payments", "env:production");
        assertThat(github.assignees(payments.number())).containsExactly("payments-oncall");
        assertThat(payments.title()).isEqualTo("[error] ReferenceError: heck is not defined (production)").isEqualTo(preview.path("title").asText());
        assertThat(payments.body()).isEqualTo(preview.path("body").asText()).contains("**ReferenceError: heck is not defined** — `error`");
        assertThat(preview.path("repository").asText()).isEqualTo("acme/payments");
        assertThat(github.repository(shop.number())).isEqualTo("acme/shop");
        assertThat(shop.labels()).containsExactly("agent:builder");
        await().atMost(Duration.ofSeconds(15)).until(() -> chat.received().size() == 2);
        assertThat(chat.received()).extracting(n -> n.path("repository").asText()).containsExactlyInAnyOrder("acme/payments", "acme/shop");

        // a wiped store: both issues are found again, each in its repository, and nothing is opened twice
        bridge.kill();
        settings.put("BRIDGE_DATA_DIR", Files.createTempDirectory("bridge-make-it-yours-wiped").toString());
        bridge = BridgeProcess.start(settings);
        BridgeProcess wiped = bridge;
        await().atMost(Duration.ofSeconds(30)).until(() -> wiped.log().contains("Read the issues already on GitHub"));
        assertThat(JSON.readTree(bridge.sentry().post("event_alert", alert("9400001", "payments")).body()).path("status").asText())
                .isEqualTo("duplicate");
        assertThat(JSON.readTree(bridge.sentry().post("event_alert", alert("9400002", null)).body()).path("status").asText())
                .isEqualTo("duplicate");
        assertThat(github.issuesPerSentryIssue()).containsEntry("9400001", 1L).containsEntry("9400002", 1L).hasSize(2);
        assertThat(bridge.log()).doesNotContain(TOKEN);
    }

    @Test
    void aRouteThatHandsOnTheBridgesSecretsGetsThemRefusedAndTheIssueIsFiledWithout() throws Exception {
        github = GitHubStandIn.start(TOKEN);
        Path routes = Files.createTempDirectory("bridge-leaky-routes");
        Files.writeString(routes.resolve("choose-github-target.camel.yaml"), """
                - route:
                    id: choose-github-target
                    from:
                      uri: direct:choose-github-target
                      steps:
                        - setProperty:
                            name: githubLabels
                            expression:
                              simple:
                                expression: "team:shop,leak:${env:GITHUB_TOKEN},{{github.token}},{{bridge.admin-token}}"
                        - setProperty:
                            name: githubAssignees
                            expression:
                              simple:
                                expression: "${env:GITHUB_TOKEN}"
                """);
        bridge = BridgeProcess.start(Map.of(
                "GITHUB_TOKEN", TOKEN,
                "GITHUB_REPOSITORY", "acme/shop",
                "GITHUB_API_URL", github.apiUrl(),
                "BRIDGE_ROUTES_DIR", routes.toString(),
                "BRIDGE_GITHUB_WRITE_INTERVAL", "PT0.05S",
                "BRIDGE_DATA_DIR", Files.createTempDirectory("bridge-leaky").toString()));

        String preview = preview(alert("9400201", null)).body();
        assertThat(bridge.sentry().post("event_alert", alert("9400201", null)).statusCode()).isEqualTo(202);

        GitHubStandIn.Issue issue = issueOf("9400201");
        assertThat(issue.labels()).containsExactly("agent:builder", "team:shop");
        assertThat(github.assignees(issue.number())).isEmpty();
        assertThat(preview).contains("team:shop").doesNotContain(TOKEN, ADMIN);
        assertThat(bridge.log()).contains("holds the value of GITHUB_TOKEN", "holds the value of BRIDGE_ADMIN_TOKEN", "leak:****")
                .doesNotContain(TOKEN, ADMIN);
    }

    @Test
    void theGitHubAppSignInOpensIssuesWithOneTokenRequest() throws Exception {
        AppKeys keys = new AppKeys();
        github = GitHubStandIn.start("no-personal-token");
        github.enableApp("4242", keys.publicKey(), 5150, Duration.ofHours(1));
        Path key = Files.createTempFile("bridge-app", ".pem");
        Files.writeString(key, keys.pkcs1Pem());
        bridge = BridgeProcess.start(Map.of(
                "GITHUB_APP_ID", "4242",
                "GITHUB_APP_PRIVATE_KEY_FILE", key.toString(),
                "GITHUB_REPOSITORY", "acme/shop",
                "GITHUB_API_URL", github.apiUrl(),
                "BRIDGE_GITHUB_WRITE_INTERVAL", "PT0.05S",
                "BRIDGE_DATA_DIR", Files.createTempDirectory("bridge-app").toString()));

        for (String id : new String[] {"9400101", "9400102", "9400103"}) {
            assertThat(bridge.sentry().post("event_alert", SentryDeliveries.eventAlert(id)).statusCode()).isEqualTo(202);
        }

        await().atMost(Duration.ofSeconds(20)).until(() -> github.issues().size() == 3);
        assertThat(github.appTokenRequests()).isEqualTo(1);
        assertThat(github.appInstallationLookups()).isEqualTo(1);
        assertThat(bridge.log()).contains("as GitHub App 4242").doesNotContain("ghs_", "PRIVATE KEY", "eyJ");
    }

    private HttpResponse<String> preview(byte[] body) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create(bridge.url("/internal/preview")))
                .header("Authorization", "Bearer " + ADMIN).header("Content-Type", "application/json")
                .header("Sentry-Hook-Resource", "event_alert")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private GitHubStandIn.Issue issueOf(String sentryIssueId) {
        return await().atMost(Duration.ofSeconds(20)).until(() -> github.issues().stream()
                .filter(i -> i.body().contains("<!-- sentry-github-bridge: " + sentryIssueId + " -->")).findFirst().orElse(null), Objects::nonNull);
    }

    /** Sentry's documented event_alert for another Sentry issue, tagged team=TEAM when given. */
    private static byte[] alert(String issueId, String team) {
        return SentryDeliveries.withTag(SentryDeliveries.eventAlert(issueId), team == null ? null : "team", team);
    }
}
