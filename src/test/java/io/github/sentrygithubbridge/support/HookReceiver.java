package io.github.sentrygithubbridge.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/** An HTTP endpoint on loopback that an engineer's route calls (a chat webhook): keeps what it got, can fail or hang. */
public final class HookReceiver implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;
    private final ExecutorService pool = Executors.newCachedThreadPool();
    private final List<JsonNode> received = new ArrayList<>();
    private final List<String> headers = new ArrayList<>();
    private volatile int status = 204;
    private volatile CountDownLatch hang = new CountDownLatch(0);

    private HookReceiver() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 64);
        server.createContext("/", this::handle);
        server.setExecutor(pool);
        server.start();
    }

    public static HookReceiver start() {
        try {
            return new HookReceiver();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/hook";
    }

    /** Answers this status from now on. */
    public void answer(int newStatus) {
        status = newStatus;
    }

    /** Holds every answer until {@link #release()}. */
    public void hang() {
        hang = new CountDownLatch(1);
    }

    public void release() {
        hang.countDown();
    }

    public synchronized List<JsonNode> received() {
        return List.copyOf(received);
    }

    /** Every request header it got, as "Name: value". */
    public synchronized List<String> headers() {
        return List.copyOf(headers);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            JsonNode body = JSON.readTree(exchange.getRequestBody());
            synchronized (this) {
                received.add(body);
                exchange.getRequestHeaders().forEach((name, values) -> headers.add(name + ": " + String.join(",", values)));
            }
            hang.await(60, TimeUnit.SECONDS);
            exchange.sendResponseHeaders(status, -1);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        release();
        server.stop(0);
        pool.shutdownNow();
    }
}
