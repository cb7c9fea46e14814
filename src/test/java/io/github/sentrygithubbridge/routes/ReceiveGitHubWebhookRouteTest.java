package io.github.sentrygithubbridge.routes;

import static io.github.sentrygithubbridge.support.SentryDeliveries.json;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.sentrygithubbridge.lifecycle.GitHubIssue;
import io.github.sentrygithubbridge.lifecycle.SentryIssueLifecycle;
import io.github.sentrygithubbridge.web.SignatureVerifier;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.apache.camel.component.mock.MockEndpoint;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** routes/receive-github-webhook.camel.yaml on its own: real HTTP in, the lifecycle on the real store. */
class ReceiveGitHubWebhookRouteTest extends RouteTestKit {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @Autowired
    SentryIssueLifecycle lifecycle;

    MockEndpoint github;

    @BeforeEach
    void startRoutes() throws Exception {
        advise("look-up-github-issue", route -> route.weaveById("ask-github").replace().to("mock:receive-github-webhook-github"));
        start("receive-github-webhook", "reply");
        github = mock("receive-github-webhook-github");
    }

    /** What GitHub answers when the issue is read: the event is believed only when it agrees. */
    private void gitHubSays(long number, String state, String reason) {
        github.whenAnyExchangeReceived(read -> read.setProperty("githubIssue", state == null ? GitHubIssue.goneIssue(number)
                : new GitHubIssue(number, state, reason, "closed".equals(state) ? Instant.parse("2026-12-05T12:00:00Z") : null, null, null,
                List.of(), false, null)));
    }

    @Test
    void aPingIsAnsweredPong() throws Exception {
        HttpResponse<String> pong = send("ping", "{\"zen\":\"Keep it logically awesome.\"}");

        assertThat(pong.statusCode()).isEqualTo(200);
        assertThat(json(pong)).containsEntry("status", "ignored").containsEntry("reason", "pong");
    }

    @Test
    void aPersonClosingAnIssueTheBridgeFiledResolvesIt() throws Exception {
        lifecycle.filed("7601", 7601L, null);
        gitHubSays(7601, "closed", "completed");

        HttpResponse<String> closed = send("issues", closed(7601, "completed"));

        assertThat(closed.statusCode()).isEqualTo(200);
        assertThat(json(closed)).containsEntry("status", "accepted").containsEntry("reason", "a person closed #7601 as completed");
        assertThat(lifecycle.describe("7601").state()).isEqualTo("resolved");
        assertThat(lifecycle.describe("7601").closedBy()).isEqualTo("person");
    }

    @Test
    void eachActionTakesItsBranch() throws Exception {
        lifecycle.filed("7603", 7603L, null);

        HttpResponse<String> labeled = send("issues", closed(7603, "completed").replace("\"action\":\"closed\"", "\"action\":\"labeled\""));
        assertThat(json(labeled)).containsEntry("reason", "issues labeled changes nothing");
        assertThat(lifecycle.describe("7603").state()).isEqualTo("open");

        gitHubSays(7603, null, null);
        HttpResponse<String> deleted = send("issues", closed(7603, "completed").replace("\"action\":\"closed\"", "\"action\":\"deleted\""));
        assertThat(json(deleted)).containsEntry("reason", "#7603 was deleted: the next alert opens a new issue");
        assertThat(lifecycle.describe("7603").state()).isEqualTo("gone");
    }

    @Test
    void anEventGitHubNoLongerAgreesWithChangesNothing() throws Exception {
        lifecycle.filed("7604", 7604L, null);
        gitHubSays(7604, "open", null);

        // a "closed" redelivered after a person reopened the issue, and a "deleted" of an issue that is still there
        HttpResponse<String> replayed = send("issues", closed(7604, "completed"));
        HttpResponse<String> deleted = send("issues", closed(7604, "completed").replace("\"action\":\"closed\"", "\"action\":\"deleted\""));

        assertThat(json(replayed)).containsEntry("reason", "GitHub says #7604 is open now: the closed event changes nothing (late or replayed)");
        assertThat(json(deleted)).containsEntry("reason", "GitHub says #7604 is open now: the deleted event changes nothing (late or replayed)");
        assertThat(lifecycle.describe("7604").state()).isEqualTo("open");
        assertThat(github.getReceivedExchanges()).hasSize(2)
                .allSatisfy(read -> assertThat(read.getProperty("githubIssueNumber", Long.class)).isEqualTo(7604L));
    }

    @Test
    void anEventIsAnswered503WhenGitHubCannotBeRead() throws Exception {
        lifecycle.filed("7605", 7605L, null);
        github.whenAnyExchangeReceived(read -> {
            throw new java.net.ConnectException("GitHub is down");
        });

        HttpResponse<String> closed = send("issues", closed(7605, "completed"));

        assertThat(closed.statusCode()).isEqualTo(503);
        assertThat(lifecycle.describe("7605").state()).isEqualTo("open");
    }

    @Test
    void anIssueTheBridgeDidNotFileChangesNothing() throws Exception {
        gitHubSays(7699, "closed", "completed");
        HttpResponse<String> other = send("issues", closed(7699, "completed"));

        assertThat(other.statusCode()).isEqualTo(200);
        assertThat(json(other)).containsEntry("reason", "GitHub issue #7699 is not one the bridge filed");
    }

    @Test
    void otherEventsChangeNothingAndSayWhich() throws Exception {
        HttpResponse<String> push = send("push", "{\"ref\":\"refs/heads/main\"}");

        assertThat(push.statusCode()).isEqualTo(200);
        assertThat(json(push)).containsEntry("status", "ignored").containsEntry("reason", "GitHub event push changes nothing");
    }

    @Test
    void anIssuesEventWithoutItsRepositoryIsRefusedAndChangesNothing() throws Exception {
        lifecycle.filed("7602", 7602L, null);

        HttpResponse<String> anywhere = send("issues", closed(7602, "completed").replace(",\"repository\":{\"full_name\":\"acme/shop\"}", ""));

        assertThat(anywhere.statusCode()).isEqualTo(400);
        assertThat(json(anywhere)).containsEntry("status", "invalid");
        assertThat(lifecycle.describe("7602").state()).isEqualTo("open");
    }

    @Test
    void aLongEventNameIsNotEchoedBackInFull() throws Exception {
        HttpResponse<String> odd = send("x".repeat(6000), "{}");

        assertThat(odd.statusCode()).isEqualTo(200);
        assertThat(json(odd).get("reason")).asString().startsWith("GitHub event xxx").hasSize(301).endsWith("…");
    }

    private static String closed(int number, String reason) {
        return "{\"action\":\"closed\",\"issue\":{\"number\":" + number + ",\"state\":\"closed\",\"state_reason\":\"" + reason
                + "\",\"closed_at\":\"2026-12-05T12:00:00Z\"},\"repository\":{\"full_name\":\"acme/shop\"}}";
    }

    private HttpResponse<String> send(String event, String json) throws IOException, InterruptedException {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/webhooks/github"))
                .header("Content-Type", "application/json").header("X-GitHub-Event", event)
                .header("X-Hub-Signature-256", "sha256=" + SignatureVerifier.sign(GITHUB_SECRET, body))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
