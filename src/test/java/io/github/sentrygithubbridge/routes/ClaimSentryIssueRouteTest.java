package io.github.sentrygithubbridge.routes;

import static io.github.sentrygithubbridge.support.SentryDeliveries.eventAlert;
import static io.github.sentrygithubbridge.support.SentryDeliveries.issueStatus;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.sentrygithubbridge.github.IssueTarget;
import io.github.sentrygithubbridge.lifecycle.Decision;
import io.github.sentrygithubbridge.lifecycle.SentryIssueLifecycle;
import io.github.sentrygithubbridge.lifecycle.Transition;
import io.github.sentrygithubbridge.sentry.SentryAlert;
import io.github.sentrygithubbridge.sentry.SentryAlertNormaliser;
import io.github.sentrygithubbridge.state.PendingWrites;
import io.github.sentrygithubbridge.state.WriteAction;
import io.github.sentrygithubbridge.support.MutableClock;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.camel.Exchange;
import org.apache.camel.component.mock.MockEndpoint;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * routes/claim-sentry-issue.camel.yaml on its own, on the real store: the decision, the write rendered and kept
 * with the claim. The engineer's choose-github-target is woven out to a mock that answers a target.
 */
class ClaimSentryIssueRouteTest extends RouteTestKit {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Autowired
    SentryAlertNormaliser normaliser;
    @Autowired
    PendingWrites writes;
    @Autowired
    SentryIssueLifecycle lifecycle;
    @Autowired
    MutableClock clock;

    MockEndpoint target;

    @BeforeEach
    void adviseAndStart() throws Exception {
        advise("claim-sentry-issue", route -> route.weaveById("enrich-github-target").replace().to("mock:claim-sentry-issue-target"));
        // a failure after the write was kept, when a test asks for one: the transaction must take it all back
        advise("keep-write", route -> route.weaveById("keep-write-with-transition").after()
                .filter(route.exchangeProperty("failAfterKeep").isEqualTo(true))
                .throwException(new IllegalStateException("the disk failed after the write was kept")));
        start("reply");
        target = mock("claim-sentry-issue-target");
        target.whenAnyExchangeReceived(exchange ->
                exchange.setProperty("githubTarget", new IssueTarget(null, List.of("team:payments"), List.of("alice"))));
    }

    @Test
    void aFirstAlertKeepsItsCreationWithTheClaimOnTheTargetChosen() throws Exception {
        target.expectedMessageCount(1);

        Decision decision = claim("event_alert", eventAlert("7201", "error", "production"));

        target.assertIsSatisfied();
        assertThat(decision.transition()).isEqualTo(Transition.OPEN_ISSUE);
        assertThat(decision.kept()).isTrue();
        assertThat(decision.httpStatus()).isEqualTo(202);
        assertThat(writes.listFor("7201")).extracting(PendingWrites.QueuedWrite::action).containsExactly("create");
        assertThat(writes.requestsFor("7201", WriteAction.CREATE)).singleElement().asString().contains("team:payments").contains("alice");
    }

    @Test
    void aRepeatIsCountedAndKeepsNothing() throws Exception {
        claim("event_alert", eventAlert("7202", "error", "production"));

        Decision repeat = claim("event_alert", eventAlert("7202", "error", "production"));

        assertThat(repeat.transition()).isEqualTo(Transition.REPEAT);
        assertThat(repeat.answer().outcome()).isEqualTo("duplicate");
        assertThat(repeat.httpStatus()).isEqualTo(200);
        assertThat(writes.listFor("7202")).hasSize(1);
        assertThat(target.getReceivedCounter()).isEqualTo(1);
    }

    @Test
    void theFirstAlertAfterTheCooldownKeepsAnUpdateCommentAndChoosesNoTarget() throws Exception {
        claim("event_alert", eventAlert("7203", "error", "production"));
        lifecycle.filed("7203", 55L, null);
        clock.advance(Duration.ofHours(7));

        Decision update = claim("event_alert", eventAlert("7203", "error", "production"));

        assertThat(update.transition()).isEqualTo(Transition.UPDATE);
        assertThat(update.kept()).isTrue();
        assertThat(writes.listFor("7203")).extracting(PendingWrites.QueuedWrite::action).containsExactly("create", "comment");
        assertThat(target.getReceivedCounter()).isEqualTo(1);
    }

    @Test
    void aStatusChangeForAnIssueNeverFiledIsIgnoredAndKeepsNothing() throws Exception {
        Decision ignored = claim("issue", issueStatus("7204", "resolved", null, "Jane", Map.of()));

        assertThat(ignored.transition()).isEqualTo(Transition.IGNORE);
        assertThat(ignored.answer().reason()).contains("never filed");
        assertThat(writes.listFor("7204")).isEmpty();
    }

    @Test
    void aFailureInsideTheTransactionKeepsNeitherTheClaimNorTheWrite() throws Exception {
        JsonNode payload = JSON.readTree(eventAlert("7205", "error", "production"));
        SentryAlert alert = normaliser.normalise("event_alert", payload);

        Exchange failed = template.send("direct:claim-sentry-issue", exchange -> {
            exchange.setProperty("sentryAlert", alert);
            exchange.setProperty("sentryIssueKey", alert.key());
            exchange.setProperty("failAfterKeep", true);
        });

        assertThat(failed.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE, Integer.class)).as("not kept: 503").isEqualTo(503);
        assertThat(lifecycle.isKnown("7205")).as("the claim was rolled back").isFalse();
        assertThat(writes.listFor("7205")).isEmpty();
        // and the next delivery opens the issue as the first would have
        assertThat(claim("event_alert", eventAlert("7205", "error", "production")).transition()).isEqualTo(Transition.OPEN_ISSUE);
    }

    @Test
    void aResolvedSentryIssueKeepsTheCloseOfItsGitHubIssue() throws Exception {
        claim("event_alert", eventAlert("7206", "error", "production"));
        lifecycle.filed("7206", 56L, null);

        Decision resolve = claim("issue", issueStatus("7206", "resolved", null, "Jane", Map.of()));

        assertThat(resolve.transition()).isEqualTo(Transition.RESOLVE);
        assertThat(resolve.kept()).isTrue();
        assertThat(writes.listFor("7206")).extracting(PendingWrites.QueuedWrite::action).containsExactly("create", "close");
    }

    /** Sends the delivery into the route as receive-sentry-webhook hands it on; returns the decision. */
    private Decision claim(String resource, byte[] body) throws IOException {
        JsonNode payload = JSON.readTree(body);
        SentryAlert alert = normaliser.normalise(resource, payload);
        Exchange done = template.send("direct:claim-sentry-issue", exchange -> {
            exchange.setProperty("sentryAlert", alert);
            exchange.setProperty("sentryStatus", normaliser.status(resource, payload));
            exchange.setProperty("sentryIssueKey", alert.key());
        });
        assertThat(done.getException()).isNull();
        return done.getProperty("decision", Decision.class);
    }
}
