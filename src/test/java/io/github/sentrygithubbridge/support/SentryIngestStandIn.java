package io.github.sentrygithubbridge.support;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.zip.GZIPInputStream;

/** A stand-in for Sentry's ingest endpoint on loopback: keeps every envelope the SDK sends. */
public final class SentryIngestStandIn implements AutoCloseable {

    public static final String KEY = "0123456789abcdef0123456789abcdef";

    private final HttpServer server;
    private final List<String> envelopes = new CopyOnWriteArrayList<>();

    public SentryIngestStandIn() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", exchange -> {
            try (InputStream raw = exchange.getRequestBody()) {
                boolean gzip = "gzip".equalsIgnoreCase(exchange.getRequestHeaders().getFirst("Content-Encoding"));
                InputStream body = gzip ? new GZIPInputStream(raw) : raw;
                envelopes.add(new String(body.readAllBytes(), StandardCharsets.UTF_8));
            }
            byte[] ok = "{}".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, ok.length);
            exchange.getResponseBody().write(ok);
            exchange.close();
        });
        server.start();
    }

    /** A DSN pointing at this stand-in, project 42. */
    public String dsn() {
        return "http://" + KEY + "@127.0.0.1:" + server.getAddress().getPort() + "/42";
    }

    public List<String> envelopes() {
        return List.copyOf(envelopes);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
