package io.github.sentrygithubbridge.routes;

import io.github.sentrygithubbridge.support.SentryDeliveries;
import io.github.sentrygithubbridge.support.TestClockConfiguration;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Map;
import java.util.Set;
import java.util.WeakHashMap;
import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.AdviceWith;
import org.apache.camel.builder.AdviceWithRouteBuilder;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.util.function.ThrowingConsumer;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Camel route tests, one class per file in routes/: each tests its file's routes on their own, with Camel's kit —
 * {@link AdviceWith} weaving node ids, {@link MockEndpoint}s in place of what lies outside the file, a
 * {@link ProducerTemplate} into {@code direct:} routes (or real HTTP on loopback where the route is a webhook).
 *
 * <p>Every route test shares this one Spring context: same settings, same store (SQLite in a temporary directory),
 * a GitHub token but no GitHub (calls to it are woven out), no route started until a test {@linkplain #start starts} the ones it tests. A route is advised
 * once per context, so a class advises only its own file's routes, and its mocks carry its file's name.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "camel.main.auto-startup=false",
        "bridge.webhook.secret=" + SentryDeliveries.SECRET,
        "github.webhook-secret=" + RouteTestKit.GITHUB_SECRET,
        "bridge.admin-token=" + RouteTestKit.ADMIN_TOKEN,
        "bridge.filter.environments=production",
        "github.token=" + RouteTestKit.GITHUB_TOKEN,
        // nothing listens there: a route test weaves out every call to GitHub
        "github.api-url=http://127.0.0.1:9",
        "github.repository=acme/shop",
        "github.write-interval=PT0.01S",
        "github.redelivery.delay=PT0.01S",
        "bridge.sentry-api.token=route-tests-sentry-token",
        "bridge.sentry-api.org=acme",
        // nor there: Sentry's web API is woven out too
        "bridge.sentry-api.url=http://127.0.0.1:7"
})
@Import(TestClockConfiguration.class)
public abstract class RouteTestKit {

    static final String GITHUB_TOKEN = "route-tests-github-token";
    static final String GITHUB_SECRET = "route-tests-github-secret";
    static final String ADMIN_TOKEN = "route-tests-admin-token";
    private static final Path DATA_DIR = temporaryDirectory();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final Map<CamelContext, Set<String>> ADVISED = Collections.synchronizedMap(new WeakHashMap<>());

    @DynamicPropertySource
    static void dataDir(DynamicPropertyRegistry registry) {
        registry.add("bridge.data-dir", DATA_DIR::toString);
    }

    @Autowired
    protected CamelContext camel;

    @Autowired
    protected ProducerTemplate template;

    @LocalServerPort
    protected int port;

    @BeforeEach
    void resetMocks() {
        MockEndpoint.resetMocks(camel);
    }

    /** Advises the route the first time a test of this context asks, then starts it. */
    protected void advise(String routeId, ThrowingConsumer<AdviceWithRouteBuilder, Exception> advice) throws Exception {
        Set<String> advised = ADVISED.computeIfAbsent(camel, c -> Collections.synchronizedSet(new java.util.HashSet<>()));
        if (!advised.contains(routeId)) {
            AdviceWith.adviceWith(camel, routeId, advice);
            advised.add(routeId);
        }
        start(routeId);
    }

    /** Starts routes as they are in routes/ (auto-startup is off in route tests). */
    protected void start(String... routeIds) throws Exception {
        for (String routeId : routeIds) {
            if (!camel.getRouteController().getRouteStatus(routeId).isStarted()) {
                camel.getRouteController().startRoute(routeId);
            }
        }
    }

    /** A request to this context's web server on loopback, with the admin token when {@code admin}. */
    protected HttpResponse<String> http(String method, String path, String body, boolean admin) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (admin) {
            request.header("Authorization", "Bearer " + ADMIN_TOKEN);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    protected MockEndpoint mock(String name) {
        return camel.getEndpoint("mock:" + name, MockEndpoint.class);
    }

    private static Path temporaryDirectory() {
        try {
            return Files.createTempDirectory("route-tests");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
