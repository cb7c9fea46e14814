package io.github.sentrygithubbridge.support;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.LifecycleMethodExecutionExceptionHandler;
import org.junit.jupiter.api.extension.TestExecutionExceptionHandler;

/**
 * The console of a test run shows test names, failures and the summary; the application's log goes to the
 * class's file under target/surefire-reports (and a started jar's to target/bridge-process-logs). When a test
 * fails, the last lines of those logs are attached to its failure, so they are on the console where the failure
 * is read. Registered for every test class through META-INF/services and junit-platform.properties.
 */
public class ShowLogWhenATestFails implements BeforeAllCallback, TestExecutionExceptionHandler, LifecycleMethodExecutionExceptionHandler {

    private static final int LINES = 60;
    private static final RecentLines CONSOLE = new RecentLines();
    /** The logs of the jars started by the running test class (its thread: the packaged-jar tests run classes side by side). */
    private static final ThreadLocal<List<Path>> PROCESS_LOGS = ThreadLocal.withInitial(CopyOnWriteArrayList::new);

    static {
        // the application logs to System.out (Logback looks it up on every write): keep a copy of its last lines
        PrintStream original = System.out;
        System.setOut(new PrintStream(new OutputStream() {
            @Override
            public void write(int b) {
                original.write(b);
                CONSOLE.write(b);
            }

            @Override
            public void write(byte[] b, int off, int len) {
                original.write(b, off, len);
                for (int i = off; i < off + len; i++) {
                    CONSOLE.write(b[i]);
                }
            }

            @Override
            public void flush() {
                original.flush();
            }
        }, true, StandardCharsets.UTF_8));
    }

    static void processStarted(Path log) {
        PROCESS_LOGS.get().add(log);
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        PROCESS_LOGS.get().clear();
    }

    @Override
    public void handleTestExecutionException(ExtensionContext context, Throwable failure) throws Throwable {
        throw withLogs(failure);
    }

    @Override
    public void handleBeforeAllMethodExecutionException(ExtensionContext context, Throwable failure) throws Throwable {
        throw withLogs(failure);
    }

    @Override
    public void handleBeforeEachMethodExecutionException(ExtensionContext context, Throwable failure) throws Throwable {
        throw withLogs(failure);
    }

    private static Throwable withLogs(Throwable failure) {
        failure.addSuppressed(new ApplicationLog("the last " + LINES + " lines of the test's console", CONSOLE.last(LINES)));
        for (Path log : PROCESS_LOGS.get()) {
            failure.addSuppressed(new ApplicationLog("the last " + LINES + " lines of " + log, tail(log)));
        }
        return failure;
    }

    private static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - LINES), lines.size()));
        } catch (IOException e) {
            return "(unreadable: " + e + ")";
        }
    }

    /** A log excerpt carried by a failure: its message is the log, it has no stack of its own. */
    static final class ApplicationLog extends RuntimeException {

        ApplicationLog(String what, String lines) {
            super(what + ":\n" + lines, null, false, false);
        }

        @Override
        public String toString() {
            return getMessage();
        }
    }

    /** The last lines written, bounded. */
    private static final class RecentLines {

        private final Deque<String> lines = new ArrayDeque<>();
        private final java.io.ByteArrayOutputStream current = new java.io.ByteArrayOutputStream();

        synchronized void write(int b) {
            if (b == '\n') {
                lines.addLast(current.toString(StandardCharsets.UTF_8));
                current.reset();
                if (lines.size() > LINES) {
                    lines.removeFirst();
                }
            } else if (current.size() < 4096) {
                current.write(b);
            }
        }

        synchronized String last(int n) {
            return String.join("\n", lines.stream().skip(Math.max(0, lines.size() - n)).toList());
        }
    }
}
