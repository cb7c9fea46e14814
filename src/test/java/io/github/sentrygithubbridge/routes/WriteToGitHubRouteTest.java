package io.github.sentrygithubbridge.routes;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.sentrygithubbridge.state.DeadLetter;
import io.github.sentrygithubbridge.state.DeadLetters;
import io.github.sentrygithubbridge.state.PendingWrites;
import io.github.sentrygithubbridge.state.WriteAction;
import java.net.ConnectException;
import java.util.Map;
import org.apache.camel.Exchange;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.http.base.HttpOperationFailedException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * routes/write-to-github.camel.yaml on its own: the lane leases a kept write and dispatches it by kind; each
 * destination is woven out to a mock. With it github-write-errors of routes/error-handling.camel.yaml: a failure
 * that may pass goes back to the store, a refusal becomes a dead letter (routes/dead-letter.camel.yaml).
 */
class WriteToGitHubRouteTest extends RouteTestKit {

    @Autowired
    PendingWrites writes;
    @Autowired
    DeadLetters deadLetters;
    @Autowired
    JdbcTemplate jdbc;

    MockEndpoint update;
    MockEndpoint sentryStatus;

    @BeforeEach
    void adviseAndStart() throws Exception {
        advise("write-to-github", route -> {
            route.replaceFromWith("direct:write-to-github-once");
            route.weaveById("send-dry-run").replace().to("mock:write-to-github-dry-run");
            route.weaveById("send-sentry-status").replace().to("mock:write-to-github-sentry-status");
            route.weaveById("send-creation").replace().to("mock:write-to-github-creation");
            route.weaveById("send-update").replace().to("mock:write-to-github-update");
            route.weaveById("check-duplicates").replace().to("mock:write-to-github-check-duplicates");
        });
        start("dead-letter");
        // the store is the context's: the lane leases the oldest due write of any test, so it starts from none
        jdbc.update("DELETE FROM pending_write");
        jdbc.update("DELETE FROM dead_letter");
        update = mock("write-to-github-update");
        sentryStatus = mock("write-to-github-sentry-status");
    }

    @Test
    void aKeptCommentGoesToItsIssuesUpdateAndLeavesTheQueue() throws Exception {
        writes.add("7301", "7301", WriteAction.COMMENT, Map.of("body", "seen again"));
        update.expectedMessageCount(1);
        update.expectedPropertyReceived("sentryIssueKey", "7301");
        update.expectedPropertyReceived("githubAction", "comment");

        runLaneOnce();

        update.assertIsSatisfied();
        assertThat(writes.listFor("7301")).isEmpty();
    }

    @Test
    void aStatusForSentryTakesTheSameLaneToSentry() throws Exception {
        writes.add("7302", "7302", WriteAction.SENTRY_STATUS, Map.of("status", "resolved"));
        sentryStatus.expectedMessageCount(1);
        update.expectedMessageCount(0);

        runLaneOnce();

        MockEndpoint.assertIsSatisfied(sentryStatus, update);
        assertThat(writes.listFor("7302")).isEmpty();
    }

    @Test
    void nothingDueMeansNothingSentAndThePollCountsAsEmpty() throws Exception {
        update.expectedMessageCount(0);

        Exchange poll = runLaneOnce();

        update.assertIsSatisfied();
        assertThat(poll.getProperty("CamelSchedulerPolledMessages", Boolean.class)).isFalse();
    }

    @Test
    void aFailureThatMayPassGoesBackToTheStoreDueLater() throws Exception {
        writes.add("7303", "7303", WriteAction.COMMENT, Map.of("body", "seen again"));
        update.whenAnyExchangeReceived(exchange -> {
            throw new ConnectException("Connection refused");
        });

        runLaneOnce();

        assertThat(writes.listFor("7303")).singleElement().satisfies(write -> {
            assertThat(write.attempts()).isEqualTo(1);
            assertThat(write.notBefore()).isNotNull();
        });
        assertThat(deadLetters.list()).isEmpty();
    }

    @Test
    void aRefusalBecomesADeadLetterAndLeavesTheQueue() throws Exception {
        writes.add("7304", "7304", WriteAction.COMMENT, Map.of("body", "seen again"));
        update.whenAnyExchangeReceived(exchange -> {
            throw new HttpOperationFailedException("https://api.github.com/repos/acme/shop/issues/1/comments", 422, "Unprocessable Entity",
                    null, Map.of(), "{\"message\":\"Validation Failed\"}");
        });

        runLaneOnce();

        assertThat(writes.listFor("7304")).isEmpty();
        assertThat(deadLetters.list()).singleElement().satisfies(letter -> {
            assertThat(letter.key()).isEqualTo("7304");
            assertThat(letter.action()).isEqualTo("comment");
            assertThat(letter.error()).contains("422");
        });
    }

    private Exchange runLaneOnce() {
        return template.send("direct:write-to-github-once", exchange -> { });
    }
}
