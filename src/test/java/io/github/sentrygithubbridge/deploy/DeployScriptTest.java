package io.github.sentrygithubbridge.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** deploy/deploy.sh end to end in a sandbox: a fake systemctl, a real health endpoint on loopback. */
class DeployScriptTest {

    static final Path SCRIPT = Path.of("deploy", "deploy.sh").toAbsolutePath();

    @TempDir
    Path sandbox;

    HttpServer health;
    final AtomicBoolean up = new AtomicBoolean(true);
    Path calls;
    Path systemctl;

    @BeforeEach
    void startHealthAndFakeSystemctl() throws IOException {
        health = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        health.createContext("/health", exchange -> {
            byte[] body = (up.get() ? "{\"status\":\"UP\"}" : "{\"status\":\"DOWN\"}").getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(up.get() ? 200 : 503, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        health.start();
        calls = sandbox.resolve("systemctl-calls");
        systemctl = sandbox.resolve("fake-systemctl");
        Files.writeString(systemctl, "#!/bin/sh\necho \"$*\" >> '" + calls + "'\n");
        Files.setPosixFilePermissions(systemctl, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    @AfterEach
    void stopHealth() {
        health.stop(0);
    }

    @Test
    void installsTheJarWritesTheReleaseAndRestarts() throws Exception {
        Path jar = jar("v1");

        Result result = deploy(jar, "abc123");

        assertThat(result.exit).as(result.output).isZero();
        assertThat(Files.readString(root("opt/sentry-github-bridge/sentry-github-bridge.jar"))).isEqualTo("v1");
        assertThat(Files.readString(root("etc/sentry-github-bridge/release.env")))
                .isEqualTo("SENTRY_RELEASE=abc123\nSENTRY_ENVIRONMENT=staging\n");
        assertThat(Files.readString(root("etc/systemd/system/sentry-github-bridge.service"))).contains("ExecStart=");
        assertThat(Files.readAllLines(calls)).containsExactly("daemon-reload", "enable sentry-github-bridge", "restart sentry-github-bridge");
        assertThat(result.output).contains("release abc123 is live");
    }

    @Test
    void keepsThePreviousJarOnTheNextDeploy() throws Exception {
        deploy(jar("v1"), "sha1");

        Result second = deploy(jar("v2"), "sha2");

        assertThat(second.exit).as(second.output).isZero();
        assertThat(Files.readString(root("opt/sentry-github-bridge/sentry-github-bridge.jar"))).isEqualTo("v2");
        assertThat(Files.readString(root("opt/sentry-github-bridge/sentry-github-bridge.jar.previous"))).isEqualTo("v1");
    }

    @Test
    void rollsBackAndFailsWhenHealthNeverComes() throws Exception {
        deploy(jar("v1"), "good");
        Files.delete(calls);
        up.set(false);

        Result result = deploy(jar("v2"), "bad");

        assertThat(result.exit).as(result.output).isNotZero();
        assertThat(Files.readString(root("opt/sentry-github-bridge/sentry-github-bridge.jar"))).isEqualTo("v1");
        assertThat(Files.readString(root("etc/sentry-github-bridge/release.env"))).contains("SENTRY_RELEASE=good");
        assertThat(Files.readAllLines(calls)).containsExactly("daemon-reload", "enable sentry-github-bridge",
                "restart sentry-github-bridge", "restart sentry-github-bridge");
        assertThat(result.output).contains("rolling back", "release bad failed its health check");
    }

    @Test
    void failsWithoutAPreviousJarToRollBackTo() throws Exception {
        up.set(false);

        Result result = deploy(jar("v1"), "first");

        assertThat(result.exit).isNotZero();
        assertThat(result.output).contains("no previous jar to roll back to");
    }

    @Test
    void saysHowToUseItWithoutAJar() throws Exception {
        Result none = run(List.of("bash", SCRIPT.toString()));
        Result missing = run(List.of("bash", SCRIPT.toString(), sandbox.resolve("nope.jar").toString()));

        assertThat(none.exit).isEqualTo(2);
        assertThat(none.output).contains("usage: deploy/deploy.sh JAR");
        assertThat(missing.exit).isEqualTo(2);
        assertThat(missing.output).contains("no jar at");
    }

    private Path jar(String content) throws IOException {
        Path jar = sandbox.resolve("build-" + content + ".jar");
        Files.writeString(jar, content);
        return jar;
    }

    private Path root(String path) {
        return sandbox.resolve("root").resolve(path);
    }

    private Result deploy(Path jar, String sha) throws Exception {
        return run(List.of("bash", SCRIPT.toString(), jar.toString()), "RELEASE_SHA=" + sha);
    }

    private Result run(List<String> command, String... extraEnv) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("DEPLOY_ROOT", sandbox.resolve("root").toString());
        builder.environment().put("SYSTEMCTL", systemctl.toString());
        builder.environment().put("HEALTH_URL", "http://127.0.0.1:" + health.getAddress().getPort() + "/health");
        builder.environment().put("HEALTH_TRIES", "3");
        builder.environment().put("HEALTH_DELAY", "0.1");
        builder.environment().put("SENTRY_ENVIRONMENT", "staging");
        for (String pair : extraEnv) {
            String[] kv = pair.split("=", 2);
            builder.environment().put(kv[0], kv[1]);
        }
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return new Result(process.exitValue(), output);
    }

    record Result(int exit, String output) {
    }
}
