package io.github.sentrygithubbridge.routes;

import static io.github.sentrygithubbridge.support.SentryDeliveries.eventAlert;
import static io.github.sentrygithubbridge.support.SentryDeliveries.json;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.sentrygithubbridge.sentry.SentryAlert;
import io.github.sentrygithubbridge.state.StoreUnavailableException;
import io.github.sentrygithubbridge.support.MutableClock;
import io.github.sentrygithubbridge.support.SentryDeliveries;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.camel.component.mock.MockEndpoint;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * routes/receive-sentry-webhook.camel.yaml on its own: real HTTP in, the claim woven out to a mock. With it the
 * answers of routes/reply.camel.yaml and the refusals of webhook-errors in routes/error-handling.camel.yaml.
 */
class ReceiveSentryWebhookRouteTest extends RouteTestKit {

    @Autowired
    MutableClock clock;

    @Autowired
    io.github.sentrygithubbridge.lifecycle.SentryIssueLifecycle lifecycle;

    @Autowired
    MeterRegistry registry;

    static final long ANSWER_DELAY_MS = 200;

    SentryDeliveries sentry;
    MockEndpoint claim;

    @BeforeEach
    void adviseAndStart() throws Exception {
        advise("receive-sentry-webhook", route -> {
            route.weaveById("claim-delivery").replace().to("mock:receive-sentry-webhook-claim");
            route.weaveById("ask-sentry").replace().to("mock:receive-sentry-webhook-sentry");
            // a known time between the delivery's arrival and its answer, for the answer's timer
            route.weaveById("answer-sentry").before().delay(ANSWER_DELAY_MS);
        });
        start("normalise-sentry-delivery", "reply");
        sentry = new SentryDeliveries(port, clock);
        claim = mock("receive-sentry-webhook-claim");
        sentryApi = mock("receive-sentry-webhook-sentry");
    }

    MockEndpoint sentryApi;

    @Test
    void aStatusChangeIsBelievedOnlyWhenSentrySaysSoNow() throws Exception {
        lifecycle.filed("7110", 7110L, null);
        // the issue was resolved, then unresolved: a replay of the "resolved" delivery is ignored
        sentryApi.whenAnyExchangeReceived(ask -> ask.setVariable("sentryStatusNow", "unresolved"));
        claim.expectedMessageCount(0);

        HttpResponse<String> replayed = sentry.post("issue", SentryDeliveries.issueStatus("7110", "resolved", null, "Jane", Map.of()));

        claim.assertIsSatisfied();
        assertThat(replayed.statusCode()).isEqualTo(200);
        assertThat(json(replayed)).containsEntry("status", "ignored")
                .containsEntry("reason", "Sentry says 7110 is unresolved now: this resolved delivery changes nothing (late or replayed)");
        assertThat(sentryApi.getReceivedExchanges()).singleElement()
                .satisfies(ask -> assertThat(ask.getProperty("sentryIssueKey")).isEqualTo("7110"));

        sentryApi.reset();
        sentryApi.whenAnyExchangeReceived(ask -> ask.setVariable("sentryStatusNow", "resolved"));
        claim.reset();
        claim.expectedMessageCount(1);
        sentry.post("issue", SentryDeliveries.issueStatus("7110", "resolved", null, "Jane", Map.of()));
        claim.assertIsSatisfied();
    }

    @Test
    void neitherAnAlertNorTheStatusOfAnIssueTheBridgeNeverFiledIsCheckedWithSentry() throws Exception {
        claim.expectedMessageCount(2);

        sentry.post("event_alert", eventAlert("7111", "error", "production"));
        sentry.post("issue", SentryDeliveries.issueStatus("7112", "resolved", null, "Jane", Map.of()));

        claim.assertIsSatisfied();
        assertThat(sentryApi.getReceivedExchanges()).isEmpty();
    }

