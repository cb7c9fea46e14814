package io.github.sentrygithubbridge.routes;

import static io.github.sentrygithubbridge.support.SentryDeliveries.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.sentrygithubbridge.state.DeadLetters;
import io.github.sentrygithubbridge.state.PendingWrites;
import io.github.sentrygithubbridge.state.WriteAction;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/** routes/internal-dead-letters.camel.yaml on its own: the on-call engineer lists the dead letters and replays one. */
class InternalDeadLettersRouteTest extends RouteTestKit {

    @Autowired
    PendingWrites writes;
    @Autowired
    DeadLetters deadLetters;
    @Autowired
    JdbcTemplate jdbc;

    @BeforeEach
    void startRoutes() throws Exception {
        start("list-dead-letters", "replay-dead-letters", "reply");
    }

    @Test
    void aDeadLetterIsListedAndReplayedIntoTheQueue() throws Exception {
        writes.add("8301", "8301", WriteAction.COMMENT, Map.of("body", "seen again"));
        long writeId = jdbc.queryForObject("SELECT id FROM pending_write WHERE sentry_issue_key = '8301'", Long.class);
        deadLetters.keep(writeId, new IllegalStateException("GitHub answered 404"));

        HttpResponse<String> listed = http("GET", "/internal/dead-letters", null, true);
        assertThat(listed.statusCode()).isEqualTo(200);
        JsonNode letter = null;
        for (JsonNode each : new ObjectMapper().readTree(listed.body())) {
            if ("8301".equals(each.path("key").asText())) {
                letter = each;
            }
        }
        assertThat(letter).isNotNull();
        assertThat(letter.path("error").asText()).contains("404");

        HttpResponse<String> replayed = http("POST", "/internal/dead-letters/replay?id=" + letter.path("id").asLong(), null, true);

        assertThat(replayed.statusCode()).isEqualTo(200);
        assertThat(json(replayed)).containsEntry("replayed", 1);
        assertThat(writes.listFor("8301")).extracting(PendingWrites.QueuedWrite::action).containsExactly("comment");
    }

    @Test
    void aWrongTokenIs401AndAnIdThatIsNoNumberIs400() throws Exception {
        assertThat(http("GET", "/internal/dead-letters", null, false).statusCode()).isEqualTo(401);

        HttpResponse<String> bad = http("POST", "/internal/dead-letters/replay?id=x", null, true);

        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(json(bad)).containsEntry("status", "invalid").containsEntry("reason", "id must be a dead letter's number, not 'x'");
    }
}
