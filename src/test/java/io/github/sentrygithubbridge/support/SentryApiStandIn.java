package io.github.sentrygithubbridge.support;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Sentry's web API on loopback: keeps every {@code PUT …/issues/{id}/} it is sent (path, bearer, body) and the
 * status it sets, answers {@code GET …/issues/{id}/} and {@code GET …/incidents/{identifier}/} with the status it
 * has (404 for one it does not know), and can be made to answer 429 with a Retry-After first.
 */
public final class SentryApiStandIn implements AutoCloseable {

    private static final Pattern ISSUE = Pattern.compile("/api/0/organizations/[^/]+/issues/([^/]+)/");
    private static final Pattern INCIDENT = Pattern.compile("/api/0/organizations/[^/]+/incidents/([^/]+)/");
    private static final Pattern STATUS = Pattern.compile("\"status\"\\s*:\\s*\"([a-z_]+)\"");

    /** One request as it arrived. */
    public record Request(String method, String path, String authorization, String body) {
    }

    private final HttpServer server;
    private final List<Request> requests = new ArrayList<>();
    private final AtomicInteger rateLimited = new AtomicInteger();
    private final Map<String, String> statuses = new ConcurrentHashMap<>();
    private final Map<String, Integer> incidents = new ConcurrentHashMap<>();
    private final List<Request> reads = new ArrayList<>();

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

    /** Sentry has the issue in this status now (resolved, unresolved, ignored), as a person set it there. */
    public SentryApiStandIn status(String issueId, String status) {
        statuses.put(issueId, status);
        return this;
    }

    /**
     * Sentry has the issue in the status an {@code issue} delivery announces (archived is "ignored" in the API), as
     * Sentry's API answers before the bridge believes the delivery; the delivery is handed back.
     */
    public byte[] agreeWith(byte[] delivery) {
        try {
            com.fasterxml.jackson.databind.JsonNode payload = new com.fasterxml.jackson.databind.ObjectMapper().readTree(delivery);
            String action = payload.path("action").asText();
            status(payload.path("data").path("issue").path("id").asText(), action.equals("archived") ? "ignored" : action);
            return delivery;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The status Sentry has for the issue now, or null. */
    public String status(String issueId) {
        return statuses.get(issueId);
    }

    /** Sentry has the metric alert's incident in this status now (2 closed, 1 open, 20 critical). */
    public SentryApiStandIn incident(String identifier, int status) {
        incidents.put(identifier, status);
        return this;
    }

    /** The GET requests, in order. */
    public synchronized List<Request> reads() {
        return List.copyOf(reads);
    }

    /** The writes that were answered 200, in order. */
    public synchronized List<Request> requests() {
        return List.copyOf(requests);
    }

    private String found(String path) {
        Matcher issue = ISSUE.matcher(path);
        if (issue.matches() && statuses.containsKey(issue.group(1))) {
            return "{\"id\":\"" + issue.group(1) + "\",\"status\":\"" + statuses.get(issue.group(1)) + "\"}";
        }
        Matcher incident = INCIDENT.matcher(path);
        if (incident.matches() && incidents.containsKey(incident.group(1))) {
            return "{\"identifier\":\"" + incident.group(1) + "\",\"status\":" + incidents.get(incident.group(1)) + "}";
        }
        return null;
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
            } else if (exchange.getRequestMethod().equals("GET")) {
                Request read = new Request("GET", exchange.getRequestURI().getPath(), exchange.getRequestHeaders().getFirst("Authorization"), body);
                synchronized (this) {
                    reads.add(read);
                }
                String found = found(read.path());
                status = found == null ? 404 : 200;
                answer = (found == null ? "{\"detail\":\"The requested resource does not exist\"}" : found).getBytes(StandardCharsets.UTF_8);
            } else if (!exchange.getRequestMethod().equals("PUT")) {
                status = 405;
                answer = "{\"detail\":\"Method not allowed\"}".getBytes(StandardCharsets.UTF_8);
            } else {
                Request write = new Request(exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
                        exchange.getRequestHeaders().getFirst("Authorization"), body);
                synchronized (this) {
                    requests.add(write);
                }
                Matcher issue = ISSUE.matcher(write.path());
                Matcher setTo = STATUS.matcher(body);
                if (issue.matches() && setTo.find()) {
                    statuses.put(issue.group(1), setTo.group(1));
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
