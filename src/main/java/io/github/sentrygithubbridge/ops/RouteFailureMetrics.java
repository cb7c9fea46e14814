package io.github.sentrygithubbridge.ops;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.NamedNode;
import org.apache.camel.Route;
import org.apache.camel.spi.RoutePolicy;
import org.apache.camel.spi.RoutePolicyFactory;
import org.apache.camel.support.RoutePolicySupport;
import org.springframework.stereotype.Component;

/**
 * bridge_route_failures_total{route}: exchanges that left a route failed, that is with an exception that route's
 * own error handling did not deal with (a sub-route's failure counts even when its caller then handles it). What
 * camel-micrometer's camel_exchanges_failed_total counted, for which Camel 4.22 has no module here; one counter
 * per route, registered at zero when the route is set up. Camel's SPI: a route policy sees the Exchange.
 */
@Component
class RouteFailureMetrics implements RoutePolicyFactory {

    private final MeterRegistry registry;

    RouteFailureMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    @Override
    public RoutePolicy createRoutePolicy(CamelContext context, String routeId, NamedNode route) {
        Counter failures = Counter.builder("bridge.route.failures")
                .description("Exchanges that left a Camel route with an exception its own error handling did not deal with")
                .tag("route", routeId).register(registry);
        return new RoutePolicySupport() {
            @Override
            public void onExchangeDone(Route done, Exchange exchange) {
                if (exchange.isFailed()) {
                    failures.increment();
                }
            }
        };
    }
}
