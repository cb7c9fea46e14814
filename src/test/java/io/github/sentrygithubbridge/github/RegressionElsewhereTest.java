package io.github.sentrygithubbridge.github;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.sentrygithubbridge.lifecycle.Decision;
import io.github.sentrygithubbridge.lifecycle.LifecycleProperties;
import io.github.sentrygithubbridge.lifecycle.Transition;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A regression's new issue names the old one so that GitHub links it, also when the two are in different repositories. */
class RegressionElsewhereTest {

    final GitHubRequests requests = new GitHubRequests(new IssueRenderer(), new ObjectMapper(),
            new GitHubProperties("t", "acme/shop", "https://api.github.com", "agent:builder", Duration.ofSeconds(1), 20, 3,
                    Duration.ofSeconds(1), Duration.ofSeconds(5), Duration.ofSeconds(30), null, "acme/payments", null),
            new LifecycleProperties(Duration.ofHours(6), Duration.ofDays(30), "regression"),
            new OutgoingSecrets(new org.springframework.mock.env.MockEnvironment()));

    @Test
    void inTheSameRepositoryABareNumberAndInAnotherTheRepositoryToo() {
        assertThat(body(null, null)).contains("**Regression of #10**");
        assertThat(body("acme/payments", new IssueTarget("acme/payments", List.of(), List.of()))).contains("**Regression of #10**");
        assertThat(body(null, new IssueTarget("acme/payments", List.of(), List.of()))).contains("**Regression of acme/shop#10**");
        assertThat(body("acme/payments", null)).contains("**Regression of acme/payments#10**");
    }

    private String body(String oldRepository, IssueTarget target) {
        Decision decision = new Decision("1117540176", Transition.OPEN_REGRESSION_ISSUE, 3,
                new Decision.Concerning(10L, oldRepository, 0, null, true), new Decision.Answer("accepted", "a regression"), false);
        return ((NewIssue) requests.render(decision, IssueRendererTest.alert().build(), null, target)).issue().body();
    }
}
