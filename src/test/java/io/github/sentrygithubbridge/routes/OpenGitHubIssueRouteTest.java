package io.github.sentrygithubbridge.routes;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.sentrygithubbridge.github.IssueDraft;
import io.github.sentrygithubbridge.github.NewIssue;
import io.github.sentrygithubbridge.lifecycle.SentryIssueLifecycle;
import io.github.sentrygithubbridge.sentry.SentryAlert;
import io.github.sentrygithubbridge.sentry.SentryAlertNormaliser;
import io.github.sentrygithubbridge.state.PendingWrites;
import io.github.sentrygithubbridge.support.SentryDeliveries;
import java.util.List;
import org.apache.camel.Exchange;
import org.apache.camel.component.mock.MockEndpoint;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * routes/open-github-issue.camel.yaml on its own: GitHub's {@code POST /repos/{owner}/{repo}/issues} woven out to
 * a mock that answers as GitHub does, the label check and the listing to mocks of their own.
 */
class OpenGitHubIssueRouteTest extends RouteTestKit {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Autowired
    SentryAlertNormaliser normaliser;
    @Autowired
    SentryIssueLifecycle lifecycle;

    MockEndpoint create;
    MockEndpoint lookForSent;
    MockEndpoint opened;

    @BeforeEach
    void adviseAndStart() throws Exception {
        advise("open-github-issue", route -> {
            GitHubCalls.takeOut(route);
            route.weaveById("ensure-labels").replace().to("mock:open-github-issue-labels");
            route.weaveById("look-for-sent-issue").replace().to("mock:open-github-issue-look-for-sent");
            route.weaveById("tell-issue-opened").replace().to("mock:open-github-issue-opened");
        });
        // the request's headers and body, as the lane prepares every GitHub write
        start("prepare-github-read", "prepare-github-request");
        create = mock("github");
        lookForSent = mock("open-github-issue-look-for-sent");
        opened = mock("open-github-issue-opened");
    }

    @Test
    void opensTheIssueAsGitHubAsksAndFilesItsNumber() throws Exception {
        create.expectedMessageCount(1);
        create.whenAnyExchangeReceived(exchange -> answer(exchange, 4201));
        opened.expectedMessageCount(1);
        opened.expectedPropertyReceived("githubIssueNumber", 4201L);
        opened.expectedPropertyReceived("githubIssueUrl", "https://github.com/acme/shop/issues/4201");
        lookForSent.expectedMessageCount(0);

        Exchange done = open("7701", 1, List.of("alice"));

        MockEndpoint.assertIsSatisfied(create, opened, lookForSent);
        assertThat(done.getException()).isNull();
        Exchange sent = create.getReceivedExchanges().get(0);
        assertThat(sent.getMessage().getHeaders()).containsEntry("Authorization", "Bearer " + GITHUB_TOKEN)
                .containsEntry("Accept", "application/vnd.github+json").containsEntry("X-GitHub-Api-Version", "2022-11-28")
                .containsEntry("CamelHttpPath", "/repos/acme/shop/issues")
                .doesNotContainKey("Sentry-Hook-Signature");
        assertThat(GitHubCalls.method(sent)).isEqualTo("POST");
        JsonNode body = JSON.readTree(sent.getMessage().getBody(String.class));
        assertThat(body.path("title").asText()).isEqualTo("boom in checkout");
        assertThat(body.path("labels").toString()).isEqualTo("[\"agent:builder\"]");
        assertThat(body.path("assignees").toString()).isEqualTo("[\"alice\"]");
        assertThat(lifecycle.numberOf("7701")).isEqualTo(4201L);
    }

    @Test
    void aCreationSentBeforeIsLookedForAndNotOpenedAgain() throws Exception {
        lookForSent.expectedMessageCount(1);
        // the listing finds it on GitHub by its marker, and files it
        lookForSent.whenAnyExchangeReceived(exchange -> lifecycle.filed("7702", 4202L, null));
        create.expectedMessageCount(0);

        Exchange done = open("7702", 2, List.of());

        MockEndpoint.assertIsSatisfied(lookForSent, create);
        assertThat(done.getException()).isNull();
        assertThat(lifecycle.numberOf("7702")).isEqualTo(4202L);
    }

    // GitHub's 422 for an assignee it refuses is the doCatch's, which an exception thrown by a mock in place of
    // GitHub never reaches (the intercept's own error handler takes it): ExtensionPointsTest sends it for real

    @Test
    void a201WithoutANumberIsKeptForAnotherTryWhichLooksForItFirst() throws Exception {
        create.expectedMessageCount(1);
        create.whenAnyExchangeReceived(exchange -> {
            exchange.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, 201);
            exchange.getMessage().setBody("{}");
        });
        opened.expectedMessageCount(0);

        Exchange done = open("7703", 1, List.of());

        MockEndpoint.assertIsSatisfied(create, opened);
        // handled by github-write-errors: the write goes back to the store, the issue is not filed; the next try is a
        // creation sent before, which looks for its marker first (aCreationSentBeforeIsLookedForAndNotOpenedAgain)
        assertThat(done.getException()).isNull();
        assertThat(done.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class))
                .isInstanceOf(io.github.sentrygithubbridge.github.UncertainWriteException.class);
        assertThat(lifecycle.numberOf("7703")).isNull();
    }

    /** GitHub's 201 for a new issue. */
    private static void answer(Exchange exchange, int number) {
        exchange.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, 201);
        exchange.getMessage().setBody("{\"number\":" + number + ",\"html_url\":\"https://github.com/acme/shop/issues/" + number + "\"}");
    }

    /** The creation as the lane hands it on after leasing it for its {@code sends}th send. */
    private Exchange open(String key, int sends, List<String> assignees) throws Exception {
        SentryAlert alert = normaliser.normalise("event_alert", JSON.readTree(SentryDeliveries.eventAlert(key)));
        NewIssue issue = new NewIssue(new IssueDraft("boom in checkout", "the body", List.of("agent:builder"), assignees), alert, null);
        return template.send("direct:open-github-issue", exchange -> {
            exchange.setProperty(PendingWrites.ID, 1L);
            exchange.setProperty(PendingWrites.ATTEMPTS, sends);
            exchange.setProperty(PendingWrites.ACCEPTED_AT, System.currentTimeMillis());
            exchange.setProperty("sentryIssueKey", key);
            exchange.setProperty("sentryIssueId", key);
            exchange.setProperty("githubAction", "create");
            exchange.setProperty("githubRequest", issue);
            exchange.setProperty("githubRepository", "acme/shop");
        });
    }
}
