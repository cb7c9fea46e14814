package io.github.sentrygithubbridge.routetest;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.Route;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

/**
 * The bridge's delivery path started for tests: the built-in preview-delivery route (with the normalising it shares
 * with the webhook) with the engineer's routes and templates, on the settings of a test file. Only {@code direct:} routes are started: a route of the engineer's
 * that listens (a timer, a web endpoint) stays stopped, and nothing is ever sent.
 */
final class RouteTestContext implements AutoCloseable {

    private static final String ROUTES = String.join(",", "classpath:routes/preview-delivery.camel.yaml",
            "classpath:routes/normalise-sentry-delivery.camel.yaml", "classpath:routes/extension-points.camel.yaml",
            "classpath:route-test/preview-decision.camel.yaml");

    private final ConfigurableApplicationContext spring;
    private final ProducerTemplate template;
    private final ObjectMapper json;

    private RouteTestContext(ConfigurableApplicationContext spring) {
        this.spring = spring;
        CamelContext camel = spring.getBean(CamelContext.class);
        for (Route route : camel.getRoutes()) {
            if (route.getEndpoint().getEndpointUri().startsWith("direct:")) {
                try {
                    camel.getRouteController().startRoute(route.getRouteId());
                } catch (Exception e) {
                    throw new IllegalStateException("route " + route.getRouteId() + " does not start: " + e.getMessage(), e);
                }
            }
        }
        this.template = camel.createProducerTemplate();
        this.json = spring.getBean(ObjectMapper.class);
    }

    /** Starts it, or throws what stopped it (the failure analyzers name the file). */
    static RouteTestContext start(RouteTestFile.Setup setup) {
        StandardEnvironment environment = new StandardEnvironment();
        Map<String, Object> settings = new HashMap<>(setup.settings());
        if (setup.routes() != null) {
            settings.put("BRIDGE_ROUTES_DIR", setup.routes().toString());
        }
        if (setup.templates() != null) {
            settings.put("BRIDGE_TEMPLATES_DIR", setup.templates().toString());
        }
        // by their environment names, read as the environment is (CHAT_WEBHOOK_URL answers {{chat.webhook-url}})
        environment.getPropertySources().addFirst(new SystemEnvironmentPropertySource("test file settings", settings));
        environment.getPropertySources().addFirst(new MapPropertySource("test command", fixed()));
        return new RouteTestContext(new SpringApplicationBuilder(RouteTestConfiguration.class)
                .web(WebApplicationType.NONE)
                .environment(environment)
                .logStartupInfo(false)
                .registerShutdownHook(false)
                .run());
    }

    private static Map<String, Object> fixed() {
        Map<String, Object> fixed = new LinkedHashMap<>();
        fixed.put("camel.main.routes-include-pattern", ROUTES);
        fixed.put("camel.main.auto-startup", "false");
        fixed.put("camel.main.shutdown-timeout", "1");
        fixed.put("camel.main.jmx-enabled", "false");
        fixed.put("spring.main.banner-mode", "off");
        return fixed;
    }

    /** What /internal/preview would answer for the case's delivery. */
    Map<String, Object> run(RouteTestCase test) throws IOException {
        byte[] delivery;
        try {
            delivery = Files.readAllBytes(test.delivery());
        } catch (NoSuchFileException e) {
            throw new CaseUnusableException(test.line(), "the delivery " + test.delivery() + " does not exist");
        }
        try {
            delivery = test.with().applyTo(delivery, json);
        } catch (IllegalArgumentException | IOException e) {
            throw new CaseUnusableException(test.with().line() > 0 ? test.with().line() : test.line(), e.getMessage());
        }
        byte[] body = delivery;
        Exchange answered = template.request("direct:preview-delivery", exchange -> {
            exchange.getIn().setBody(body);
            exchange.getIn().setHeader("Sentry-Hook-Resource", test.resource());
        });
        if (answered.getException() != null) {
            throw new DeliveryFailedException(answered.getException());
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> reply = answered.getMessage().getBody(Map.class);
        return reply;
    }

    @Override
    public void close() {
        template.stop();
        spring.close();
    }

    /** A case that can't be run as written (its delivery file, its with): the test file is unusable. */
    static final class CaseUnusableException extends RuntimeException {
        final int line;

        CaseUnusableException(int line, String problem) {
            super(problem);
            this.line = line;
        }
    }

    /** The bridge refused or failed on the delivery: the case fails, saying why. */
    static final class DeliveryFailedException extends RuntimeException {
        DeliveryFailedException(Throwable cause) {
            super(cause.getMessage(), cause);
        }
    }
}
