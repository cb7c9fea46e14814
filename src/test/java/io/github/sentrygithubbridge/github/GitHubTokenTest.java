package io.github.sentrygithubbridge.github;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The account the bridge writes as, asked of GitHub on loopback: once, and not again at once after a failure. */
class GitHubTokenTest {

    final AtomicInteger asked = new AtomicInteger();
    volatile int status = 500;
    HttpServer github;

    @AfterEach
    void stop() {
        if (github != null) {
            github.stop(0);
        }
    }

    @Test
    void theLoginIsAskedOnceAndAFailureIsNotAskedAgainAtOnce() throws IOException {
        GitHubToken token = signedInAt(startGitHub());

        assertThat(token.login()).as("GitHub failed: not known yet").isNull();
        assertThat(token.login()).isNull();
        assertThat(asked.get()).as("no second request within a minute of the failure").isEqualTo(1);

        GitHubToken fresh = signedInAt(github.getAddress().getPort());
        status = 200;
        assertThat(fresh.login()).isEqualTo("bridge[bot]");
        assertThat(fresh.login()).isEqualTo("bridge[bot]");
        assertThat(asked.get()).as("remembered").isEqualTo(2);
    }

    private int startGitHub() throws IOException {
        github = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        github.createContext("/api/v3/user", exchange -> {
            asked.incrementAndGet();
            boolean ours = "Bearer ghp_tokenTestToken0123456789".equals(exchange.getRequestHeaders().getFirst("Authorization"));
            byte[] body = (status == 200 && ours ? "{\"login\":\"bridge[bot]\"}" : "{\"message\":\"Server Error\"}").getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(ours ? status : 401, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        github.start();
        return github.getAddress().getPort();
    }

    private static GitHubToken signedInAt(int port) {
        GitHubProperties properties = new GitHubProperties("ghp_tokenTestToken0123456789", "acme/shop", "http://127.0.0.1:" + port + "/api/v3",
                "agent:builder", Duration.ofSeconds(1), 20, 3, Duration.ofSeconds(1), Duration.ofSeconds(5), Duration.ofSeconds(30), null, null, null);
        return new GitHubToken(properties, Clock.systemUTC(), new GitHubAccess(properties, new SimpleMeterRegistry()));
    }
}
