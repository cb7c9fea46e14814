package io.github.sentrygithubbridge.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * GitHub for the fault-injection and lifecycle tests: a stateful fake of the REST calls the bridge makes (issues,
 * their list with labels, pages and Link headers, one issue, its state and labels, comments, labels), on loopback,
 * that can be taken down, made to hold its answers after doing a write, or made to refuse creations or state
 * changes; people can close, reopen and delete issues, and every state change is sent as a signed {@code issues}
 * webhook when a receiver is set.
 */
public final class GitHubStandIn implements AutoCloseable {

    /** An issue as GitHub keeps it. */
    public record Issue(int number, String title, String body, List<String> labels, Instant createdAt, String state,
                        String stateReason, Instant closedAt, boolean deleted) {

        Issue with(String newState, String reason, Instant closed, List<String> newLabels, boolean gone) {
            return new Issue(number, title, body, newLabels, createdAt, newState, reason, closed, gone);
        }
    }

    private static final Pattern ROUTE = Pattern.compile("/api/v3/repos/[^/]+/[^/]+/(issues|labels|issues/(\\d+)/comments|issues/(\\d+))");
    private static final java.net.http.HttpClient WEBHOOKS = java.net.http.HttpClient.newHttpClient();
    private static final Pattern MARKER = Pattern.compile("<!-- sentry-github-bridge: ([A-Za-z0-9_.:-]+) -->");
    private static final ObjectMapper JSON = new ObjectMapper();

    private volatile String token;
    private final HttpServer server;
    private final ExecutorService pool = Executors.newFixedThreadPool(16);
    private final List<Issue> issues = new ArrayList<>();
    private final Map<Integer, List<String>> comments = new HashMap<>();
    private final Map<Integer, List<String>> assignees = new HashMap<>();
    private final Set<String> assignable = ConcurrentHashMap.newKeySet();
    /** Each issue's repository (owner/name as requested); numbers run across all repositories here, unlike GitHub. */
    private final Map<Integer, String> repositories = new HashMap<>();
    /** The repository issues are seeded in. */
    public static final String MAIN = "acme/shop";
    private final Set<String> labels = ConcurrentHashMap.newKeySet();
    private final AtomicInteger writes = new AtomicInteger();
    private volatile int downStatus;
    private volatile Duration hold = Duration.ZERO;
    private volatile int createStatus;
    private final AtomicInteger failingPatches = new AtomicInteger();
    private volatile Duration nextCreateDelay = Duration.ZERO;
    private final List<String> patches = new ArrayList<>();
    private volatile String webhookUrl;
    private volatile String webhookSecret;
    private final List<String> webhooksSent = new ArrayList<>();
    private volatile App app;

    /** Signs in a GitHub App as GitHub does: a JWT signed with its key for installation tokens of the given lifetime. */
    public void enableApp(String appId, java.security.interfaces.RSAPublicKey key, long installationId, Duration tokenLifetime) {
        app = new App(appId, key, installationId, tokenLifetime);
    }

    /** The installation tokens asked for, and the installation lookups. */
    public int appTokenRequests() {
        return app.tokenRequests.get();
    }

    public int appInstallationLookups() {
        return app.lookups.get();
    }

    /** Every installation token issued so far stops working (as when the App's key is rotated or a token revoked). */
    public void revokeAppTokens() {
        app.tokens.clear();
    }

    /** The next {@code count} installation token requests are refused with 401, as in a moment of GitHub's trouble. */
    public void refuseAppTokenRequests(int count) {
        app.refusals.set(count);
    }

    /** The GitHub App part of GitHub: /app/installations/{id}/access_tokens and /repos/{o}/{r}/installation. */
    private static final class App {

        private static final Pattern TOKENS = Pattern.compile("/api/v3/app/installations/(\\d+)/access_tokens");
        private static final Pattern INSTALLATION = Pattern.compile("/api/v3/repos/[^/]+/[^/]+/installation");

