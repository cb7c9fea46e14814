package io.github.sentrygithubbridge.routes;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.sentrygithubbridge.github.IssueTarget;
import io.github.sentrygithubbridge.lifecycle.NewSentryIssue;
import io.github.sentrygithubbridge.sentry.SentryAlert;
import io.github.sentrygithubbridge.sentry.SentryStatus;
import io.github.sentrygithubbridge.support.SentryDeliveries;
import java.util.List;
import java.util.Map;
import org.apache.camel.Exchange;
import org.apache.camel.component.mock.MockEndpoint;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * routes/preview-delivery.camel.yaml on its own: what a delivery would file, with the decision (internal-preview's
 * or the test command's) and the engineer's chooser woven out to mocks.
 */
class PreviewDeliveryRouteTest extends RouteTestKit {

    MockEndpoint decide;
    MockEndpoint chooser;

    @BeforeEach
    void adviseAndStart() throws Exception {
        advise("preview-delivery", route -> {
            route.weaveById("decide-preview").replace().to("mock:preview-delivery-decide");
            route.weaveById("choose-target-for-preview").replace().to("mock:preview-delivery-chooser");
        });
        start("normalise-sentry-delivery");
        decide = mock("preview-delivery-decide");
        decide.whenAnyExchangeReceived(exchange -> exchange.setProperty("decision", NewSentryIssue.decide(
                exchange.getProperty("sentryAlert", SentryAlert.class), exchange.getProperty("sentryStatus", SentryStatus.class))));
        chooser = mock("preview-delivery-chooser");
        chooser.whenAnyExchangeReceived(exchange ->
                exchange.setProperty("githubTarget", new IssueTarget(null, List.of("team:payments"), List.of("alice"))));
    }

    @Test
    @SuppressWarnings("unchecked")
    void anAlertWorthAnIssueShowsWhatWouldBeFiledWithTheChosenTarget() {
        Map<String, Object> preview = preview(SentryDeliveries.eventAlert("8801", "error", "production"));

        assertThat(preview).containsEntry("decision", "open-issue").containsEntry("repository", "acme/shop")
                .containsEntry("assignees", List.of("alice"));
        assertThat((List<Object>) preview.get("labels")).contains("agent:builder", "team:payments");
        assertThat((String) preview.get("body")).contains("<!-- sentry-github-bridge: 8801 -->");
        assertThat(chooser.getReceivedCounter()).isEqualTo(1);
    }

    @Test
    void anAlertTheFilterIgnoresIsNeitherDecidedNorRendered() {
        Map<String, Object> preview = preview(SentryDeliveries.eventAlert("8802", "error", "staging"));

        assertThat(preview).containsEntry("decision", "ignore").containsEntry("title", null);
        assertThat((String) preview.get("reason")).contains("staging");
        assertThat(decide.getReceivedCounter()).isZero();
        assertThat(chooser.getReceivedCounter()).isZero();
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> preview(byte[] delivery) {
        Exchange done = template.send("direct:preview-delivery", exchange -> {
            exchange.getMessage().setHeader("Sentry-Hook-Resource", "event_alert");
            exchange.getMessage().setBody(delivery);
        });
        assertThat(done.getException()).isNull();
        return done.getMessage().getBody(Map.class);
    }
}
