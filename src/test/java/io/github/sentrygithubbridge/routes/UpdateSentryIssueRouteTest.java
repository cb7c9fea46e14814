package io.github.sentrygithubbridge.routes;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.sentrygithubbridge.state.PendingWrites;
import java.util.Map;
import org.apache.camel.Exchange;
import org.apache.camel.component.mock.MockEndpoint;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** routes/update-sentry-issue.camel.yaml on its own: a person's change on GitHub sent to Sentry's web API. */
class UpdateSentryIssueRouteTest extends RouteTestKit {

    MockEndpoint sentry;

    @BeforeEach
    void adviseAndStart() throws Exception {
        advise("update-sentry-issue", route -> route.weaveById("call-sentry-update-issue").replace().to("mock:update-sentry-issue-sentry"));
        sentry = mock("update-sentry-issue-sentry");
    }

    @Test
    void theStatusIsPutOnTheIssueWithTheApiToken() throws Exception {
        sentry.expectedMessageCount(1);
        sentry.expectedHeaderReceived("Authorization", "Bearer route-tests-sentry-token");
        sentry.expectedHeaderReceived(Exchange.HTTP_METHOD, "PUT");
        sentry.expectedHeaderReceived(Exchange.HTTP_URI, "http://127.0.0.1:7/api/0/organizations/acme/issues/8101/");
        sentry.expectedBodiesReceived("{\"status\":\"resolved\"}");

        Exchange done = template.send("direct:update-sentry-issue", exchange -> {
            exchange.getMessage().setHeader("X-GitHub-Event", "issues");
            exchange.setProperty(PendingWrites.ATTEMPTS, 0);
            exchange.setProperty("sentryIssueId", "8101");
            exchange.setProperty("githubRequest", Map.of("status", "resolved"));
        });

        sentry.assertIsSatisfied();
        assertThat(done.getException()).isNull();
        assertThat(sentry.getReceivedExchanges().get(0).getMessage().getHeaders()).doesNotContainKey("X-GitHub-Event");
        assertThat(done.getProperty(PendingWrites.ATTEMPTS, Integer.class)).isEqualTo(1);
    }
}
