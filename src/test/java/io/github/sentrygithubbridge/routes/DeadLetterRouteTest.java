package io.github.sentrygithubbridge.routes;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.sentrygithubbridge.lifecycle.SentryIssueLifecycle;
import io.github.sentrygithubbridge.state.DeadLetters;
import io.github.sentrygithubbridge.state.PendingWrites;
import io.github.sentrygithubbridge.state.WriteAction;
import java.util.List;
import java.util.Map;
import org.apache.camel.Exchange;
import org.apache.camel.http.base.HttpOperationFailedException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/** routes/dead-letter.camel.yaml on its own: a write given up on is kept as a dead letter, its claim given back. */
class DeadLetterRouteTest extends RouteTestKit {

    @Autowired
    PendingWrites writes;
    @Autowired
    DeadLetters deadLetters;
    @Autowired
    SentryIssueLifecycle lifecycle;
    @Autowired
    JdbcTemplate jdbc;

    @BeforeEach
    void startRoute() throws Exception {
        start("dead-letter");
    }

    @Test
    void aCreationGivenUpOnIsKeptAsADeadLetterAndItsSentryIssueClaimedAfresh() {
        lifecycle.reclaim(List.of("8201"));
        writes.add("8201", "8201", WriteAction.CREATE, Map.of("title", "boom"));
        long id = jdbc.queryForObject("SELECT id FROM pending_write WHERE sentry_issue_key = '8201'", Long.class);

        Exchange done = template.send("direct:dead-letter", exchange -> {
            exchange.setProperty(PendingWrites.ID, id);
            exchange.setProperty(PendingWrites.ATTEMPTS, 3);
            exchange.setProperty("sentryIssueKey", "8201");
            exchange.setProperty("sentryIssueId", "8201");
            exchange.setProperty("githubAction", "create");
            exchange.setProperty(Exchange.EXCEPTION_CAUGHT, new HttpOperationFailedException("https://api.github.com/repos/acme/shop/issues",
                    404, "Not Found", null, Map.of(), "{\"message\":\"Not Found\"}"));
        });

        assertThat(done.getException()).isNull();
        assertThat(writes.listFor("8201")).isEmpty();
        assertThat(deadLetters.list()).filteredOn(letter -> "8201".equals(letter.key())).singleElement().satisfies(letter -> {
            assertThat(letter.action()).isEqualTo("create");
            assertThat(letter.error()).contains("404");
        });
        // the claim is given back: the Sentry issue's next alert opens an issue
        assertThat(lifecycle.describe("8201")).isNull();
    }
}
