package io.github.sentrygithubbridge.sentry;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.sentrygithubbridge.support.SentryDeliveries;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The expressions the README promises an engineer's choose-github-target route, evaluated by Camel's simple language. */
class SentryAlertInSimpleTest {

    static final CamelContext CAMEL = new DefaultCamelContext();

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "${exchangeProperty.sentryAlert.level}                                | error",
            "${exchangeProperty.sentryAlert.level} == 'error'                     | true",
            "${exchangeProperty.sentryAlert.environment}                          | production",
            "${exchangeProperty.sentryAlert.project}                              | 1",
            "${exchangeProperty.sentryAlert.release}                              | shop@1.4.2",
            "${exchangeProperty.sentryAlert.title}                                | ReferenceError: heck is not defined",
            "${exchangeProperty.sentryAlert.culprit}                              | ?(<anonymous>)",
            "${exchangeProperty.sentryAlert.rule}                                 | Very Important Alert Rule!",
            "${exchangeProperty.sentryAlert.tags[team]}                           | payments",
            "${exchangeProperty.sentryAlert.tags[browser.name]}                   | Chrome",
    })
    void evaluates(String expression, String expected) throws Exception {
        byte[] delivery = SentryDeliveries.withTag(SentryDeliveries.eventAlert("4242"), "team", "payments");
        var tree = (com.fasterxml.jackson.databind.node.ObjectNode) new ObjectMapper().readTree(delivery);
        ((com.fasterxml.jackson.databind.node.ObjectNode) tree.path("data").path("event")).put("release", "shop@1.4.2");
        SentryAlert alert = new SentryAlertNormaliser().normalise("event_alert", tree);
        Exchange exchange = new DefaultExchange(CAMEL);
        exchange.setProperty("sentryAlert", alert);

        String value = expression.contains("==")
                ? String.valueOf(CAMEL.resolveLanguage("simple").createPredicate(expression).matches(exchange))
                : CAMEL.resolveLanguage("simple").createExpression(expression).evaluate(exchange, String.class);

        assertThat(value).isEqualTo(expected);
    }
}
