package io.github.sentrygithubbridge.routes;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.sentrygithubbridge.github.IssueDraft;
import io.github.sentrygithubbridge.github.NewIssue;
import java.util.List;
import org.apache.camel.component.mock.MockEndpoint;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** routes/ensure-github-labels.camel.yaml on its own: each label made once per repository, paced, before issues. */
class EnsureGitHubLabelsRouteTest extends RouteTestKit {

    MockEndpoint github;

    @BeforeEach
    void adviseAndStart() throws Exception {
        advise("ensure-github-label", GitHubCalls::takeOut);
        start("ensure-labels-of-issue", "ensure-github-labels", "prepare-github-read", "prepare-github-request");
        github = mock("github");
        github.whenAnyExchangeReceived(exchange -> GitHubCalls.answer(exchange, 201, "{}"));
    }

    @Test
    void theLabelsOfANewIssueAreMadeOnceInItsRepository() {
        NewIssue issue = new NewIssue(new IssueDraft("t", "b", List.of("agent:builder", "team:search"), List.of()), null, null);

        template.send("direct:ensure-labels-of-issue", exchange -> {
            exchange.setProperty("githubRequest", issue);
            exchange.setProperty("githubRepository", "acme/labels-once");
        });
        template.send("direct:ensure-labels-of-issue", exchange -> {
            exchange.setProperty("githubRequest", issue);
            exchange.setProperty("githubRepository", "acme/labels-once");
        });

        assertThat(GitHubCalls.of(github)).containsOnly("POST /repos/acme/labels-once/labels").hasSize(3);
        assertThat(github.getReceivedExchanges()).extracting(e -> e.getMessage().getBody(String.class))
                .anySatisfy(body -> assertThat(body).contains("\"name\":\"team:search\"").contains("\"color\":\"ededed\""))
                .anySatisfy(body -> assertThat(body).contains("\"name\":\"agent:builder\""))
                .anySatisfy(body -> assertThat(body).contains("\"name\":\"regression\""));
    }

    @Test
    void atStartupTheConfiguredLabelsAndTheRegressionLabelAreMade() {
        template.send("direct:ensure-github-labels", exchange -> exchange.setProperty("githubRepository", "acme/labels-at-startup"));

        assertThat(GitHubCalls.of(github)).containsExactly("POST /repos/acme/labels-at-startup/labels", "POST /repos/acme/labels-at-startup/labels");
    }
}
