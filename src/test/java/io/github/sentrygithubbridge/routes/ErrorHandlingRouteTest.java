package io.github.sentrygithubbridge.routes;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.sentrygithubbridge.ops.AdminToken;
import io.github.sentrygithubbridge.state.DeadLetters;
import io.github.sentrygithubbridge.state.PendingWrites;
import io.github.sentrygithubbridge.state.StoreUnavailableException;
import io.github.sentrygithubbridge.state.WriteAction;
import io.github.sentrygithubbridge.web.PayloadTooLargeException;
import java.util.Map;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.http.base.HttpOperationFailedException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * routes/error-handling.camel.yaml on its own: each route configuration on a route of the test's own, whose only
 * step is a mock that fails as the test says.
 */
class ErrorHandlingRouteTest extends RouteTestKit {

    @Autowired
    PendingWrites writes;
    @Autowired
    DeadLetters deadLetters;
    @Autowired
    JdbcTemplate jdbc;

    MockEndpoint failing;

    @BeforeEach
    void addRoutes() throws Exception {
        if (camel.getRoute("error-handling-github-write") == null) {
            camel.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    from("direct:error-handling-github-write").routeId("error-handling-github-write").routeConfigurationId("github-write-errors")
                            .to("mock:error-handling-failing");
                    from("direct:error-handling-webhook").routeId("error-handling-webhook").routeConfigurationId("webhook-errors")
                            .to("mock:error-handling-failing");
                    from("direct:error-handling-admin").routeId("error-handling-admin").routeConfigurationId("admin-errors")
                            .to("mock:error-handling-failing");
                }
            });
        }
        start("error-handling-github-write", "error-handling-webhook", "error-handling-admin", "reply", "dead-letter");
        failing = mock("error-handling-failing");
    }

    // ---- github-write-errors

    @Test
    void aStoreFailureInTheLaneLeavesTheWriteKept() {
        long id = keep("9101");
        fail(new StoreUnavailableException("database is locked"));

        Exchange done = write(id, "9101");

        assertThat(done.getException()).isNull();
        assertThat(writes.listFor("9101")).singleElement().satisfies(write -> assertThat(write.notBefore()).isNull());
        assertThat(deadLetters.list()).noneMatch(letter -> "9101".equals(letter.key()));
    }

    @Test
    void aFailureThatMayPassGoesBackToTheStoreDueLater() {
        long id = keep("9102");
        fail(new HttpOperationFailedException("http://127.0.0.1:9/repos/acme/shop/issues/1/comments", 502, "Bad Gateway", null, Map.of(), ""));

        write(id, "9102");

        assertThat(writes.listFor("9102")).singleElement().satisfies(write -> assertThat(write.notBefore()).isNotNull());
    }

    @Test
    void aMomentsFailureIsSentAgainByCamelsRedeliveryFirst() {
        long id = keep("9104");
        failing.whenExchangeReceived(1, exchange -> {
            throw new HttpOperationFailedException("http://127.0.0.1:9/repos/acme/shop/issues/1/comments", 502, "Bad Gateway", null, Map.of(), "");
        });
        failing.whenExchangeReceived(2, exchange -> {
            throw new java.net.SocketException("Connection reset");
        });

        Exchange done = write(id, "9104", "comment");

        assertThat(done.getException()).isNull();
        assertThat(failing.getReceivedCounter()).isEqualTo(3);
        assertThat(writes.listFor("9104")).singleElement().satisfies(write -> assertThat(write.notBefore()).isNull());
    }

    @Test
    void redeliveriesRunOutIntoTheStoresRetry() {
        long id = keep("9105");
        fail(new HttpOperationFailedException("http://127.0.0.1:9/repos/acme/shop/issues/1", 503, "Unavailable", null, Map.of(), ""));

        write(id, "9105", "close");

        // the first send and BRIDGE_GITHUB_REDELIVERIES (2) more
        assertThat(failing.getReceivedCounter()).isEqualTo(3);
        assertThat(writes.listFor("9105")).singleElement().satisfies(write -> assertThat(write.notBefore()).isNotNull());
    }

    @Test
    void aCreationOrARateLimitIsNeverRedeliveredOnTheSpot() {
        long creation = keep("9106");
        fail(new HttpOperationFailedException("http://127.0.0.1:9/repos/acme/shop/issues", 502, "Bad Gateway", null, Map.of(), ""));
        write(creation, "9106", "create");
        assertThat(failing.getReceivedCounter()).isEqualTo(1);
        assertThat(writes.listFor("9106")).singleElement().satisfies(write -> assertThat(write.notBefore()).isNotNull());

        failing.reset();
        long limited = keep("9107");
        fail(new HttpOperationFailedException("http://127.0.0.1:9/repos/acme/shop/issues/1/comments", 429, "Too Many Requests", null,
                Map.of("Retry-After", "30"), ""));
        write(limited, "9107", "comment");
        assertThat(failing.getReceivedCounter()).isEqualTo(1);
        assertThat(writes.listFor("9107")).singleElement().satisfies(write -> assertThat(write.notBefore()).isNotNull());
    }

    @Test
    void aRefusalIsADeadLetter() {
        long id = keep("9103");
        fail(new HttpOperationFailedException("http://127.0.0.1:9/repos/acme/shop/issues/1/comments", 401, "Unauthorized", null, Map.of(),
                "{\"message\":\"Bad credentials\"}"));

        write(id, "9103");

        assertThat(writes.listFor("9103")).isEmpty();
        assertThat(deadLetters.list()).anySatisfy(letter -> {
            assertThat(letter.key()).isEqualTo("9103");
            assertThat(letter.error()).contains("401");
        });
    }

    // ---- webhook-errors

    @Test
    void aRefusedDeliveryIsAnsweredWithItsStatus() {
        fail(new PayloadTooLargeException(65536));

        Exchange answered = template.send("direct:error-handling-webhook", exchange -> { });

        assertThat(answered.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE, Integer.class)).isEqualTo(413);
        assertThat(answered.getMessage().getBody(String.class))
                .isEqualTo("{\"status\":\"rejected\",\"reason\":\"the body is larger than 65536 bytes (BRIDGE_MAX_BODY)\"}");
    }

    @Test
    void anythingElseIs503NeverA2xx() {
        fail(new IllegalStateException("a bug"));

        Exchange answered = template.send("direct:error-handling-webhook", exchange -> { });

        assertThat(answered.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE, Integer.class)).isEqualTo(503);
        assertThat(answered.getMessage().getBody(String.class)).contains("\"status\":\"unavailable\"").doesNotContain("a bug");
    }

    // ---- admin-errors

    @Test
    void withoutAnAdminTokenTheEndpointIsAbsent() {
        fail(new AdminToken.NotEnabledException());

        Exchange answered = template.send("direct:error-handling-admin", exchange -> exchange.getMessage().setHeader("Authorization", "x"));

        assertThat(answered.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE, Integer.class)).isEqualTo(404);
        assertThat(answered.getMessage().getBody(String.class)).isEmpty();
        assertThat(answered.getMessage().getHeaders()).doesNotContainKey("Authorization");
    }

    @Test
    void aWrongTokenIs401AndARequestItCannotUse400() {
        fail(new AdminToken.UnauthorizedException());
        Exchange unauthorised = template.send("direct:error-handling-admin", exchange -> { });
        assertThat(unauthorised.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE, Integer.class)).isEqualTo(401);

        failing.reset();
        fail(new IllegalArgumentException("id must be a number"));
        Exchange invalid = template.send("direct:error-handling-admin", exchange -> { });
        assertThat(invalid.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE, Integer.class)).isEqualTo(400);
        assertThat(invalid.getMessage().getBody(String.class)).isEqualTo("{\"status\":\"invalid\",\"reason\":\"id must be a number\"}");
    }

    private void fail(Exception failure) {
        failing.whenAnyExchangeReceived(exchange -> {
            throw failure;
        });
    }

    private long keep(String key) {
        writes.add(key, key, WriteAction.COMMENT, Map.of("body", "seen again"));
        return jdbc.queryForObject("SELECT id FROM pending_write WHERE sentry_issue_key = ?", Long.class, key);
    }

    private Exchange write(long id, String key) {
        return write(id, key, "comment");
    }

    private Exchange write(long id, String key, String action) {
        return template.send("direct:error-handling-github-write", exchange -> {
            exchange.setProperty(PendingWrites.ID, id);
            exchange.setProperty(PendingWrites.ATTEMPTS, 1);
            exchange.setProperty("sentryIssueKey", key);
            exchange.setProperty("sentryIssueId", key);
            exchange.setProperty("githubAction", action);
        });
    }
}
