package io.github.sentrygithubbridge.routes;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.sentrygithubbridge.github.CommentDraft;
import io.github.sentrygithubbridge.github.IssueStateChange;
import io.github.sentrygithubbridge.lifecycle.SentryIssueLifecycle;
import io.github.sentrygithubbridge.state.PendingWrites;
import java.util.List;
import org.apache.camel.Exchange;
import org.apache.camel.component.mock.MockEndpoint;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * routes/update-github-issue.camel.yaml on its own: the issue read first, then the write sent, skipped or turned
 * into a reopen. GitHub is a mock that answers as GitHub does; the comment (another file) is a mock too.
 */
class UpdateGitHubIssueRouteTest extends RouteTestKit {

    @Autowired
    SentryIssueLifecycle lifecycle;

    MockEndpoint github;
    MockEndpoint comment;

    @BeforeEach
    void adviseAndStart() throws Exception {
        advise("update-github-issue", route -> route.weaveById("comment-on-issue").replace().to("mock:update-github-issue-comment"));
        advise("read-github-issue", route -> GitHubCalls.takeOut(route));
        advise("change-github-issue-state", route -> GitHubCalls.takeOut(route));
        start("prepare-github-read", "prepare-github-request");
        github = mock("github");
        comment = mock("update-github-issue-comment");
    }

    @Test
    void aCloseReadsTheIssueCommentsAndClosesItAsCompleted() throws Exception {
        lifecycle.filed("7801", 61L, null);
        github.whenExchangeReceived(1, exchange -> GitHubCalls.answer(exchange, 200, issue(61, "open", null)));
        github.whenExchangeReceived(2, exchange -> GitHubCalls.answer(exchange, 200, issue(61, "closed", "completed")));
        comment.expectedMessageCount(1);

        Exchange done = update("7801", "close", new IssueStateChange("Resolved in Sentry by Jane.", "closed", "completed", false));

        comment.assertIsSatisfied();
        assertThat(done.getException()).isNull();
        assertThat(GitHubCalls.of(github)).containsExactly("GET /repos/acme/shop/issues/61", "PATCH /repos/acme/shop/issues/61");
        assertThat(github.getReceivedExchanges().get(1).getMessage().getBody(String.class))
                .contains("\"state\":\"closed\"").contains("\"state_reason\":\"completed\"");
    }

    @Test
    void anIssueAPersonClosedAsNotPlannedIsLeftAloneAndHeld() throws Exception {
        lifecycle.filed("7802", 62L, null);
        github.whenAnyExchangeReceived(exchange -> GitHubCalls.answer(exchange, 200, issue(62, "closed", "not_planned")));
        comment.expectedMessageCount(0);

        Exchange done = update("7802", "comment", new CommentDraft("Seen 40 more times."));

        comment.assertIsSatisfied();
        assertThat(done.getException()).isNull();
        assertThat(GitHubCalls.of(github)).containsExactly("GET /repos/acme/shop/issues/62");
        assertThat(lifecycle.describe("7802").state()).isEqualTo("held");
    }

    @Test
    void aDeletedIssueIsNotWrittenToAndTheNextAlertOpensANewOne() throws Exception {
        lifecycle.filed("7803", 63L, null);
        github.whenAnyExchangeReceived(exchange -> GitHubCalls.answer(exchange, 410, "{\"message\":\"This issue was deleted\"}"));

        Exchange done = update("7803", "comment", new CommentDraft("Seen 2 more times."));

        assertThat(done.getException()).isNull();
        assertThat(GitHubCalls.of(github)).containsExactly("GET /repos/acme/shop/issues/63");
        assertThat(comment.getReceivedCounter()).isZero();
        assertThat(lifecycle.describe("7803").state()).isEqualTo("gone");
    }

    @Test
    void aWriteWithNoIssueToGoToIsMoot() throws Exception {
        lifecycle.reclaim(List.of("7804"));

        Exchange done = update("7804", "comment", new CommentDraft("Seen again."));

        assertThat(done.getException()).isNull();
        assertThat(github.getReceivedCounter()).isZero();
        assertThat(lifecycle.describe("7804").state()).isEqualTo("gone");
    }

    private static String issue(int number, String state, String reason) {
        return "{\"number\":" + number + ",\"state\":\"" + state + "\",\"state_reason\":" + (reason == null ? "null" : "\"" + reason + "\"")
                + ",\"closed_at\":" + (reason == null ? "null" : "\"2026-12-05T12:00:00Z\"") + ",\"labels\":[{\"name\":\"agent:builder\"}]}";
    }

    /** The write as the lane hands it on after leasing it. */
    private Exchange update(String key, String action, Object request) {
        return template.send("direct:update-github-issue", exchange -> {
            exchange.setProperty(PendingWrites.ID, 1L);
            exchange.setProperty(PendingWrites.ATTEMPTS, 1);
            exchange.setProperty(PendingWrites.ACCEPTED_AT, System.currentTimeMillis());
            exchange.setProperty("sentryIssueKey", key);
            exchange.setProperty("sentryIssueId", key);
            exchange.setProperty("githubAction", action);
            exchange.setProperty("githubRequest", request);
            exchange.setProperty("githubRepository", "acme/shop");
        });
    }
}