    @Test
    void aSignedAlertWorthAnIssueGoesOnToTheClaimNormalised() throws Exception {
        claim.expectedMessageCount(1);
        claim.expectedPropertyReceived("sentryIssueKey", "7101");

        HttpResponse<String> answer = sentry.post("event_alert", eventAlert("7101", "error", "production"));

        claim.assertIsSatisfied();
        SentryAlert alert = claim.getReceivedExchanges().get(0).getProperty("sentryAlert", SentryAlert.class);
        assertThat(alert.kind()).isEqualTo(SentryAlert.Kind.EVENT);
        assertThat(alert.environment()).isEqualTo("production");
        assertThat(answer.statusCode()).isEqualTo(200);
    }

    @Test
    void theFilterAnswersIgnoredWithItsReasonAndClaimsNothing() throws Exception {
        claim.expectedMessageCount(0);

        HttpResponse<String> staging = sentry.post("event_alert", eventAlert("7102", "error", "staging"));

        claim.assertIsSatisfied();
        assertThat(staging.statusCode()).isEqualTo(200);
        assertThat(json(staging)).containsEntry("status", "ignored").containsEntry("sentryIssueId", "7102");
        assertThat((String) json(staging).get("reason")).contains("staging");
    }

    @Test
    void eachAnswerIsCountedWithTheTimeSinceTheDeliveryArrived() throws Exception {
        double ignored = registry.counter("bridge.webhooks", "resource", "event_alert", "outcome", "ignored").count();
        Timer ack = registry.timer("bridge.webhook.ack");
        long answered = ack.count();
        double took = ack.totalTime(TimeUnit.MILLISECONDS);

        long sent = System.nanoTime();
        sentry.post("event_alert", eventAlert("7105", "error", "staging"));
        long roundTrip = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - sent);

        assertThat(registry.counter("bridge.webhooks", "resource", "event_alert", "outcome", "ignored").count()).isEqualTo(ignored + 1);
        assertThat(ack.count()).isEqualTo(answered + 1);
        // from this delivery's arrival to its answer: the delay woven in between, and no longer than the round trip
        // (two wall-clock milliseconds, each rounded down, against the round trip rounded down: two of slack)
        assertThat(ack.totalTime(TimeUnit.MILLISECONDS) - took).isBetween((double) ANSWER_DELAY_MS, (double) roundTrip + 2);
    }

    @Test
    void aBadSignatureIsRefusedBeforeAnythingIsRead() throws Exception {
        claim.expectedMessageCount(0);
        byte[] body = eventAlert("7103", "error", "production");

        HttpResponse<String> forged = sentry.post(body, sentry.sentryHeaders("event_alert", body, "another-secret"));

        claim.assertIsSatisfied();
        assertThat(forged.statusCode()).isEqualTo(401);
        assertThat(json(forged)).containsEntry("status", "rejected").doesNotContainKey("sentryIssueId");
    }

    @Test
    void aSignedBodyThatIsNotJsonOrNotSentrysShapeIs400() {
        HttpResponse<String> notJson = sentry.post("event_alert", "{\"data\":".getBytes(StandardCharsets.UTF_8));
        assertThat(notJson.statusCode()).isEqualTo(400);
        assertThat((String) json(notJson).get("reason")).startsWith("the body is not valid JSON");

        HttpResponse<String> array = sentry.post("event_alert", "[]".getBytes(StandardCharsets.UTF_8));
        assertThat(array.statusCode()).isEqualTo(400);
        assertThat(json(array)).containsEntry("status", "invalid").containsEntry("reason", "the body must be a JSON object, got an array");
    }

    @Test
    void aStoreThatFailsDuringTheClaimIs503NeverA2xx() throws Exception {
        claim.whenAnyExchangeReceived(exchange -> {
            throw new StoreUnavailableException("disk I/O error");
        });

        HttpResponse<String> answer = sentry.post("event_alert", eventAlert("7104", "error", "production"));

        assertThat(answer.statusCode()).isEqualTo(503);
        Map<String, Object> reply = json(answer);
        assertThat(reply).containsEntry("status", "unavailable").containsEntry("sentryIssueId", "7104");
        assertThat((String) reply.get("reason")).contains("storage is unavailable");
    }
}
