package io.github.sentrygithubbridge.routes;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.sentrygithubbridge.github.GitHubIssueIndex;
import io.github.sentrygithubbridge.lifecycle.SentryIssueLifecycle;
import java.io.IOException;
import org.apache.camel.Exchange;
import org.apache.camel.component.mock.MockEndpoint;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * routes/read-github-issues.camel.yaml on its own: the issues already on GitHub are read page by page and filed;
 * creations wait until the read and the labels are done, and a failed read is tried again.
 */
class ReadGitHubIssuesRouteTest extends RouteTestKit {

    @Autowired
    SentryIssueLifecycle lifecycle;
    @Autowired
    GitHubIssueIndex index;

    MockEndpoint github;

    @BeforeEach
    void adviseAndStart() throws Exception {
        advise("list-github-issues", GitHubCalls::takeOut);
        advise("read-github-issues", route -> {
            route.replaceFromWith("direct:read-github-issues-once");
            route.weaveById("list-repository-issues").replace().to("mock:read-github-issues-list");
            route.weaveById("make-labels").replace().to("mock:read-github-issues-labels");
        });
        start("prepare-github-read");
        github = mock("github");
    }

    @Test
    void everyPageIsReadAndEachMarkedIssueFiled() {
        github.whenExchangeReceived(1, exchange -> {
            GitHubCalls.answer(exchange, 200, "[" + issue(8602, "8601", "open", null) + ",{\"number\":8600,\"state\":\"open\","
                    + "\"created_at\":\"2026-12-01T00:00:00Z\",\"body\":\"not the bridge's\",\"labels\":[]}]");
            exchange.getMessage().setHeader("Link", "<http://127.0.0.1:9/repositories/1/issues?page=2>; rel=\"next\"");
        });
        github.whenExchangeReceived(2, exchange -> GitHubCalls.answer(exchange, 200, "[" + issue(8601, "8603", "closed", "completed") + "]"));

        Exchange done = template.send("direct:list-github-issues", exchange -> exchange.setProperty("githubRepository", "acme/shop"));

        assertThat(done.getException()).isNull();
        assertThat(GitHubCalls.of(github)).containsExactly("GET /repos/acme/shop/issues", "GET /repos/acme/shop/issues");
        assertThat(github.getReceivedExchanges()).extracting(e -> e.getMessage().getHeader(Exchange.HTTP_QUERY, String.class))
                .allSatisfy(query -> assertThat(query).contains("labels=agent%3Abuilder").contains("state=all"))
                .extracting(query -> query.replaceAll(".*page=", "")).containsExactly("1", "2");
        assertThat(lifecycle.numberOf("8601")).isEqualTo(8602L);
        assertThat(lifecycle.describe("8603").state()).isEqualTo("resolved");
    }

    @Test
    void creationsWaitForTheReadAndTheLabelsAndAFailedReadIsTriedAgain() throws Exception {
        MockEndpoint list = mock("read-github-issues-list");
        MockEndpoint labels = mock("read-github-issues-labels");
        list.whenExchangeReceived(1, exchange -> {
            throw new IOException("Connection reset");
        });

        template.sendBody("direct:read-github-issues-once", null);

        assertThat(index.isReady()).isFalse();
        assertThat(labels.getReceivedCounter()).isZero();

        template.sendBody("direct:read-github-issues-once", null);

        assertThat(list.getReceivedExchanges()).extracting(e -> e.getProperty("githubRepository")).containsExactly("acme/shop", "acme/shop");
        assertThat(labels.getReceivedCounter()).isEqualTo(1);
        assertThat(index.isReady()).isTrue();
    }

    private static String issue(int number, String key, String state, String reason) {
        return "{\"number\":" + number + ",\"state\":\"" + state + "\",\"state_reason\":" + (reason == null ? "null" : "\"" + reason + "\"")
                + ",\"closed_at\":" + (reason == null ? "null" : "\"2026-12-02T00:00:00Z\"") + ",\"created_at\":\"2026-12-01T00:00:00Z\","
                + "\"body\":\"<!-- sentry-github-bridge: " + key + " -->\\n\\nboom\",\"labels\":[{\"name\":\"agent:builder\"}]}";
    }
}
