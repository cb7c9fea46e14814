package io.github.sentrygithubbridge.routes;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.sentrygithubbridge.state.PendingWrites;
import org.apache.camel.Exchange;
import org.apache.camel.component.mock.MockEndpoint;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** routes/update-sentry-issue.camel.yaml on its own: a person's change on GitHub sent to Sentry's web API. */
class UpdateSentryIssueRouteTest extends RouteTestKit {

    MockEndpoint sentry;

    MockEndpoint sentryRead;

    @BeforeEach
    void adviseAndStart() throws Exception {
        advise("update-sentry-issue", route -> route.weaveById("call-sentry-update-issue").replace().to("mock:update-sentry-issue-sentry"));
        advise("read-sentry-status", route -> route.weaveById("call-sentry-read-status").replace().to("mock:update-sentry-issue-read"));
        sentry = mock("update-sentry-issue-sentry");
        sentryRead = mock("update-sentry-issue-read");
    }

    @Test
    void theStatusIsReadFromTheIssueOrTheMetricAlertsIncident() throws Exception {
        sentryRead.expectedHeaderValuesReceivedInAnyOrder(Exchange.HTTP_URI, "http://127.0.0.1:7/api/0/organizations/acme/issues/8102/",
                "http://127.0.0.1:7/api/0/organizations/acme/incidents/42/");
        sentryRead.expectedHeaderReceived("Authorization", "Bearer route-tests-sentry-token");

        assertThat(readStatus("8102", 200, "{\"id\":\"8102\",\"status\":\"ignored\",\"substatus\":\"archived_forever\"}")).isEqualTo("ignored");
        assertThat(readStatus("metric-alert:5:42", 200, "{\"identifier\":\"42\",\"status\":2}")).isEqualTo("closed");

        sentryRead.assertIsSatisfied();
    }

    @Test
    void anIssueSentryNoLongerHasIsGoneAndAFailureIsThrown() throws Exception {
        assertThat(readStatus("8103", 404, "{\"detail\":\"The requested resource does not exist\"}")).isEqualTo("gone");

        sentryRead.whenAnyExchangeReceived(answer -> {
            answer.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, 502);
            answer.getMessage().setBody("bad gateway");
        });
        Exchange failed = template.send("direct:read-sentry-status", exchange -> exchange.setProperty("sentryIssueKey", "8103"));
        assertThat(failed.getException()).hasMessageContaining("502");
    }

    private String readStatus(String key, int code, String body) {
        sentryRead.whenAnyExchangeReceived(answer -> {
            answer.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, code);
            answer.getMessage().setBody(body);
        });
        Exchange read = template.send("direct:read-sentry-status", exchange -> exchange.setProperty("sentryIssueKey", key));
        assertThat(read.getException()).isNull();
        return read.getMessage().getBody(String.class);
    }

    @Test
    void theStatusIsPutOnTheIssueWithTheApiToken() throws Exception {
        sentry.expectedMessageCount(1);
        sentry.expectedHeaderReceived("Authorization", "Bearer route-tests-sentry-token");
        sentry.expectedHeaderReceived(Exchange.HTTP_URI, "http://127.0.0.1:7/api/0/organizations/acme/issues/8101/");
        sentry.expectedBodiesReceived("{\"status\":\"resolved\"}");

        Exchange done = template.send("direct:update-sentry-issue", exchange -> {
            exchange.getMessage().setHeader("X-GitHub-Event", "issues");
            exchange.setProperty(PendingWrites.ATTEMPTS, 1);
            exchange.setProperty("sentryIssueId", "8101");
            exchange.setProperty("githubRequest", new io.github.sentrygithubbridge.sentry.SentryStatusUpdate("resolved"));
        });

        sentry.assertIsSatisfied();
        assertThat(done.getException()).isNull();
        assertThat(sentry.getReceivedExchanges().get(0).getMessage().getHeaders()).doesNotContainKey("X-GitHub-Event");
    }
}
