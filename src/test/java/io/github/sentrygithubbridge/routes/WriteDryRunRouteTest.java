package io.github.sentrygithubbridge.routes;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.sentrygithubbridge.github.CommentDraft;
import io.github.sentrygithubbridge.github.IssueDraft;
import io.github.sentrygithubbridge.github.NewIssue;
import io.github.sentrygithubbridge.lifecycle.SentryIssueLifecycle;
import io.github.sentrygithubbridge.sentry.SentryAlert;
import io.github.sentrygithubbridge.sentry.SentryAlertNormaliser;
import io.github.sentrygithubbridge.support.SentryDeliveries;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.camel.Exchange;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;

/** routes/write-dry-run.camel.yaml on its own: what would go to GitHub is written as Markdown, a creation filed. */
class WriteDryRunRouteTest extends RouteTestKit {

    @Autowired
    SentryAlertNormaliser normaliser;
    @Autowired
    SentryIssueLifecycle lifecycle;
    @Value("${bridge.data-dir}")
    Path dataDir;

    @BeforeEach
    void startRoute() throws Exception {
        start("write-dry-run");
    }

    @Test
    void aCreationIsWrittenAsMarkdownAndFiled() throws Exception {
        SentryAlert alert = normaliser.normalise("event_alert", new ObjectMapper().readTree(SentryDeliveries.eventAlert("7501")));
        NewIssue issue = new NewIssue(new IssueDraft("boom in checkout", "the body", List.of("agent:builder"), List.of()), alert, null);

        Exchange written = template.send("direct:write-dry-run", exchange -> {
            exchange.setProperty("githubAction", "create");
            exchange.setProperty("githubRequest", issue);
            exchange.setProperty("sentryIssueKey", "7501");
        });

        assertThat(written.getException()).isNull();
        Path file = Path.of(written.getMessage().getHeader(Exchange.FILE_NAME_PRODUCED, String.class));
        assertThat(file.toAbsolutePath()).startsWith(dataDir.resolve("dry-run").toAbsolutePath());
        assertThat(Files.readString(file)).startsWith("# boom in checkout").contains("agent:builder");
        assertThat(lifecycle.describe("7501").state()).isEqualTo("open");
    }

    @Test
    void aCommentIsWrittenAndFilesNothing() throws Exception {
        Exchange written = template.send("direct:write-dry-run", exchange -> {
            exchange.setProperty("githubAction", "comment");
            exchange.setProperty("githubRequest", new CommentDraft("seen 3 more times"));
            exchange.setProperty("sentryIssueKey", "7502");
        });

        assertThat(written.getException()).isNull();
        assertThat(Files.readString(Path.of(written.getMessage().getHeader(Exchange.FILE_NAME_PRODUCED, String.class))))
                .contains("seen 3 more times");
        assertThat(lifecycle.describe("7502")).isNull();
    }
}
