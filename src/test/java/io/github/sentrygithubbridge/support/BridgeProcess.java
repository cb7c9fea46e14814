package io.github.sentrygithubbridge.support;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The packaged jar run as its own process, configured only by environment variables, as a user would:
 * started, killed with SIGKILL, or stopped with SIGTERM.
 */
public final class BridgeProcess implements AutoCloseable {

    public static final Path JAR = Path.of("target", "sentry-github-bridge.jar");
    public static final String ADMIN_TOKEN = "admin-token-for-the-fault-tests";

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final Process process;
    private final int port;
    private final int managementPort;
    private final Path log;

    private BridgeProcess(Process process, int port, int managementPort, Path log) {
        this.process = process;
        this.port = port;
        this.managementPort = managementPort;
        this.log = log;
    }

    /** Starts the jar with these settings on top of the test defaults and waits until /health is UP. */
    public static BridgeProcess start(Map<String, String> settings) {
        return start(command(), settings);
    }

    /** The same, with another command line. */
    public static BridgeProcess start(List<String> command, Map<String, String> settings) {
        return launch(command, settings).awaitUp();
    }

    /** Starts several at once (replicas): each is UP when this returns. */
    @SafeVarargs
    public static List<BridgeProcess> startTogether(Map<String, String>... settings) {
        List<BridgeProcess> started = Arrays.stream(settings).map(each -> launch(command(), each)).toList();
        try {
            started.forEach(BridgeProcess::awaitUp);
        } catch (RuntimeException notUp) {
            started.forEach(bridge -> bridge.process.destroyForcibly());
            throw notUp;
        }
        return started;
    }

