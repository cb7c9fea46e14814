package io.github.sentrygithubbridge.routes;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.sentrygithubbridge.github.GitHubIssueIndex;
import io.github.sentrygithubbridge.lifecycle.GitHubIssue;
import io.github.sentrygithubbridge.lifecycle.SentryIssueLifecycle;
import java.time.Instant;
import java.util.List;
import org.apache.camel.Exchange;
import org.apache.camel.component.mock.MockEndpoint;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * routes/close-duplicate-issues.camel.yaml on its own: of two issues GitHub opened for one Sentry issue, the oldest
 * is kept and the other closed as its duplicate. The listing (read-github-issues) is a mock that finds both.
 */
class CloseDuplicateIssuesRouteTest extends RouteTestKit {

    @Autowired
    SentryIssueLifecycle lifecycle;

    MockEndpoint github;
    MockEndpoint listing;

    @BeforeEach
    void adviseAndStart() throws Exception {
        advise("close-duplicate-issues", route -> {
            route.weaveById("list-issues-since").replace().to("mock:close-duplicate-issues-listing");
            GitHubCalls.takeOut(route);
        });
        start("prepare-github-read", "prepare-github-request");
        github = mock("github");
        github.whenAnyExchangeReceived(exchange -> GitHubCalls.answer(exchange, 200, "{}"));
        listing = mock("close-duplicate-issues-listing");
    }

    @Test
    void theYoungerIssueIsClosedAsADuplicateOfTheOldest() {
        lifecycle.filed("8701", 8712L, null);
        listing.whenAnyExchangeReceived(exchange -> exchange.setProperty(GitHubIssueIndex.LISTING, new GitHubIssueIndex.Listing(List.of(open(8711), open(8712)), null)));

        Exchange done = template.send("direct:close-duplicate-issues", exchange -> {
            exchange.setProperty("sentryIssueKey", "8701");
            exchange.setProperty("githubRepository", "acme/shop");
            exchange.setProperty("githubRequest", new io.github.sentrygithubbridge.state.DuplicateCheck(0L));
        });

        assertThat(done.getException()).isNull();
        assertThat(GitHubCalls.of(github)).containsExactly("POST /repos/acme/shop/issues/8712/comments", "PATCH /repos/acme/shop/issues/8712");
        assertThat(github.getReceivedExchanges().get(0).getMessage().getBody(String.class)).contains("#8711");
        assertThat(github.getReceivedExchanges().get(1).getMessage().getBody(String.class)).contains("\"state\":\"closed\"");
        assertThat(lifecycle.numberOf("8701")).isEqualTo(8711L);
    }

    @Test
    void oneIssueIsNoDuplicate() {
        listing.whenAnyExchangeReceived(exchange -> exchange.setProperty(GitHubIssueIndex.LISTING, new GitHubIssueIndex.Listing(List.of(open(8721)), null)));

        template.send("direct:close-duplicate-issues", exchange -> {
            exchange.setProperty("sentryIssueKey", "8702");
            exchange.setProperty("githubRepository", "acme/shop");
            exchange.setProperty("githubRequest", new io.github.sentrygithubbridge.state.DuplicateCheck(0L));
        });

        assertThat(github.getReceivedCounter()).isZero();
    }

    private static GitHubIssue open(long number) {
        String key = number < 8720 ? "8701" : "8702";
        return new GitHubIssue(number, "open", null, null, Instant.parse("2026-12-01T00:00:00Z"), key, List.of("agent:builder"), false, null);
    }
}
