package io.github.sentrygithubbridge.routes;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.sentrygithubbridge.web.Reply;
import org.apache.camel.Exchange;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** routes/reply.camel.yaml on its own: a Reply becomes JSON with its HTTP status, and nothing else travels back. */
class ReplyRouteTest extends RouteTestKit {

    @BeforeEach
    void startRoute() throws Exception {
        start("reply");
    }

    @Test
    void theReplyIsJsonWithItsStatusAndNoHeaderOfTheRequest() {
        Exchange answered = template.send("direct:reply", exchange -> {
            exchange.getMessage().setHeader("Authorization", "Bearer " + ADMIN_TOKEN);
            exchange.getMessage().setBody(new Reply(202, "accepted", "a \"quoted\" reason", "9001", "9001"));
        });

        assertThat(answered.getMessage().getHeaders()).containsOnlyKeys(Exchange.HTTP_RESPONSE_CODE, Exchange.CONTENT_TYPE);
        assertThat(answered.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE, Integer.class)).isEqualTo(202);
        assertThat(answered.getMessage().getBody(String.class))
                .isEqualTo("{\"status\":\"accepted\",\"reason\":\"a \\\"quoted\\\" reason\",\"sentryIssueId\":\"9001\",\"key\":\"9001\"}");
    }

    @Test
    void whatIsUnknownIsLeftOut() {
        Exchange answered = template.send("direct:reply", exchange -> exchange.getMessage().setBody(new Reply(401, "rejected", "bad signature", null, null)));

        assertThat(answered.getMessage().getBody(String.class)).isEqualTo("{\"status\":\"rejected\",\"reason\":\"bad signature\"}");
    }
}