    private static BridgeProcess launch(List<String> command, Map<String, String> settings) {
        try {
            int port = freePort();
            int managementPort = freePort();
            // under target/, beside the test reports: kept for reading when a test fails
            Path logs = Files.createDirectories(Path.of("target", "bridge-process-logs"));
            Path log = Files.createTempFile(logs, "bridge-process", ".log");
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
            Map<String, String> env = builder.environment();
            env.put("SERVER_PORT", Integer.toString(port));
            env.put("MANAGEMENT_SERVER_PORT", Integer.toString(managementPort));
            env.put("SENTRY_WEBHOOK_SECRET", SentryDeliveries.SECRET);
            env.put("BRIDGE_ADMIN_TOKEN", ADMIN_TOKEN);
            env.putAll(settings);
            BridgeProcess bridge = new BridgeProcess(builder.start(), port, managementPort, log);
            ShowLogWhenATestFails.processStarted(log);
            return bridge;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private BridgeProcess awaitUp() {
        try {
            await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(100)).ignoreExceptions()
                    .failFast("the bridge exited; see " + log, () -> !process.isAlive())
                    .until(() -> get("/health", null).statusCode() == 200);
            return this;
        } catch (RuntimeException notUp) {
            process.destroyForcibly();
            throw notUp;
        }
    }

    /** The writes kept and not yet done, in the store this bridge shares (its bridge_pending_alerts gauge). */
    public long pendingWrites() throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + managementPort + "/actuator/prometheus"))
                .timeout(Duration.ofSeconds(10)).build();
        return HTTP.send(request, HttpResponse.BodyHandlers.ofString()).body().lines()
                .filter(line -> line.startsWith("bridge_pending_alerts "))
                .mapToLong(line -> (long) Double.parseDouble(line.substring(line.indexOf(' ') + 1).trim()))
                .findFirst().orElseThrow(() -> new IllegalStateException("no bridge_pending_alerts on the bridge's management port"));
    }

    /**
     * The options of every JVM these tests start: C1 only and the serial collector, the unit's heap floor. A test's
     * process runs for seconds on the two cores the suite shares, where C2 and G1's threads cost more than they
     * win back (a start takes about 10 % less CPU; the engineers' test command half).
     */
    public static final List<String> QUICK_JVM = List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xms32m");

    /** Where deploy/prepare-start.sh lays the jar out for the jar's processes. */
    public static final Path LAYOUT = PreparedLayout.DIR;

    /**
     * How the fault and lifecycle tests start the jar: as deploy/ installs it, from the layout deploy/prepare-start.sh
     * makes of it ({@link PreparedLayout}); the same classes, read from plain jars. PackagedJarIT starts the fat jar
     * itself.
     */
    public static List<String> command() {
        return PreparedLayout.command();
    }

    /** A command line: this java with {@link #QUICK_JVM}, then these arguments. */
    public static List<String> jvm(String java, String... arguments) {
        List<String> command = new ArrayList<>(List.of(java));
        command.addAll(QUICK_JVM);
        command.addAll(List.of(arguments));
        return List.copyOf(command);
    }

    private static String deployJava;

    /**
     * The JVM deploy/ runs the bridge on, Java 25 or later: DEPLOY_JAVA if set, else the JVM running the tests
     * when it is one, else the newest under /usr/lib/jvm. The build itself needs only Java 17.
     */
    public static synchronized String java() {
        if (deployJava == null) {
            String given = System.getenv("DEPLOY_JAVA");
            if (given != null && !given.isBlank()) {
                deployJava = given;
            } else if (Runtime.version().feature() >= 25) {
                deployJava = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            } else {
                deployJava = newestJava25Under(Path.of("/usr/lib/jvm"));
            }
        }
        return deployJava;
    }

    private static String newestJava25Under(Path jvms) {
        try (var homes = Files.list(jvms)) {
            return homes.map(home -> home.resolve("bin").resolve("java")).filter(Files::isExecutable)
                    .filter(candidate -> featureOf(candidate) >= 25)
                    .max(Comparator.comparingInt(BridgeProcess::featureOf))
                    .map(Path::toString)
                    .orElseThrow(() -> new IllegalStateException("the jar's tests run it as deploy/ does, on Java 25 or later:"
                            + " none under " + jvms + "; set DEPLOY_JAVA to one"));
        } catch (IOException e) {
            throw new UncheckedIOException("the jar's tests need a Java 25 or later: set DEPLOY_JAVA to one", e);
        }
    }

    private static int featureOf(Path javaBinary) {
        Path release = javaBinary.getParent().getParent().resolve("release");
        try {
            return Files.readAllLines(release).stream().filter(line -> line.startsWith("JAVA_VERSION="))
                    .map(line -> line.replaceAll("^JAVA_VERSION=\"?(\\d+).*", "$1"))
                    .mapToInt(Integer::parseInt).findFirst().orElse(0);
        } catch (IOException | NumberFormatException e) {
            return 0;
        }
    }

    /** The address of a path on the bridge's public port. */
    public String url(String path) {
        return "http://127.0.0.1:" + port + path;
    }

    public SentryDeliveries sentry() {
        return new SentryDeliveries(port, Clock.systemUTC());
    }

    /** SIGKILL: no shutdown hook, no draining, no last write. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(20, TimeUnit.SECONDS);
    }

    public HttpResponse<String> get(String path, String bearer) throws IOException, InterruptedException {
        return send("GET", path, bearer);
    }

    public HttpResponse<String> post(String path, String bearer) throws IOException, InterruptedException {
        return send("POST", path, bearer);
    }

    public String log() throws IOException {
        return Files.readString(log);
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            process.destroy();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
    }

    private HttpResponse<String> send(String method, String path, String bearer) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(10)).method(method, HttpRequest.BodyPublishers.noBody());
        if (bearer != null) {
            request.header("Authorization", "Bearer " + bearer);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    public static Map<String, String> settings(String... pairs) {
        Map<String, String> map = new HashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            map.put(pairs[i], pairs[i + 1]);
        }
        return map;
    }

    /** Ports below Linux's ephemeral range; each JVM (surefire and failsafe run several) starts at its own place. */
    private static final int FIRST_PORT = 20_000;
    private static final int PORTS = 12_000;
    private static final AtomicInteger NEXT_PORT = new AtomicInteger((int) (ProcessHandle.current().pid() * 97 % PORTS));

    /**
     * A port free on loopback now, for a server that binds it a moment later. Not one the system hands out: the
     * tests' own connections take their client ports from the ephemeral range (32768 and up), and one of them could
     * take it first while tests run side by side. Never the same port twice in this JVM.
     */
    public static int freePort() throws IOException {
        for (int tries = 0; tries < PORTS; tries++) {
            int port = FIRST_PORT + Math.floorMod(NEXT_PORT.getAndIncrement(), PORTS);
            try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
                return socket.getLocalPort();
            } catch (IOException taken) {
                // in use: the next one
            }
        }
        throw new IOException("no free port on loopback between " + FIRST_PORT + " and " + (FIRST_PORT + PORTS));
    }
}
