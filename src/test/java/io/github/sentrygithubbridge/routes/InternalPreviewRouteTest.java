package io.github.sentrygithubbridge.routes;

import static io.github.sentrygithubbridge.support.SentryDeliveries.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.sentrygithubbridge.lifecycle.Decision;
import io.github.sentrygithubbridge.lifecycle.SentryIssueLifecycle;
import io.github.sentrygithubbridge.lifecycle.Transition;
import io.github.sentrygithubbridge.sentry.SentryAlert;
import io.github.sentrygithubbridge.sentry.SentryAlertNormaliser;
import io.github.sentrygithubbridge.support.SentryDeliveries;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import org.apache.camel.Exchange;
import org.apache.camel.component.mock.MockEndpoint;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * routes/internal-preview.camel.yaml on its own: the endpoint hands the body to preview-delivery (a mock here, with
 * its own route test) and answers what comes back; its decision reads the store and writes nothing.
 */
class InternalPreviewRouteTest extends RouteTestKit {

    @Autowired
    SentryAlertNormaliser normaliser;
    @Autowired
    SentryIssueLifecycle lifecycle;

    MockEndpoint preview;

    @BeforeEach
    void adviseAndStart() throws Exception {
        advise("preview-github-issue", route -> route.weaveById("preview-the-delivery").replace().to("mock:internal-preview-delivery"));
        start("preview-decision", "reply");
        preview = mock("internal-preview-delivery");
    }

    @Test
    void theDeliveryIsPreviewedAndTheAnswerIsJson() throws Exception {
        preview.expectedMessageCount(1);
        preview.whenAnyExchangeReceived(exchange -> exchange.getMessage().setBody(Map.of("decision", "open-issue")));
        byte[] body = SentryDeliveries.eventAlert("8501");

        HttpResponse<String> answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/internal/preview"))
                .header("Authorization", "Bearer " + ADMIN_TOKEN).header("Sentry-Hook-Resource", "event_alert")
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(),
                HttpResponse.BodyHandlers.ofString());

        preview.assertIsSatisfied();
        assertThat(preview.getReceivedExchanges().get(0).getMessage().getBody(byte[].class)).isEqualTo(body);
        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(json(answer)).containsEntry("decision", "open-issue");
    }

    @Test
    void theDecisionIsReadFromTheStoreAndKeepsNothing() throws Exception {
        SentryAlert alert = normaliser.normalise("event_alert", new ObjectMapper().readTree(SentryDeliveries.eventAlert("8502")));

        Exchange decided = template.send("direct:preview-decision", exchange -> exchange.setProperty("sentryAlert", alert));

        assertThat(decided.getProperty("decision", Decision.class).transition()).isEqualTo(Transition.OPEN_ISSUE);
        assertThat(lifecycle.describe("8502")).isNull();
    }
}
