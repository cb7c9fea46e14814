package io.github.sentrygithubbridge.routes;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.sentrygithubbridge.github.CommentDraft;
import io.github.sentrygithubbridge.state.PendingWrites;
import org.apache.camel.Exchange;
import org.apache.camel.component.mock.MockEndpoint;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** routes/comment-on-github-issue.camel.yaml on its own: one comment per kept write, even when sent twice. */
class CommentOnGitHubIssueRouteTest extends RouteTestKit {

    MockEndpoint github;

    @BeforeEach
    void adviseAndStart() throws Exception {
        advise("comment-on-github-issue", route -> GitHubCalls.takeOut(route));
        start("prepare-github-read", "prepare-github-request");
        github = mock("github");
    }

    @Test
    void aFirstTryPostsTheComment() throws Exception {
        github.whenAnyExchangeReceived(exchange -> GitHubCalls.answer(exchange, 201, "{\"id\":1}"));

        Exchange done = comment(1);

        assertThat(done.getException()).isNull();
        assertThat(GitHubCalls.of(github)).containsExactly("POST /repos/acme/shop/issues/71/comments");
        assertThat(github.getReceivedExchanges().get(0).getMessage().getBody(String.class))
                .contains("Seen 12 more times.").contains(PendingWrites.writeMarker(9));
    }

    @Test
    void aCommentSentBeforeThatGitHubHasIsNotPostedAgain() throws Exception {
        github.whenAnyExchangeReceived(exchange -> GitHubCalls.answer(exchange, 200,
                "[{\"id\":1,\"body\":\"Seen 12 more times.\\n" + PendingWrites.writeMarker(9).replace("\"", "\\\"") + "\"}]"));

        Exchange done = comment(2);

        assertThat(done.getException()).isNull();
        assertThat(GitHubCalls.of(github)).containsExactly("GET /repos/acme/shop/issues/71/comments");
    }

    @Test
    void aCommentSentBeforeThatGitHubLacksIsPosted() throws Exception {
        github.whenExchangeReceived(1, exchange -> GitHubCalls.answer(exchange, 200, "[]"));
        github.whenExchangeReceived(2, exchange -> GitHubCalls.answer(exchange, 201, "{\"id\":2}"));

        comment(2);

        assertThat(GitHubCalls.of(github)).containsExactly("GET /repos/acme/shop/issues/71/comments", "POST /repos/acme/shop/issues/71/comments");
    }

    private Exchange comment(int sends) {
        return template.send("direct:comment-on-github-issue", exchange -> {
            exchange.setProperty(PendingWrites.ID, 9L);
            exchange.setProperty(PendingWrites.ATTEMPTS, sends);
            exchange.setProperty(PendingWrites.ACCEPTED_AT, System.currentTimeMillis());
            exchange.setProperty("sentryIssueKey", "7901");
            exchange.setProperty("githubAction", "comment");
            exchange.setProperty("githubRequest", new CommentDraft("Seen 12 more times.\n" + PendingWrites.writeMarker(9)));
            exchange.setProperty("githubRepository", "acme/shop");
            exchange.setProperty("githubIssueNumber", 71L);
        });
    }
}
