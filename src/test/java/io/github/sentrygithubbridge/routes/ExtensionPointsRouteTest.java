package io.github.sentrygithubbridge.routes;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.sentrygithubbridge.sentry.SentryAlert;
import io.github.sentrygithubbridge.sentry.SentryAlertNormaliser;
import io.github.sentrygithubbridge.support.SentryDeliveries;
import org.apache.camel.Exchange;
import org.apache.camel.component.mock.MockEndpoint;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * routes/extension-points.camel.yaml on its own: the built-in extension points change nothing, and the engineer's
 * choose-github-target (woven out to a mock) gets the normalised alert and nothing of the request.
 */
class ExtensionPointsRouteTest extends RouteTestKit {

    @Autowired
    SentryAlertNormaliser normaliser;

    MockEndpoint chooser;
    SentryAlert alert;

    @BeforeEach
    void adviseAndStart() throws Exception {
        advise("choose-github-target-for-delivery",
                route -> route.weaveById("call-choose-github-target").replace().to("mock:extension-points-chooser"));
        start("choose-github-target", "on-github-issue-opened");
        chooser = mock("extension-points-chooser");
        alert = normaliser.normalise("event_alert", new ObjectMapper().readTree(SentryDeliveries.eventAlert("7401")));
    }

    @Test
    void theChooserSeesTheAlertAndNothingOfTheRequest() throws Exception {
        chooser.expectedMessageCount(1);

        template.send("direct:choose-github-target-for-delivery", exchange -> {
            exchange.getMessage().setHeader("Authorization", "Bearer admin-token");
            exchange.getMessage().setHeader("Sentry-Hook-Signature", "abc");
            exchange.getMessage().setBody("{\"raw\":\"delivery\"}");
            exchange.setProperty("sentryAlert", alert);
            exchange.setProperty("sentryIssueKey", alert.key());
            exchange.setProperty("signatureHeaders", "the request's");
            exchange.setProperty("decision", "the lifecycle's");
        });

        chooser.assertIsSatisfied();
        Exchange seen = chooser.getReceivedExchanges().get(0);
        assertThat(seen.getMessage().getHeaders()).isEmpty();
        assertThat(seen.getMessage().getBody(String.class)).isEmpty();
        assertThat(seen.getProperties()).containsOnlyKeys("sentryAlert", "sentryIssueKey");
        assertThat(seen.getProperty("sentryAlert")).isSameAs(alert);
    }

    @Test
    void theBuiltInChooserAndHookChangeNothing() {
        Exchange chosen = template.send("direct:choose-github-target", exchange -> exchange.setProperty("sentryAlert", alert));
        assertThat(chosen.getException()).isNull();
        assertThat(chosen.getProperties()).doesNotContainKeys("githubLabels", "githubAssignees", "githubRepository");

        Exchange told = template.send("direct:on-github-issue-opened", exchange -> exchange.setProperty("githubIssueNumber", 12L));
        assertThat(told.getException()).isNull();
        assertThat(told.getProperties()).containsOnlyKeys("githubIssueNumber");
    }
}
