package io.github.sentrygithubbridge.routetest;

import io.github.sentrygithubbridge.JsonConfiguration;
import io.github.sentrygithubbridge.extension.LevelAsText;
import io.github.sentrygithubbridge.extension.RoutesDirectory;
import io.github.sentrygithubbridge.github.GitHubProperties;
import io.github.sentrygithubbridge.github.GitHubRequests;
import io.github.sentrygithubbridge.github.IssuePreview;
import io.github.sentrygithubbridge.github.IssueRenderer;
import io.github.sentrygithubbridge.github.IssueTargets;
import io.github.sentrygithubbridge.github.IssueTemplates;
import io.github.sentrygithubbridge.github.OutgoingSecrets;
import io.github.sentrygithubbridge.lifecycle.LifecycleProperties;
import io.github.sentrygithubbridge.sentry.AlertFilter;
import io.github.sentrygithubbridge.sentry.FilterProperties;
import io.github.sentrygithubbridge.sentry.SentryAlertNormaliser;
import org.apache.camel.spring.boot.CamelAutoConfiguration;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.autoconfigure.context.PropertyPlaceholderAutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Import;

/**
 * What the test command starts: Camel with the delivery's way to a rendered issue (preview-delivery and the
 * engineer's routes and templates), and nothing else — no web server, no store, no GitHub client. Not a
 * {@code @Configuration}: the service's component scan must not find it.
 */
@ImportAutoConfiguration({PropertyPlaceholderAutoConfiguration.class, CamelAutoConfiguration.class})
@EnableConfigurationProperties({GitHubProperties.class, FilterProperties.class, LifecycleProperties.class})
@Import({JsonConfiguration.class, SentryAlertNormaliser.class, AlertFilter.class, IssueTemplates.class, IssueRenderer.class,
        IssueTargets.class, OutgoingSecrets.class, GitHubRequests.class, IssuePreview.class, RoutesDirectory.class, LevelAsText.class})
class RouteTestConfiguration {
}