        final String id;
        final com.nimbusds.jose.crypto.RSASSAVerifier verifier;
        final long installationId;
        final Duration lifetime;
        final Map<String, Instant> tokens = new ConcurrentHashMap<>();
        final AtomicInteger tokenRequests = new AtomicInteger();
        final AtomicInteger lookups = new AtomicInteger();
        final AtomicInteger refusals = new AtomicInteger();

        App(String id, java.security.interfaces.RSAPublicKey key, long installationId, Duration lifetime) {
            this.id = id;
            this.verifier = new com.nimbusds.jose.crypto.RSASSAVerifier(key);
            this.installationId = installationId;
            this.lifetime = lifetime;
        }

        boolean accepts(String authorization) {
            Instant expiry = authorization == null ? null : tokens.get(authorization.replaceFirst("^Bearer ", ""));
            return expiry != null && Instant.now().isBefore(expiry);
        }

        /** Answers the App's own requests (signed with a JWT); false for any other request. */
        boolean handles(HttpExchange exchange, String authorization) throws IOException {
            String path = exchange.getRequestURI().getPath();
            Matcher tokenRequest = TOKENS.matcher(path);
            boolean lookup = INSTALLATION.matcher(path).matches();
            boolean self = path.equals("/api/v3/app");
            if (!tokenRequest.matches() && !lookup && !self) {
                return false;
            }
            if (!validJwt(authorization) || (tokenRequest.matches() && refusals.getAndUpdate(n -> Math.max(0, n - 1)) > 0)) {
                answer(exchange, 401, "{\"message\":\"A JSON web token could not be decoded\"}", null);
                return true;
            }
            if (self) {
                // the App writes as bridge[bot], as the echoes below say
                answer(exchange, 200, "{\"slug\":\"bridge\"}", null);
            } else if (lookup) {
                lookups.incrementAndGet();
                answer(exchange, 200, "{\"id\":" + installationId + "}", null);
            } else if (Long.parseLong(tokenRequest.group(1)) != installationId || !exchange.getRequestMethod().equals("POST")) {
                answer(exchange, 404, "{\"message\":\"Not Found\"}", null);
            } else {
                tokenRequests.incrementAndGet();
                String token = "ghs_" + java.util.UUID.randomUUID().toString().replace("-", "") + "x".repeat(4);
                Instant expiry = Instant.now().plus(lifetime).truncatedTo(ChronoUnit.SECONDS);
                tokens.put(token, expiry);
                answer(exchange, 201, "{\"token\":\"" + token + "\",\"expires_at\":\"" + expiry + "\"}", null);
            }
            return true;
        }

        /** RS256 with the App's key, issued by the App, backdated at most a little, valid at most ten minutes. */
        private boolean validJwt(String authorization) {
            try {
                com.nimbusds.jwt.SignedJWT jwt = com.nimbusds.jwt.SignedJWT.parse(authorization.replaceFirst("^Bearer ", ""));
                var claims = jwt.getJWTClaimsSet();
                Instant now = Instant.now();
                return jwt.getHeader().getAlgorithm().equals(com.nimbusds.jose.JWSAlgorithm.RS256) && jwt.verify(verifier)
                        && id.equals(claims.getIssuer())
                        && !claims.getIssueTime().toInstant().isAfter(now.plusSeconds(1))
                        && claims.getExpirationTime().toInstant().isAfter(now)
                        && Duration.between(claims.getIssueTime().toInstant(), claims.getExpirationTime().toInstant()).compareTo(Duration.ofMinutes(11)) <= 0;
            } catch (Exception e) {
                return false;
            }
        }
    }

