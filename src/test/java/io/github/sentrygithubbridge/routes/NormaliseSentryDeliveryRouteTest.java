package io.github.sentrygithubbridge.routes;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.github.sentrygithubbridge.sentry.SentryAlert;
import io.github.sentrygithubbridge.sentry.SentryStatus;
import io.github.sentrygithubbridge.support.SentryDeliveries;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.apache.camel.Exchange;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * routes/normalise-sentry-delivery.camel.yaml on its own: what the webhook and the preview both make of a delivery's
 * bytes, as the properties the routes after it read.
 */
class NormaliseSentryDeliveryRouteTest extends RouteTestKit {

    @BeforeEach
    void startRoute() throws Exception {
        start("normalise-sentry-delivery");
    }

    @Test
    void anAlertWorthAnIssueHasItsKeyNoStatusAndNoReasonToIgnore() {
        Exchange done = normalise("event_alert", SentryDeliveries.eventAlert("8901", "fatal", "production"));

        assertThat(done.getException()).isNull();
        assertThat(done.getProperty("sentryAlert", SentryAlert.class).level().label()).isEqualTo("fatal");
        assertThat(done.getProperty("sentryIssueKey")).isEqualTo("8901");
        assertThat(done.getProperty("sentryStatus")).isNull();
        assertThat(done.getProperty("reason")).isNull();
    }

    @Test
    void anAlertOutsideTheEnvironmentsHasTheReasonItIsIgnored() {
        Exchange done = normalise("event_alert", SentryDeliveries.eventAlert("8902", "error", "staging"));

        assertThat(done.getProperty("sentryIssueKey")).isEqualTo("8902");
        assertThat(done.getProperty("reason", String.class)).contains("staging");
    }

    @Test
    void aStatusChangeHasItsStatus() {
        Exchange done = normalise("issue", SentryDeliveries.issueStatus("8903", "resolved", null, "Jane", Map.of()));

        assertThat(done.getProperty("sentryIssueKey")).isEqualTo("8903");
        assertThat(done.getProperty("sentryStatus", SentryStatus.class).change()).isEqualTo("resolved");
        assertThat(done.getProperty("reason")).isNull();
    }

    @Test
    void whatIsNotJsonFailsInTheCallerWhichAnswersIt() {
        Exchange done = normalise("event_alert", "not json".getBytes(StandardCharsets.UTF_8));

        assertThat(done.getException()).isInstanceOf(JsonProcessingException.class);
        assertThat(done.getProperty("sentryAlert")).isNull();
    }

    private Exchange normalise(String resource, byte[] delivery) {
        return template.send("direct:normalise-sentry-delivery", exchange -> {
            exchange.getMessage().setHeader("Sentry-Hook-Resource", resource);
            exchange.getMessage().setBody(delivery);
        });
    }
}
