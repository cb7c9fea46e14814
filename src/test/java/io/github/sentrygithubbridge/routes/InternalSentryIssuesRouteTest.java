package io.github.sentrygithubbridge.routes;

import static io.github.sentrygithubbridge.support.SentryDeliveries.json;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.sentrygithubbridge.lifecycle.SentryIssueLifecycle;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** routes/internal-sentry-issues.camel.yaml on its own: what the store knows of one Sentry issue. */
class InternalSentryIssuesRouteTest extends RouteTestKit {

    @Autowired
    SentryIssueLifecycle lifecycle;

    @BeforeEach
    void startRoutes() throws Exception {
        start("show-sentry-issue", "reply");
    }

    @Test
    void aFiledIssueIsShownWithItsGitHubIssue() throws Exception {
        lifecycle.filed("8401", 84L, null);

        HttpResponse<String> shown = http("GET", "/internal/sentry-issues/8401", null, true);

        assertThat(shown.statusCode()).isEqualTo(200);
        assertThat(json(shown)).containsEntry("sentryIssueKey", "8401").containsEntry("state", "open").containsEntry("githubIssueNumber", 84);
    }

    @Test
    void anUnknownIssueIs404AndAWrongToken401() throws Exception {
        HttpResponse<String> unknown = http("GET", "/internal/sentry-issues/8499", null, true);

        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(json(unknown)).containsEntry("status", "unknown");
        assertThat(http("GET", "/internal/sentry-issues/8401", null, false).statusCode()).isEqualTo(401);
    }
}
