package io.github.sentrygithubbridge.support;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.springframework.util.FileSystemUtils;

/**
 * The packaged jar laid out by deploy/prepare-start.sh for the jar's tests, as deploy/ installs it: Spring Boot's
 * extracted layout and the AOT cache of a training start, which starts in about half the time. The training takes
 * half a minute of both cores, so Maven lays it out beside the unit tests ({@link #main}, run by exec-maven-plugin
 * as soon as the jar is packaged), and the jar's tests take it when it is ready. Run without Maven (an IDE), the
 * first test lays it out itself; where it can't be made, the fat jar is started.
 */
public final class PreparedLayout {

    public static final Path DIR = Path.of("target", "bridge-process-layout").toAbsolutePath();
    /**
     * One line: {@code ready} or {@code failed}, or {@code preparing} and the process making it; then the jar it is
     * made of and the JVM it is trained with.
     */
    static final Path STATUS = Path.of("target", "bridge-process-layout.status").toAbsolutePath();
    static final Duration AHEAD_WAIT = Duration.ofMinutes(3);

    private static List<String> command;

    private PreparedLayout() {
    }

    /**
     * Lays the jar out ahead of the jar's tests; its status says when it is done (Maven, beside the unit tests). A
     * Maven that ends first stops this JVM and leaves "preparing" with a process that is gone: taken as failed.
     */
    public static void main(String[] args) {
        try {
            prepare();
        } catch (IOException | InterruptedException | RuntimeException e) {
            System.out.println("the jar's tests will lay the jar out themselves: " + e.getMessage());
        }
    }

    /** The command line that starts the bridge as deploy/ does: the layout, else the fat jar. */
    public static synchronized List<String> command() {
        if (command == null) {
            command = preparedAhead() ? layoutCommand() : preparedNow();
        }
        return command;
    }

    private static List<String> layoutCommand() {
        return BridgeProcess.jvm(BridgeProcess.java(), "-Xmx256m", "-XX:+UseCompactObjectHeaders", "--enable-native-access=ALL-UNNAMED",
                "-XX:AOTCache=" + DIR.resolve("app.aot"), "-jar", DIR.resolve("sentry-github-bridge.jar").toString());
    }

    /** Waits for the layout Maven started making of this very jar with this JVM; false if there is none. */
    private static boolean preparedAhead() {
        try {
            String made = stamp();
            String status = await().atMost(AHEAD_WAIT).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(200))
                    .until(() -> readStatus().orElse(""), now -> !beingMade(now, made));
            return status.equals("ready " + made);
        } catch (IOException | RuntimeException notMadeAhead) {
            // none, of another build, given up, or still not done in 3 minutes (a ConditionTimeoutException)
            return false;
        }
    }

    /** "preparing PID STAMP" of this jar and JVM, by a process still alive (one killed meanwhile left no other word). */
    private static boolean beingMade(String status, String made) {
        String[] words = status.split(" ", 3);
        return words.length == 3 && words[0].equals("preparing") && words[2].equals(made)
                && ProcessHandle.of(Long.parseLong(words[1])).map(ProcessHandle::isAlive).orElse(false);
    }

    private static List<String> preparedNow() {
        try {
            prepare();
            return layoutCommand();
        } catch (IOException | InterruptedException | RuntimeException e) {
            System.out.println("no fast-start layout for the jar's processes (" + e + "): starting the fat jar");
            return BridgeProcess.jvm(BridgeProcess.java(), "-Xmx256m", "-jar", BridgeProcess.JAR.toString());
        }
    }

    /** Lays the jar out afresh; the status says what the directory holds, whoever made it. */
    private static void prepare() throws IOException, InterruptedException {
        String made = stamp();
        writeStatus("preparing " + ProcessHandle.current().pid() + " " + made);
        try {
            FileSystemUtils.deleteRecursively(DIR);
            List<String> script = List.of("bash", "deploy/prepare-start.sh", BridgeProcess.JAR.toString(), DIR.toString(), BridgeProcess.java());
            Path log = Files.createTempFile("bridge-layout", ".log");
            ProcessBuilder builder = new ProcessBuilder(script).redirectErrorStream(true).redirectOutput(log.toFile());
            builder.environment().remove("SENTRY_DSN");
            Process process = builder.start();
            // Maven stops this JVM when the build ends early: the training start must not outlive it
            Thread stop = new Thread(() -> {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
            });
            Runtime.getRuntime().addShutdownHook(stop);
            try {
                if (!process.waitFor(120, TimeUnit.SECONDS) || process.exitValue() != 0) {
                    process.destroyForcibly();
                    throw new IOException(String.join(" ", script) + " did not finish cleanly: " + Files.readString(log));
                }
            } finally {
                Runtime.getRuntime().removeShutdownHook(stop);
            }
            writeStatus("ready " + made);
        } catch (IOException | InterruptedException | RuntimeException e) {
            writeStatus("failed " + made);
            throw e;
        }
    }

    /** The jar and the JVM a layout is made of: a layout of another build, or for another JVM, is not taken. */
    private static String stamp() throws IOException {
        return Files.size(BridgeProcess.JAR) + "@" + Files.getLastModifiedTime(BridgeProcess.JAR).toMillis() + " " + BridgeProcess.java();
    }

    private static Optional<String> readStatus() throws IOException {
        return Files.exists(STATUS) ? Optional.of(Files.readString(STATUS).strip()) : Optional.empty();
    }

    private static void writeStatus(String status) throws IOException {
        Path next = Files.createTempFile(STATUS.getParent(), "bridge-process-layout", ".status");
        Files.writeString(next, status);
        Files.move(next, STATUS, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
