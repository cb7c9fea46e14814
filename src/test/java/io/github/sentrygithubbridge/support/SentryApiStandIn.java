package io.github.sentrygithubbridge.support;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Sentry's web API on loopback, for GitHub -> Sentry: keeps every {@code PUT …/issues/{id}/} it is sent (path,
 * bearer, body), and can be made to answer 429 with a Retry-After first.
 */
public final class SentryApiStandIn implements AutoCloseable {

    /** One request as it arrived. */
    public record Request(String method, String path, String authorization, String body) {
    }

    private final HttpServer server;
    private final List<Request> requests = new ArrayList<>();
    private final AtomicInteger rateLimited = new AtomicInteger();

    private SentryApiStandIn() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 64);
        server.createContext("/", this::handle);
        server.start();
    }

    public static SentryApiStandIn start() {
        try {
            return new SentryApiStandIn();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** The next {@code count} requests get 429 with Retry-After: 1. */
    public void rateLimit(int count) {
        rateLimited.set(count);
    }

    /** The requests that were answered 200, in order. */
    public synchronized List<Request> requests() {
        return List.copyOf(requests);
    }

    @Override
    public void close() {
        server.stop(0);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            byte[] answer;
            int status;
            if (rateLimited.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                exchange.getResponseHeaders().add("Retry-After", "1");
                status = 429;
                answer = "{\"detail\":\"rate limited\"}".getBytes(StandardCharsets.UTF_8);
            } else {
                synchronized (this) {
                    requests.add(new Request(exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
                            exchange.getRequestHeaders().getFirst("Authorization"), body));
                }
                status = 200;
                answer = body.getBytes(StandardCharsets.UTF_8);
            }
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(status, answer.length);
            exchange.getResponseBody().write(answer);
        }
    }
}
