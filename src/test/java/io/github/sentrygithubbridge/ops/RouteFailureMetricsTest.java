package io.github.sentrygithubbridge.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.camel.CamelContext;
import org.apache.camel.CamelExecutionException;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.Test;

class RouteFailureMetricsTest {

    @Test
    void countsOnlyExchangesThatLeaveARouteWithAnUnhandledException() throws Exception {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        try (CamelContext camel = new DefaultCamelContext()) {
            camel.addRoutePolicyFactory(new RouteFailureMetrics(registry));
            camel.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    from("direct:fails").routeId("fails").throwException(new IllegalStateException("no"));
                    from("direct:handled").routeId("handled")
                            .onException(IllegalStateException.class).handled(true).end()
                            .throwException(new IllegalStateException("dealt with"));
                    from("direct:works").routeId("works").log("fine");
                }
            });
            camel.start();
            ProducerTemplate template = camel.createProducerTemplate();

            assertThat(registry.get("bridge.route.failures").tag("route", "fails").counter().count())
                    .as("registered at zero before anything failed").isZero();
            assertThatThrownBy(() -> template.sendBody("direct:fails", "x")).isInstanceOf(CamelExecutionException.class);
            template.sendBody("direct:handled", "x");
            template.sendBody("direct:works", "x");

            assertThat(registry.get("bridge.route.failures").tag("route", "fails").counter().count()).isEqualTo(1);
            assertThat(registry.get("bridge.route.failures").tag("route", "handled").counter().count()).isZero();
            assertThat(registry.get("bridge.route.failures").tag("route", "works").counter().count()).isZero();
        }
    }
}
