package io.github.sentrygithubbridge.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.sun.net.httpserver.HttpServer;
import java.io.File;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * deploy/deploy.sh end to end in a sandbox: a fake systemctl that records its calls, a real /health on loopback,
 * and a stand-in JVM for prepare-start.sh's extraction and training, which FastStartIT runs for real on the jar.
 */
class DeployScriptTest {

    static final Path SCRIPT = Path.of("deploy", "deploy.sh").toAbsolutePath();
    static final Path UNIT = Path.of("deploy", "sentry-github-bridge.service").toAbsolutePath();

    @TempDir
    Path sandbox;

    HttpServer health;
    /** How many health checks answer 503 before the service is up; -1: never up. */
    final AtomicInteger checksBeforeUp = new AtomicInteger(0);
    Path calls;
    Path systemctl;
    Path javaCalls;
    Path java;

    @BeforeEach
    void startHealthAndFakeSystemctl() throws IOException {
        health = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        health.createContext("/health", exchange -> {
            boolean up = checksBeforeUp.getAndUpdate(n -> n > 0 ? n - 1 : n) == 0;
            byte[] body = (up ? "{\"status\":\"UP\"}" : "{\"status\":\"DOWN\"}").getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(up ? 200 : 503, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        health.start();
        calls = sandbox.resolve("systemctl-calls");
        systemctl = sandbox.resolve("fake-systemctl");
        Files.writeString(systemctl, "#!/bin/sh\necho \"$*\" >> '" + calls + "'\n");
        Files.setPosixFilePermissions(systemctl, PosixFilePermissions.fromString("rwxr-xr-x"));
        // its version (25, or what the file java-version says); -Djarmode=tools -jar JAR extract --destination DIR:
        // DIR/ with the jar; a training start: says it started, and writes its AOT cache when it is stopped
        javaCalls = sandbox.resolve("java-calls");
        java = sandbox.resolve("fake-java");
        Files.writeString(java, """
                #!/bin/bash
                if [ "$1" = -XshowSettings:properties ]; then echo "    java.specification.version = $(cat '%s' 2>/dev/null || echo 25)"; exit; fi
                echo "$*" >> '%s'
                if [ "$1" = -Djarmode=tools ]; then mkdir -p "$6/lib" && cp "$3" "$6/$8"; exit; fi
                [ ! -e '%s' ] || { echo "training start failed"; exit 1; }
                for a in "$@"; do case "$a" in -XX:AOTCacheOutput=*) cache="${a#*=}";; esac; done
                trap 'echo cache > "$cache"; exit 143' TERM
                echo "Started BridgeApplication in 0.1 seconds"
                while true; do sleep 0.1; done
                """.formatted(sandbox.resolve("java-version"), javaCalls, sandbox.resolve("fail-training")));
        Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    @AfterEach
    void stopHealth() {
        health.stop(0);
    }

    @Test
    void aDeployInstallsTheJarAndUnitWritesTheReleaseAndRestartsTheService() throws Exception {
        Result result = deploy(jar("v1"), "abc123");

        assertThat(result.exit()).as(result.output()).isZero();
        assertThat(Files.readString(root("opt/sentry-github-bridge/sentry-github-bridge.jar"))).isEqualTo("v1");
        String home = home();
        assertThat(Files.readString(root("etc/sentry-github-bridge/release.env")))
                .isEqualTo("SENTRY_RELEASE=abc123\nSENTRY_ENVIRONMENT=staging\nBRIDGE_HOME=" + home + "\n");
        assertThat(home).matches("/opt/sentry-github-bridge/releases/\\d{8}T\\d{6}Z-abc123");
        // laid out and trained where the unit starts it, with the unit's JVM
        assertThat(Files.readString(root(home.substring(1) + "/sentry-github-bridge.jar"))).isEqualTo("v1");
        assertThat(root(home.substring(1) + "/app.aot")).exists();
        assertThat(Files.readAllLines(javaCalls)).hasSize(2)
                .last().asString().contains("-Xmx256m -Xms32m -XX:+UseSerialGC -XX:+UseCompactObjectHeaders",
                        "-XX:AOTCacheOutput=" + root(home.substring(1) + "/app.aot"),
                        "-jar " + root(home.substring(1) + "/sentry-github-bridge.jar"));
        // the unit runs the JVM that trained the cache
        assertThat(Files.readSymbolicLink(root("opt/sentry-github-bridge/java"))).isEqualTo(java.toRealPath());
        assertThat(root("etc/systemd/system/sentry-github-bridge.service")).hasSameTextualContentAs(UNIT);
        assertThat(recordedCalls()).containsExactly(
                "daemon-reload", "enable --quiet sentry-github-bridge", "restart sentry-github-bridge");
        assertThat(result.output()).contains("release abc123 is live");
    }

    @Test
    void aServiceThatAnswers503AtFirstIsLiveOnceHealthAnswers200() throws Exception {
        checksBeforeUp.set(2);

        Result result = deploy(jar("v1"), "slow");

        assertThat(result.exit()).as(result.output()).isZero();
        assertThat(result.output()).contains("health check 1/3: 503", "health check 3/3: 200", "release slow is live");
    }

    @Test
    void aSecondDeployKeepsThePreviousJarAndRelease() throws Exception {
        assertThat(deploy(jar("v1"), "sha1").exit()).isZero();

        Result second = deploy(jar("v2"), "sha2");

        assertThat(second.exit()).as(second.output()).isZero();
        assertThat(Files.readString(root("opt/sentry-github-bridge/sentry-github-bridge.jar"))).isEqualTo("v2");
        assertThat(Files.readString(root("opt/sentry-github-bridge/sentry-github-bridge.jar.previous"))).isEqualTo("v1");
        assertThat(Files.readString(root("etc/sentry-github-bridge/release.env"))).startsWith("SENTRY_RELEASE=sha2\n");
        assertThat(Files.readString(root("etc/sentry-github-bridge/release.env.previous"))).startsWith("SENTRY_RELEASE=sha1\n");
        assertThat(releases()).hasSize(2);

        // a third keeps only its own release and the one a rollback would go back to
        assertThat(deploy(jar("v3"), "sha3").exit()).isZero();
        assertThat(releases()).map(dir -> dir.getFileName().toString().replaceAll("^\\d{8}T\\d{6}Z-", ""))
                .containsExactlyInAnyOrder("sha2", "sha3");
    }

    @Test
    void aJvmOlderThanJava25IsRefusedBeforeAnythingIsInstalled() throws Exception {
        Files.writeString(sandbox.resolve("java-version"), "17");

        Result result = deploy(jar("v1"), "old-jvm");

        assertThat(result.exit()).as(result.output()).isNotZero();
        assertThat(result.output()).contains("is Java 17; the bridge is deployed on Java 25 or later");
        assertThat(root("opt/sentry-github-bridge/sentry-github-bridge.jar")).doesNotExist();
        assertThat(root("opt/sentry-github-bridge/java")).doesNotExist();
        assertThat(calls).as("the service is not touched").doesNotExist();
    }

    @Test
    void aReleaseWhoseTrainingStartFailsIsNotInstalled() throws Exception {
        Files.createFile(sandbox.resolve("fail-training"));

        Result result = deploy(jar("v1"), "broken");

        assertThat(result.exit()).as(result.output()).isNotZero();
        assertThat(result.output()).contains("training start failed", "prepare-start: the training start of");
        assertThat(root("opt/sentry-github-bridge/sentry-github-bridge.jar")).doesNotExist();
        assertThat(root("etc/sentry-github-bridge/release.env")).doesNotExist();
        assertThat(calls).as("the service is not touched").doesNotExist();
        assertThat(releases()).as("no half-made release is left").isEmpty();
    }

    @Test
    void aReleaseThatNeverGetsHealthyIsRolledBackAndTheDeployFails() throws Exception {
        assertThat(deploy(jar("v1"), "good").exit()).isZero();
        Files.writeString(root("etc/systemd/system/sentry-github-bridge.service"), "the unit that ran before\n");
        Files.delete(calls);
        checksBeforeUp.set(3);

        Result result = deploy(jar("v2"), "bad");

        assertThat(result.exit()).as(result.output()).isNotZero();
        assertThat(Files.readString(root("opt/sentry-github-bridge/sentry-github-bridge.jar"))).isEqualTo("v1");
        assertThat(Files.readString(root("etc/sentry-github-bridge/release.env")))
                .startsWith("SENTRY_RELEASE=good\nSENTRY_ENVIRONMENT=staging\nBRIDGE_HOME=");
        assertThat(releases()).as("the failed release's directory is gone, the good one's kept")
                .containsExactly(root(home().substring(1)));
        assertThat(Files.readString(root("etc/systemd/system/sentry-github-bridge.service")))
                .isEqualTo("the unit that ran before\n");
        assertThat(Files.readSymbolicLink(root("opt/sentry-github-bridge/java"))).as("the JVM the good release was trained with")
                .isEqualTo(java.toRealPath());
        assertThat(recordedCalls()).containsExactly(
                "daemon-reload", "enable --quiet sentry-github-bridge", "restart sentry-github-bridge",
                "daemon-reload", "restart sentry-github-bridge");
        assertThat(result.output()).contains("health check 3/3: 503", "release bad never answered 200", "rolling back",
                "release bad failed its health check; rolled back to release good, which is healthy");
    }

    @Test
    void aRollbackThatDoesNotGetHealthyEitherSaysSo() throws Exception {
        assertThat(deploy(jar("v1"), "good").exit()).isZero();
        checksBeforeUp.set(-1);

        Result result = deploy(jar("v2"), "bad");

        assertThat(result.exit()).as(result.output()).isNotZero();
        assertThat(Files.readString(root("opt/sentry-github-bridge/sentry-github-bridge.jar"))).isEqualTo("v1");
        assertThat(result.output()).contains(
                "release bad failed its health check, and the previous release good is not healthy either");
    }

    @Test
    void aFirstReleaseThatNeverGetsHealthySaysThereIsNothingToRollBackTo() throws Exception {
        checksBeforeUp.set(-1);

        Result result = deploy(jar("v1"), "first");

        assertThat(result.exit()).as(result.output()).isNotZero();
        assertThat(result.output()).contains("no previous jar to roll back to");
        assertThat(recordedCalls()).containsExactly(
                "daemon-reload", "enable --quiet sentry-github-bridge", "restart sentry-github-bridge");
    }

    @Test
    void withoutAJarItSaysHowToUseItAndChangesNothing() throws Exception {
        Result none = run(List.of("bash", SCRIPT.toString()), Map.of());
        Result missing = run(List.of("bash", SCRIPT.toString(), sandbox.resolve("nope.jar").toString()), Map.of());

        assertThat(none.exit()).isEqualTo(2);
        assertThat(none.output()).contains("usage: deploy/deploy.sh JAR");
        assertThat(missing.exit()).isEqualTo(2);
        assertThat(missing.output()).contains("no jar at " + sandbox.resolve("nope.jar"), "usage: deploy/deploy.sh JAR");
        assertThat(root("")).doesNotExist();
        assertThat(calls).doesNotExist();
    }

    @Test
    void theUnitRunsTheJarUnprivilegedWithTheJitAllowed() throws IOException {
        List<String> unit = Files.readAllLines(UNIT);

        assertThat(unit).contains(
                "User=sentry-github-bridge",
                "StateDirectory=sentry-github-bridge",
                "Environment=BRIDGE_DATA_DIR=/var/lib/sentry-github-bridge",
                "EnvironmentFile=/etc/sentry-github-bridge/release.env",
                "NoNewPrivileges=yes",
                "CapabilityBoundingSet=");
        assertThat(unit).anyMatch(line -> line.startsWith("ExecStart=/opt/sentry-github-bridge/java ")
                && line.endsWith(" -XX:AOTCache=${BRIDGE_HOME}/app.aot -jar ${BRIDGE_HOME}/sentry-github-bridge.jar"));
        assertThat(unit).noneMatch(line -> line.startsWith("MemoryDenyWriteExecute=") || line.startsWith("DynamicUser="));
    }

    private Path jar(String content) throws IOException {
        Path jar = sandbox.resolve("build-" + content + ".jar");
        Files.writeString(jar, content);
        return jar;
    }

    private Path root(String path) {
        return sandbox.resolve("root").resolve(path);
    }

    /** BRIDGE_HOME as release.env has it. */
    private String home() throws IOException {
        return Files.readAllLines(root("etc/sentry-github-bridge/release.env")).stream()
                .filter(line -> line.startsWith("BRIDGE_HOME=")).findFirst().orElseThrow().substring("BRIDGE_HOME=".length());
    }

    private List<Path> releases() throws IOException {
        try (Stream<Path> dirs = Files.list(root("opt/sentry-github-bridge/releases"))) {
            return dirs.toList();
        }
    }

    private List<String> recordedCalls() throws IOException {
        return Files.readAllLines(calls);
    }

    private Result deploy(Path jar, String sha) throws Exception {
        return run(List.of("bash", SCRIPT.toString(), jar.toString()), Map.of("RELEASE_SHA", sha));
    }

    private Result run(List<String> command, Map<String, String> extraEnv) throws Exception {
        Path output = Files.createTempFile(sandbox, "output", ".log");
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(output.toFile());
        Map<String, String> env = builder.environment();
        env.put("DEPLOY_ROOT", sandbox.resolve("root").toString());
        env.put("SYSTEMCTL", systemctl.toString());
        env.put("JAVA", java.toString());
        env.put("HEALTH_URL", "http://127.0.0.1:" + health.getAddress().getPort() + "/health");
        env.put("HEALTH_TRIES", "3");
        env.put("HEALTH_DELAY", "0.1");
        env.put("SENTRY_ENVIRONMENT", "staging");
        env.remove("RELEASE_SHA");
        env.putAll(extraEnv);
        Process process = builder.start();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            fail("%s did not finish in 60 s:%n%s", command, Files.readString(output));
        }
        return new Result(process.exitValue(), Files.readString(output));
    }


    record Result(int exit, String output) {
    }
}