    private GitHubStandIn(String token) throws IOException {
        this.token = token;
        this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 128);
        server.createContext("/", this::handle);
        server.setExecutor(pool);
        server.start();
    }

    public static GitHubStandIn start(String token) {
        try {
            return new GitHubStandIn(token);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    public String apiUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/api/v3";
    }

    /** From now on, requests must carry this token (401 "Bad credentials" otherwise). */
    public void acceptToken(String newToken) {
        token = newToken;
    }

    /** Every request gets this status until {@link #up()}. */
    public void down(int status) {
        downStatus = status;
    }

    public void up() {
        downStatus = 0;
    }

    /** Writes are done, then their answer waits this long: a client that dies meanwhile never hears of them. */
    public synchronized void holdWrites(Duration duration) {
        hold = duration;
        // answers held so far go out when the hold is lifted
        notifyAll();
    }

    /** Issue creations get this status and are not done (0 = normal). */
    public void failCreates(int status) {
        createStatus = status;
    }

    /** An issue that was on GitHub before the test. */
    public synchronized Issue seedIssue(String title, String body, List<String> labelNames) {
        Issue issue = new Issue(issues.size() + 1, title, body, List.copyOf(labelNames), Instant.now().truncatedTo(ChronoUnit.SECONDS),
                "open", null, null, false);
        issues.add(issue);
        return issue;
    }

    /** Sends every state change from now on as a signed {@code issues} webhook to this URL. */
    public void sendWebhooksTo(String url, String secret) {
        webhookUrl = url;
        webhookSecret = secret;
    }

    /** The next creation is done only after this long (and answered then): a client that gave up never hears of it. */
    public void delayNextCreate(Duration delay) {
        nextCreateDelay = delay;
    }

    /** The next {@code count} PATCH requests get 502 and change nothing. */
    public void failPatches(int count) {
        failingPatches.set(count);
    }

    /** The state changes the bridge asked for, in order: "#n closed completed", "#n open". */
    public synchronized List<String> patches() {
        return List.copyOf(patches);
    }

    public synchronized Issue issue(int number) {
        return issues.get(number - 1);
    }

    /** A person closes the issue on GitHub (completed, not_planned, duplicate). */
    public void closeByPerson(int number, String reason) {
        change(number, "closed", reason, "octocat", false);
    }

    /** A person's close whose webhook is lost (GitHub does not send it again by itself). */
    public void closeByPersonUnannounced(int number, String reason) {
        String url = webhookUrl;
        webhookUrl = null;
        try {
            change(number, "closed", reason, "octocat", false);
        } finally {
            webhookUrl = url;
        }
    }

    public void reopenByPerson(int number) {
        change(number, "open", "reopened", "octocat", false);
    }

    public void deleteByPerson(int number) {
        change(number, null, null, "octocat", true);
    }

    private void change(int number, String state, String reason, String sender, boolean delete) {
        Issue changed;
        synchronized (this) {
            Issue issue = issue(number);
            changed = delete ? issue.with(issue.state(), issue.stateReason(), issue.closedAt(), issue.labels(), true)
                    : issue.with(state, reason, "closed".equals(state) ? Instant.now().truncatedTo(ChronoUnit.SECONDS) : issue.closedAt(),
                    issue.labels(), false);
            issues.set(number - 1, changed);
        }
        webhook(delete ? "deleted" : "closed".equals(state) ? "closed" : "reopened", changed, sender);
    }

    private void webhook(String action, Issue issue, String sender) {
        if (webhookUrl == null) {
            return;
        }
        try {
            redeliver(event(action, issue, sender));
        } catch (IOException e) {
            // GitHub does not retry a failed delivery either
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private String event(String action, Issue issue, String sender) throws IOException {
        return JSON.writeValueAsString(Map.of("action", action, "issue", view(issue),
                "repository", Map.of("full_name", repository(issue.number())), "sender", Map.of("login", sender)));
    }

    /** The issues webhooks sent so far, as sent. */
    public synchronized List<String> webhooksSent() {
        return List.copyOf(webhooksSent);
    }

    /** Sends this issues webhook again, signed as GitHub signs it: what "Redeliver" does in a repository's settings. */
    public java.net.http.HttpResponse<String> redeliver(String event) throws IOException, InterruptedException {
        byte[] body = event.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        synchronized (this) {
            webhooksSent.add(event);
        }
        java.net.http.HttpRequest request = java.net.http.HttpRequest.newBuilder(java.net.URI.create(webhookUrl))
                .header("Content-Type", "application/json").header("X-GitHub-Event", "issues")
                .header("X-GitHub-Delivery", java.util.UUID.randomUUID().toString())
                .header("X-Hub-Signature-256", "sha256=" + io.github.sentrygithubbridge.web.SignatureVerifier.sign(webhookSecret, body))
                .POST(java.net.http.HttpRequest.BodyPublishers.ofByteArray(body)).build();
        return WEBHOOKS.send(request, java.net.http.HttpResponse.BodyHandlers.ofString());
    }

    /** A signed issues webhook saying {@code action} of the issue as it is now, whatever happened to it. */
    public java.net.http.HttpResponse<String> deliver(String action, int number, String sender) throws IOException, InterruptedException {
        Issue issue;
        synchronized (this) {
            issue = issue(number);
        }
        return redeliver(event(action, issue, sender));
    }

    public synchronized List<Issue> issues() {
        return List.copyOf(issues);
    }

    /** How many issues carry each Sentry issue's marker. */
    public synchronized Map<String, Long> issuesPerSentryIssue() {
        return issues.stream().map(i -> marker(i.body())).filter(k -> k != null)
                .collect(Collectors.groupingBy(k -> k, LinkedHashMap::new, Collectors.counting()));
    }

    /** Logins that may be assigned; a creation naming any other gets 422, as on GitHub. */
    public void assignable(String... logins) {
        assignable.addAll(List.of(logins));
    }

    /** Only these logins may be assigned from now on. */
    public void assignableOnly(String... logins) {
        assignable.clear();
        assignable.addAll(List.of(logins));
    }

    /** The repository an issue is in. */
    public synchronized String repository(int number) {
        return repositories.getOrDefault(number, MAIN);
    }

    private static String repositoryOf(HttpExchange exchange) {
        String[] parts = exchange.getRequestURI().getPath().split("/");
        return parts.length > 5 ? parts[4] + "/" + parts[5] : "";
    }

    /** The assignees an issue was opened with. */
    public synchronized List<String> assignees(int number) {
        return assignees.getOrDefault(number, List.of());
    }

    public synchronized List<String> comments(int number) {
        return List.copyOf(comments.getOrDefault(number, List.of()));
    }

    public synchronized int commentCount() {
        return comments.values().stream().mapToInt(List::size).sum();
    }

    public Set<String> labelNames() {
        return Set.copyOf(labels);
    }

    /** POSTs that reached GitHub, whatever they were answered. */
    public int receivedWrites() {
        return writes.get();
    }

    @Override
    public void close() {
        server.stop(0);
        pool.shutdownNow();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] request = exchange.getRequestBody().readAllBytes();
            String method = exchange.getRequestMethod();
            if (method.equals("POST")) {
                writes.incrementAndGet();
            }
            if (downStatus != 0) {
                answer(exchange, downStatus, "{\"message\":\"down\"}", null);
                return;
            }
            String authorization = exchange.getRequestHeaders().getFirst("Authorization");
            if (app != null && app.handles(exchange, authorization)) {
                return;
            }
            if (!("Bearer " + token).equals(authorization) && (app == null || !app.accepts(authorization))) {
                answer(exchange, 401, "{\"message\":\"Bad credentials\"}", null);
                return;
            }
            if (exchange.getRequestURI().getPath().equals("/api/v3/user") && method.equals("GET")) {
                // the token's account: the bridge's echoes below are sent by it
                answer(exchange, 200, "{\"login\":\"bridge[bot]\"}", null);
                return;
            }
            Matcher route = ROUTE.matcher(exchange.getRequestURI().getPath());
            if (!route.matches()) {
                answer(exchange, 404, "{\"message\":\"Not Found\"}", null);
                return;
            }
            JsonNode body = request.length == 0 ? JSON.createObjectNode() : JSON.readTree(request);
            if (route.group(3) != null) {
                one(exchange, Integer.parseInt(route.group(3)), method, body);
            } else if (route.group(2) != null && method.equals("POST")) {
                comment(exchange, Integer.parseInt(route.group(2)), body);
            } else if (route.group(2) != null && method.equals("GET")) {
                List<Map<String, Object>> shown = comments(Integer.parseInt(route.group(2))).stream()
                        .map(text -> Map.<String, Object>of("body", text)).toList();
                answer(exchange, 200, JSON.writeValueAsString(shown), null);
            } else if (route.group(1).equals("labels") && method.equals("POST")) {
                boolean created = labels.add(body.path("name").asText());
                answer(exchange, created ? 201 : 422, created ? "{}" : "{\"message\":\"Validation Failed\",\"errors\":[{\"code\":\"already_exists\"}]}", null);
            } else if (route.group(1).equals("issues") && method.equals("POST")) {
                create(exchange, body);
            } else if (route.group(1).equals("issues") && method.equals("GET")) {
                list(exchange);
            } else {
                answer(exchange, 404, "{\"message\":\"Not Found\"}", null);
            }
        }
    }

    private void create(HttpExchange exchange, JsonNode body) throws IOException {
        Duration delay = nextCreateDelay;
        nextCreateDelay = Duration.ZERO;
        waitFor(delay);
        if (createStatus != 0) {
            answer(exchange, createStatus, "{\"message\":\"Validation Failed\"}", null);
            return;
        }
        for (JsonNode login : body.path("assignees")) {
            if (!assignable.contains(login.asText())) {
                answer(exchange, 422, "{\"message\":\"Validation Failed\",\"errors\":[{\"value\":\"" + login.asText()
                        + "\",\"resource\":\"Issue\",\"field\":\"assignees\",\"code\":\"invalid\"}]}", null);
                return;
            }
        }
        List<String> names = new ArrayList<>();
        body.path("labels").forEach(l -> names.add(l.asText()));
        Issue issue = seedIssue(body.path("title").asText(), body.path("body").asText(), names);
        List<String> logins = new ArrayList<>();
        body.path("assignees").forEach(a -> logins.add(a.asText()));
        synchronized (this) {
            assignees.put(issue.number(), List.copyOf(logins));
            repositories.put(issue.number(), repositoryOf(exchange));
        }
        holdAnswer();
        answer(exchange, 201, JSON.writeValueAsString(view(issue)), null);
    }

    /** GET or PATCH one issue; a deleted one answers 410. */
    private void one(HttpExchange exchange, int number, String method, JsonNode body) throws IOException {
        Issue issue;
        synchronized (this) {
            if (number < 1 || number > issues.size() || !repository(number).equalsIgnoreCase(repositoryOf(exchange))) {
                answer(exchange, 404, "{\"message\":\"Not Found\"}", null);
                return;
            }
            issue = issue(number);
            if (issue.deleted()) {
                answer(exchange, 410, "{\"message\":\"This issue was deleted\"}", null);
                return;
            }
            if (method.equals("PATCH")) {
                if (failingPatches.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                    answer(exchange, 502, "{\"message\":\"Bad Gateway\"}", null);
                    return;
                }
                String state = body.path("state").asText(issue.state());
                String reason = "closed".equals(state) ? body.path("state_reason").asText("completed") : "open".equals(issue.state()) ? issue.stateReason() : "reopened";
                List<String> labelNames = issue.labels();
                if (body.has("labels")) {
                    labelNames = new ArrayList<>();
                    for (JsonNode l : body.path("labels")) {
                        labelNames.add(l.asText());
                    }
                }
                boolean changed = !state.equals(issue.state()) || !java.util.Objects.equals(reason, issue.stateReason());
                Instant closedAt = "closed".equals(state) && changed ? Instant.now().truncatedTo(ChronoUnit.SECONDS) : issue.closedAt();
                issue = issue.with(state, reason, closedAt, List.copyOf(labelNames), false);
                issues.set(number - 1, issue);
                patches.add("#" + number + " " + state + ("closed".equals(state) ? " " + reason : ""));
                if (changed) {
                    Issue echo = issue;
                    pool.execute(() -> webhook("closed".equals(echo.state()) ? "closed" : "reopened", echo, "bridge[bot]"));
                }
            }
        }
        answer(exchange, 200, JSON.writeValueAsString(view(issue)), null);
    }

    private void comment(HttpExchange exchange, int number, JsonNode body) throws IOException {
        synchronized (this) {
            if (issues.stream().noneMatch(i -> i.number() == number)) {
                answer(exchange, 404, "{\"message\":\"Not Found\"}", null);
                return;
            }
            comments.computeIfAbsent(number, n -> new ArrayList<>()).add(body.path("body").asText());
        }
        holdAnswer();
        answer(exchange, 201, "{\"id\":" + commentCount() + "}", null);
    }

    private void list(HttpExchange exchange) throws IOException {
        Map<String, String> query = query(exchange.getRequestURI().getRawQuery());
        List<String> wanted = query.containsKey("labels") ? Arrays.asList(query.get("labels").split(",")) : List.of();
        int perPage = Math.min(100, Integer.parseInt(query.getOrDefault("per_page", "30")));
        int page = Integer.parseInt(query.getOrDefault("page", "1"));
        Comparator<Issue> order = Comparator.comparing(Issue::createdAt).thenComparing(Issue::number);
        String repository = repositoryOf(exchange);
        List<Issue> matching = issues().stream().filter(i -> !i.deleted() && i.labels().containsAll(wanted))
                .filter(i -> repository(i.number()).equalsIgnoreCase(repository))
                .sorted("asc".equals(query.get("direction")) ? order : order.reversed()).toList();
        List<Map<String, Object>> shown = matching.stream().skip((long) (page - 1) * perPage).limit(perPage).map(this::view).toList();
        String link = null;
        if ((long) page * perPage < matching.size()) {
            String uri = "http://127.0.0.1:" + server.getAddress().getPort() + exchange.getRequestURI().getPath() + "?"
                    + exchange.getRequestURI().getRawQuery().replaceAll("(^|&)page=\\d+", "$1page=" + (page + 1));
            link = "<" + uri + ">; rel=\"next\"";
        }
        answer(exchange, 200, JSON.writeValueAsString(shown), link);
    }

    private synchronized void waitFor(Duration delay) {
        long until = System.nanoTime() + delay.toNanos();
        try {
            while (System.nanoTime() < until) {
                wait(Math.max(1, (until - System.nanoTime()) / 1_000_000));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private synchronized void holdAnswer() {
        long until = System.nanoTime() + hold.toNanos();
        try {
            while (!hold.isZero() && System.nanoTime() < until) {
                wait(Math.max(1, (until - System.nanoTime()) / 1_000_000));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private Map<String, Object> view(Issue issue) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("number", issue.number());
        view.put("html_url", "https://github.test/" + repository(issue.number()) + "/issues/" + issue.number());
        view.put("title", issue.title());
        view.put("body", issue.body());
        view.put("state", issue.state());
        view.put("state_reason", issue.stateReason());
        view.put("closed_at", issue.closedAt() == null ? null : issue.closedAt().toString());
        view.put("labels", issue.labels().stream().map(name -> Map.of("name", name)).toList());
        view.put("created_at", issue.createdAt().toString());
        view.put("updated_at", issue.createdAt().toString());
        return view;
    }

    private static String marker(String body) {
        Matcher m = MARKER.matcher(body == null ? "" : body);
        return m.find() ? m.group(1) : null;
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> query = new HashMap<>();
        for (String pair : raw == null ? new String[0] : raw.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                query.put(pair.substring(0, eq), URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return query;
    }

    private static void answer(HttpExchange exchange, int status, String json, String link) throws IOException {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.getResponseHeaders().add("x-ratelimit-remaining", "4999");
        if (link != null) {
            exchange.getResponseHeaders().add("Link", link);
        }
        try {
            exchange.sendResponseHeaders(status, bytes.length);
            exchange.getResponseBody().write(bytes);
        } catch (IOException e) {
            // the client went away while the answer was held: GitHub did the write all the same
        }
    }
}
