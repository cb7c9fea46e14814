package io.github.sentrygithubbridge.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.spi.UnitOfWorkFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

/** The log context on Camel's threads: the delivery's keys while it is routed, nothing left over after. */
class LogContextUnitOfWorkTest {

    private final List<String> seen = Collections.synchronizedList(new ArrayList<>());

    @AfterEach
    void clearThread() {
        MDC.clear();
    }

    @Test
    void anExchangeCarriesItsOwnKeysAndANestedOneGivesTheOuterOnesBack() throws Exception {
        try (CamelContext camel = context()) {
            camel.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    from("direct:outer").routeId("outer")
                            .setProperty("sentryIssueKey", constant("outer-issue"))
                            .setProperty("requestId", constant("request-1"))
                            .process(e -> seen.add("outer " + MDC.get("sentryIssueKey") + " " + MDC.get("requestId") + " " + MDC.get("camel.routeId")))
                            .split(body())
                                .setProperty("sentryIssueKey", simple("${body}"))
                                .process(e -> seen.add("inner " + MDC.get("sentryIssueKey")))
                            .end()
                            .process(e -> seen.add("after " + MDC.get("sentryIssueKey") + " " + MDC.get("requestId")));
                }
            });
            camel.start();

            camel.createProducerTemplate().sendBody("direct:outer", List.of("a", "b"));
        }

        assertThat(seen).containsExactly("outer outer-issue request-1 outer", "inner a", "inner b", "after outer-issue request-1");
        assertThat(MDC.get("sentryIssueKey")).as("nothing left on the caller's thread").isNull();
    }

    @Test
    void aKeyTheExchangeDoesNotHaveIsNotTakenFromTheThreadAndTheThreadGetsItsOwnBack() throws Exception {
        try (CamelContext camel = context()) {
            camel.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    from("direct:plain").routeId("plain")
                            .process(e -> seen.add("key " + MDC.get("githubIssueNumber")));
                }
            });
            camel.start();
            MDC.put("githubIssueNumber", "12");

            camel.createProducerTemplate().sendBody("direct:plain", "x");
        }

        assertThat(seen).containsExactly("key null");
        assertThat(MDC.get("githubIssueNumber")).as("what the thread held before").isEqualTo("12");
    }

    private static CamelContext context() {
        CamelContext camel = new DefaultCamelContext();
        camel.getCamelContextExtension().addContextPlugin(UnitOfWorkFactory.class, LogContextConfiguration.LogContextUnitOfWork::new);
        return camel;
    }
}
