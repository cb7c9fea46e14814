package io.github.sentrygithubbridge.routetest;

import io.github.sentrygithubbridge.StartupFailure;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * {@code java -jar sentry-github-bridge.jar test [--junit PATH] FILE|DIR...}: runs each case's Sentry delivery
 * through the engineer's routes and templates as /internal/preview does, and compares what comes out with what the
 * case expects. Exit 0 when every case passes, 1 when one fails, 2 when a file can't be used (README "Test your routes").
 */
public final class RouteTestCommand {

    static final String USAGE = "usage: java -jar sentry-github-bridge.jar test [--junit PATH] FILE|DIR...";

    private final PrintStream out;
    private final PrintStream err;
    private final List<JUnitReport.Suite> suites = new ArrayList<>();
    private final Map<RouteTestFile.Setup, Object> contexts = new LinkedHashMap<>();
    private int passed;
    private int failed;
    private int unusable;

    private RouteTestCommand(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    /**
     * As {@code java -jar sentry-github-bridge.jar test ...} runs it: the results own stdout; the log of the
     * engineer's routes goes to stderr, in plain lines, warnings and up.
     */
    public static void main(List<String> args) {
        PrintStream results = System.out;
        System.setOut(System.err);
        System.setProperty("logging.structured.format.console", "");
        System.setProperty("logging.level.root", "WARN");
        // the command says in one line what stopped a start
        System.setProperty("logging.level.org.springframework.boot.SpringApplication", "OFF");
        System.setProperty("logging.level.org.springframework.boot.diagnostics", "OFF");
        System.setProperty("logging.level.org.springframework.context.support", "OFF");
        System.setProperty("logging.level.org.springframework.context.annotation.AnnotationConfigApplicationContext", "OFF");
        // "only been running for less than a second": a test run is meant to be short
        System.setProperty("logging.level.org.apache.camel.spring.boot.SpringBootCamelContext", "ERROR");
        System.exit(run(args, results, System.err));
    }

    /** The exit code. Results go to {@code out}, files that can't be used to {@code err}. */
    public static int run(List<String> args, PrintStream out, PrintStream err) {
        Path junit = null;
        List<Path> paths = new ArrayList<>();
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if (arg.equals("-h") || arg.equals("--help")) {
                out.println(USAGE);
                return 0;
            } else if (arg.equals("--junit") && i + 1 < args.size()) {
                junit = Path.of(args.get(++i));
            } else if (arg.startsWith("--junit=")) {
                junit = Path.of(arg.substring("--junit=".length()));
            } else if (arg.startsWith("-")) {
                err.println("unknown option " + arg + "\n" + USAGE);
                return 2;
            } else {
                paths.add(Path.of(arg));
            }
        }
        if (paths.isEmpty()) {
            err.println("no test files given\n" + USAGE);
            return 2;
        }
        RouteTestCommand command = new RouteTestCommand(out, err);
        try {
            for (Path file : files(paths, err)) {
                command.runFile(file);
            }
        } finally {
            command.closeContexts();
        }
        return command.finish(junit);
    }

    /** The files named, and the *.yaml and *.yml files directly in a directory named. */
    private static List<Path> files(List<Path> paths, PrintStream err) {
        List<Path> files = new ArrayList<>();
        for (Path path : paths) {
            if (Files.isDirectory(path)) {
                try (Stream<Path> listed = Files.list(path)) {
                    files.addAll(listed.filter(f -> f.toString().endsWith(".yaml") || f.toString().endsWith(".yml"))
                            .filter(Files::isRegularFile).sorted().toList());
                } catch (IOException e) {
                    files.add(path);
                }
            } else {
                files.add(path);
            }
        }
        return files;
    }

    private void runFile(Path path) {
        RouteTestFile file;
        try {
            if (!Files.isRegularFile(path)) {
                throw new RouteTestFileException(path, 0, "no such test file");
            }
            file = RouteTestFile.read(path);
        } catch (RouteTestFileException e) {
            unusable(path.toString(), e.getMessage(), List.of());
            return;
        }
        Object context = contexts.computeIfAbsent(file.setup(), setup -> {
            try {
                return RouteTestContext.start(setup);
            } catch (RuntimeException e) {
                return StartupFailure.describe(e);
            }
        });
        if (context instanceof String failure) {
            unusable(path.toString(), path + ": " + failure, List.of());
            return;
        }
        List<CaseResult> results = new ArrayList<>();
        String problem = null;
        for (RouteTestCase test : file.cases()) {
            CaseResult result = runCase((RouteTestContext) context, path, test);
            results.add(result);
            if (result.unusable() != null) {
                problem = problem == null ? result.unusable() : problem;
                err.println("ERROR " + result.unusable());
                continue;
            }
            if (result.passed()) {
                passed++;
                out.println("PASS  " + path + ": " + test.name());
            } else {
                failed++;
                out.println("FAIL  " + path + ":" + test.line() + ": " + test.name());
                result.differences().forEach(difference -> out.println("        " + difference));
            }
        }
        if (problem != null) {
            unusable++;
        }
        suites.add(new JUnitReport.Suite(path.toString(), results, null));
    }

    private CaseResult runCase(RouteTestContext context, Path path, RouteTestCase test) {
        long started = System.nanoTime();
        List<String> differences;
        try {
            Map<String, Object> reply = context.run(test);
            differences = new ArrayList<>(test.expect().differences(reply));
            if (reply.get("targetFailure") != null) {
                differences.add(0, reply.get("targetFailure") + " (the issue would get BRIDGE_LABELS and nobody assigned)");
            }
        } catch (RouteTestContext.CaseUnusableException e) {
            return new CaseResult(test, List.of(), new RouteTestFileException(path, e.line, e.getMessage()).getMessage(),
                    millisSince(started));
        } catch (RouteTestContext.DeliveryFailedException e) {
            differences = List.of("the bridge refuses the delivery: " + e.getMessage());
        } catch (IOException e) {
            differences = List.of("the delivery can't be read: " + e.getMessage());
        }
        return new CaseResult(test, differences, null, millisSince(started));
    }

    private static long millisSince(long started) {
        return (System.nanoTime() - started) / 1_000_000;
    }

    private void unusable(String file, String problem, List<CaseResult> results) {
        err.println("ERROR " + problem);
        unusable++;
        suites.add(new JUnitReport.Suite(file, results, problem));
    }

    private void closeContexts() {
        contexts.values().forEach(context -> {
            if (context instanceof RouteTestContext started) {
                started.close();
            }
        });
    }

    private int finish(Path junit) {
        out.println();
        out.println(passed + " passed, " + failed + " failed" + (unusable == 0 ? "" : "; " + unusable + " file(s) could not be used"));
        if (junit != null) {
            try {
                JUnitReport.write(junit, suites);
            } catch (IOException e) {
                err.println("ERROR " + junit + ": " + e.getMessage());
                return 2;
            }
        }
        return unusable > 0 ? 2 : failed > 0 ? 1 : 0;
    }
}
